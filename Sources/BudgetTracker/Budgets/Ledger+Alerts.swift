import FluentKit
import Foundation
import PersistKit
import SQLKit

extension Ledger {
    /// The thresholds used when a user has set none: 80 % and 100 %.
    public static let defaultThresholds = [80, 100]

    /// Replaces `user`'s alert thresholds (percent of what a month makes available, 1 to 1000).
    ///
    /// - Returns: the thresholds, lowest first, without repeats.
    /// - Throws: ``LedgerError/invalid(field:reason:)`` for none, more than ten, or one out of range.
    @discardableResult
    public func setAlertThresholds(user: String, percents: [Int]) async throws -> [Int] {
        let email = try Validation.email(user)
        let thresholds = Array(Set(percents)).sorted()
        guard !thresholds.isEmpty, thresholds.count <= 10, thresholds.allSatisfy({ (1...1000).contains($0) }) else {
            throw LedgerError.invalid(field: "threshold", reason: "give from one to ten thresholds, each a whole percent from 1 to 1000")
        }
        try await handle.transaction { database in
            let owner = try await Self.lockedUser(email: email, on: database)
            let sql = database as! any SQLDatabase
            try await sql.raw("DELETE FROM budget_thresholds WHERE user_id = \(bind: owner)").run()
            for percent in thresholds {
                try await sql.raw("INSERT INTO budget_thresholds (user_id, percent) VALUES (\(bind: owner), \(bind: Int64(percent)))").run()
            }
        }
        return thresholds
    }

    /// Checks `user`'s budget for `month` against their thresholds and records each threshold a
    /// category has reached, once: a check that finds it again (or runs at the same moment in
    /// another process) reports it with its first record and writes nothing.
    ///
    /// - Throws: ``LedgerError/notFound(kind:key:)`` for an unknown user.
    public func checkBudgetAlerts(user: String, month: Month) async throws -> BudgetAlerts {
        let email = try Validation.email(user)
        return try await handle.transaction { database in
            let sql = database as! any SQLDatabase
            let book = try BudgetBook(rows: try await BudgetQuery(email: email, month: month).rows(on: database))
            guard book.userExists else { throw LedgerError.notFound(kind: "user", key: email) }
            let owner = try await Self.lockedUser(email: email, on: database)
            let stored = try await sql.raw("SELECT percent FROM budget_thresholds WHERE user_id = \(bind: owner) ORDER BY percent").all()
                .map { Int(try $0.decode(column: "percent", as: Int64.self)) }
            let thresholds = stored.isEmpty ? Self.defaultThresholds : stored
            let key = CharValue(text: month.description, width: 7)
            let now = Int64(Date().timeIntervalSince1970)
            var alerts: [BudgetAlert] = []
            for (category, line) in try book.lines(in: month) {
                guard let available = line.available else { continue }
                for percent in thresholds where line.reached(percent: percent) {
                    let inserted = try await sql.raw("""
                        INSERT INTO budget_alerts (user_id, category_id, month, percent, spent_cents, available_cents, recorded_at)
                        VALUES (\(bind: owner), \(bind: category), \(key), \(bind: Int64(percent)), \(bind: line.spent.cents), \(bind: available.cents), \(bind: now))
                        ON CONFLICT (user_id, category_id, month, percent) DO NOTHING RETURNING recorded_at
                        """).all()
                    let recordedAt: Int64
                    if inserted.isEmpty {
                        let first = try await sql.raw("""
                            SELECT recorded_at FROM budget_alerts
                            WHERE user_id = \(bind: owner) AND category_id = \(bind: category) AND month = \(key) AND percent = \(bind: Int64(percent))
                            """).first()
                        recordedAt = try first?.decode(column: "recorded_at", as: Int64.self) ?? now
                    } else {
                        recordedAt = now
                    }
                    alerts.append(BudgetAlert(
                        category: line.category, percent: percent, spent: line.spent, available: available, used: line.used, recordedAt: recordedAt, isNew: !inserted.isEmpty
                    ))
                }
            }
            return BudgetAlerts(user: email, month: month.description, thresholds: thresholds, alerts: alerts)
        }
    }
}
