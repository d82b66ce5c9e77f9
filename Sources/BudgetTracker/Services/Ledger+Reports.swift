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
        // Starting from users with LEFT JOINs tells "no such user" (no row) from "no expenses"
        // (one row with no category) in the same single statement.
        let query: @Sendable (any Database) async throws -> [ReportRow] = { database in try await (database as! any SQLDatabase).raw("""
            SELECT c.name AS category, c.color AS color, COUNT(e.id) AS items,
                   CAST(COALESCE(SUM(e.amount_cents), 0) AS BIGINT) AS total_cents
            FROM users u
            LEFT JOIN expenses e ON e.user_id = u.id AND e.spent_on >= \(bind: month.firstDay.description)
                                 AND e.spent_on <= \(bind: month.lastDay.description)
            LEFT JOIN categories c ON c.id = e.category_id
            WHERE u.email = \(bind: email)
            GROUP BY c.id, c.name, c.color
            ORDER BY total_cents DESC, c.name
            """).all(decoding: ReportRow.self) }
        let rows = snapshot ? try await handle.readSnapshot(query) : try await handle.read(query)
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

    /// `part / whole` in percent, rounded half-up to one decimal, computed exactly.
    static func share(_ part: Money, of whole: Money) -> Decimal {
        guard whole.cents != 0 else { return 0 }
        var ratio = Decimal(part.cents) * 100 / Decimal(whole.cents)
        var rounded = Decimal()
        NSDecimalRound(&rounded, &ratio, 1, .plain)
        return rounded
    }
}

private struct ReportRow: Decodable, Sendable {
    let category: String?
    let color: String?
    let items: Int
    let total_cents: Int64
}
