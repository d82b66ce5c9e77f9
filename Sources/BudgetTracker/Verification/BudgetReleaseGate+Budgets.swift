import FluentKit
import PersistKit
import PersistTooling
import SQLKit

extension BudgetReleaseGate {
    /// The budget invariants, over every user's rows: no budget move takes a limit below zero (a
    /// move is one row, from one category to another, so the month's total is unchanged), no
    /// recurring occurrence is posted twice nor one expense posted for two, and no alert is
    /// recorded twice.
    static func budgets(_ ledger: Ledger) async throws -> [String: String] {
        try await ledger.handle.read { database in
            let sql = database as! any SQLDatabase
            func count(_ query: SQLQueryString) async throws -> Int {
                try await sql.raw("SELECT COUNT(*) AS n FROM (\(query)) x").first()!.decode(column: "n", as: Int.self)
            }
            let malformedMoves = try await count("SELECT id FROM budget_moves WHERE from_category_id = to_category_id OR amount_cents <= 0")
            let doublePostings = try await count("SELECT rule_id FROM recurring_postings GROUP BY rule_id, occurrence HAVING COUNT(*) > 1")
            let sharedExpenses = try await count("SELECT expense_id FROM recurring_postings WHERE expense_id IS NOT NULL GROUP BY expense_id HAVING COUNT(*) > 1")
            let doubleAlerts = try await count("SELECT user_id FROM budget_alerts GROUP BY user_id, category_id, month, percent HAVING COUNT(*) > 1")
            // Every category a move took budget from, in every month it did: its limit there.
            let sources = try await sql.raw("SELECT DISTINCT user_id, from_category_id FROM budget_moves ORDER BY user_id, from_category_id").all()
            var below: [String] = []
            for source in sources {
                let user = try source.decode(column: "user_id", as: Int.self), category = try source.decode(column: "from_category_id", as: Int.self)
                let book = try await Ledger.categoryBook(user: user, categories: [category], on: database)
                for month in book.movedMonths(Int64(category)) {
                    if let limit = try book.limit(Int64(category), in: month), limit.cents < 0 { below.append("category \(category) of user \(user) in \(month): \(limit)") }
                }
            }
            let figures = [
                "moves": String(try await count("SELECT id FROM budget_moves")), "malformed moves": String(malformedMoves), "limits below zero": String(below.count),
                "occurrences posted twice": String(doublePostings), "expenses posted twice": String(sharedExpenses), "alerts recorded twice": String(doubleAlerts),
            ]
            var problems: [String] = []
            if malformedMoves > 0 { problems.append("\(malformedMoves.counted("budget move")) from a category to itself or of no amount") }
            if !below.isEmpty { problems.append("budget moved out leaves a limit below zero (\(below.prefix(3).joined(separator: "; ")))") }
            if doublePostings > 0 { problems.append("\(doublePostings.counted("recurring occurrence")) posted more than once") }
            if sharedExpenses > 0 { problems.append("\(sharedExpenses.counted("expense")) posted for more than one occurrence") }
            if doubleAlerts > 0 { problems.append("\(doubleAlerts.counted("alert")) recorded more than once") }
            guard problems.isEmpty else { throw GateFailure(problems.joined(separator: "; "), figures: figures) }
            return figures
        }
    }
}
