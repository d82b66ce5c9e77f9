import FluentKit
import Foundation
import SQLKit

/// One category's line in a ``MonthlyReport``.
public struct CategoryTotal: Sendable, Equatable, Codable {
    /// The category's name.
    public let category: String
    /// Its colour, `#RRGGBB`.
    public let color: String
    /// Expenses in the month.
    public let count: Int
    /// Their exact sum.
    public let total: Money
    /// Share of the month's total, in percent, rounded half-up to one decimal.
    public let share: Decimal
}

/// A user's spending in one month, per category, largest total first.
public struct MonthlyReport: Sendable, Equatable, Codable {
    /// The user's email.
    public let user: String
    /// The month, `YYYY-MM`.
    public let month: String
    /// Per category, largest total first.
    public let categories: [CategoryTotal]
    /// Expenses in the month.
    public let count: Int
    /// The month's exact total.
    public let total: Money
}

extension Ledger {
    /// The monthly report, computed by one SQL statement (join and group by) however many
    /// categories or expenses there are. Totals are summed as integer cents in the database.
    ///
    /// - Throws: ``LedgerError/notFound(kind:key:)`` for an unknown user.
    ///
    /// - Parameter snapshot: run inside a read-only snapshot transaction (for verification).
    public func monthlyReport(user: String, month: Month, snapshot: Bool = false) async throws -> MonthlyReport {
        let email = try Validation.email(user)
        let spending = SpendingQuery(email: email, from: month.firstDay, through: month.lastDay, byMonth: false)
        let rows = snapshot
            ? try await handle.readSnapshot { try await spending.rows(on: $0) }
            : try await handle.readStatement(spending.statement, decoding: SpendingQuery.Row.self)
        guard !rows.isEmpty else { throw LedgerError.notFound(kind: "user", key: email) }
        let lines = rows.compactMap { row -> (String, String, Int, Money)? in
            guard let category = row.category, let color = row.color else { return nil }
            return (category, color, row.items, Money(cents: row.total_cents))
        }
        let total = lines.reduce(Money.zero) { $0 + $1.3 }
        return MonthlyReport(
            user: email,
            month: month.description,
            categories: lines.map { CategoryTotal(category: $0.0, color: $0.1, count: $0.2, total: $0.3, share: Self.share($0.3, of: total)) },
            count: lines.reduce(0) { $0 + $1.2 },
            total: total
        )
    }

    /// `part / whole` in percent, rounded half-up (away from zero) to one decimal, computed
    /// exactly in integers: tenths of a percent are `part × 1000 / whole`, rounded.
    static func share(_ part: Money, of whole: Money) -> Decimal {
        guard whole.cents != 0 else { return 0 }
        let numerator = Int128(part.cents) * 1000, denominator = Int128(whole.cents)
        let tenths = (2 * numerator.magnitude + denominator.magnitude) / (2 * denominator.magnitude)
        let negative = (numerator < 0) != (denominator < 0) && tenths != 0
        guard let small = UInt64(exactly: tenths) else {
            // Refunds that almost cancel a month out can make a share too large for 64 bits.
            var ratio = Decimal(part.cents) * 100 / Decimal(whole.cents), rounded = Decimal()
            NSDecimalRound(&rounded, &ratio, 1, .plain)
            return rounded
        }
        return Decimal(sign: negative ? .minus : .plus, exponent: -1, significand: Decimal(small))
    }
}
