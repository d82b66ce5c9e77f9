import BudgetTracker
import Foundation
import Hummingbird

// The JSON the API reads. Amounts and dates are strings ("12.34", "2024-01-15"): exact, never
// a binary fraction. Each type names only what a client may send; the user is never among it.

/// `POST /api/signup`.
struct SignUpBody: Decodable {
    let email: String
    let name: String
    let password: String
}

/// `POST /api/login`.
struct SignInBody: Decodable {
    let email: String
    let password: String
}

/// `POST /api/categories`.
struct NewCategoryBody: Decodable {
    let name: String
    let color: String?
}

/// `PATCH /api/categories/{name}`.
struct RecolorBody: Decodable {
    let color: String
}

/// `POST /api/categories/{name}/merge`.
struct MergeBody: Decodable {
    let into: String
}

/// `POST /api/expenses`.
struct NewExpenseBody: Decodable {
    let category: String
    let amount: Money
    let date: CalendarDate?
    let description: String
}

/// `PATCH /api/expenses/{id}`: the fields to change.
struct ExpenseChangesBody: Decodable {
    let category: String?
    let amount: Money?
    let date: CalendarDate?
    let description: String?
}

/// `PUT /api/budgets`: a limit for a category in a month, or from a month on.
struct BudgetBody: Decodable {
    let category: String
    let month: String
    let amount: Money
    let everyMonth: Bool?
    let rollover: Bool?

    private enum CodingKeys: String, CodingKey {
        case category, month, amount, rollover
        case everyMonth = "every_month"
    }
}

/// `POST /api/budgets/moves`.
struct BudgetMoveBody: Decodable {
    let from: String
    let to: String
    let amount: Money
    let month: String
}

/// `POST /api/recurring`.
struct RecurringBody: Decodable {
    let category: String
    let amount: Money
    let description: String
    /// `weekly`, `monthly` or `yearly`.
    let every: String
    let from: CalendarDate
    let until: CalendarDate?
}

/// `PUT /api/budgets/thresholds`, and its answer.
struct ThresholdsBody: Codable, ResponseEncodable {
    let thresholds: [Int]
}

/// `POST /api/transfers`.
struct TransferBody: Decodable {
    let from: String
    let to: String
    let amount: Money
    let date: CalendarDate?
}

// What the API answers, beside the ledger's own records.

/// A session opened by signing up or in.
struct SessionBody: ResponseEncodable {
    let user: UserBody
    /// The bearer token; shown once, kept by the server only as a hash.
    let token: String
    let expiresAt: Date

    private enum CodingKeys: String, CodingKey {
        case user, token
        case expiresAt = "expires_at"
    }
}

/// The signed-in user.
struct UserBody: ResponseEncodable {
    let id: Int
    let email: String
    let name: String
}

/// A category as one user sees it.
struct CategoryBody: ResponseEncodable {
    let id: Int
    let name: String
    let color: String
    /// `true` for a shared category (usable, not changeable), `false` for the user's own.
    let shared: Bool

    init(_ record: CategoryRecord) {
        id = record.id
        name = record.name
        color = record.color
        shared = record.isShared
    }
}

/// A page of expenses.
struct ExpensePage: ResponseEncodable {
    let items: [ExpenseRecord]
    let limit: Int
    let offset: Int
    /// The `offset` of the next page, or `null` on the last.
    let nextOffset: Int?

    private enum CodingKeys: String, CodingKey {
        case items, limit, offset
        case nextOffset = "next_offset"
    }
}

/// What a delete removed: one expense, or both legs of a transfer.
struct DeletedBody: ResponseEncodable {
    let deleted: [ExpenseRecord]
}

/// How many expenses a merge moved.
struct MergedBody: ResponseEncodable {
    let moved: Int
}

/// A verification's outcome.
struct VerificationBody: ResponseEncodable {
    let user: String
    let month: String
    /// Whether the report may be released: every category agrees within the tolerance.
    let verified: Bool
    let categories: [Line]

    struct Line: Encodable {
        let category: String
        let database: String?
        let ledger: String?
        let agrees: Bool
    }
}

extension ExpenseRecord: ResponseEncodable {}
extension MonthlyReport: ResponseEncodable {}
extension BudgetReport: ResponseEncodable {}
extension BudgetSetting: ResponseEncodable {}
extension BudgetMove: ResponseEncodable {}
extension BudgetAlerts: ResponseEncodable {}
extension RecurringRule: ResponseEncodable {}
extension RecurringRun: ResponseEncodable {}
extension SpendingTrend: ResponseEncodable {}
extension ImportSummary: ResponseEncodable {}
extension Transfer: ResponseEncodable {}
