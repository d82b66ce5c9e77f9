import FluentKit
import SQLKit

/// A user's spending month by month: the totals, and one series per category.
public struct SpendingTrend: Sendable, Equatable, Codable {
    /// One category's totals, month by month.
    public struct Series: Sendable, Equatable, Codable {
        /// The category's name.
        public let category: String
        /// Its colour, `#RRGGBB`.
        public let color: String
        /// One total per month of ``SpendingTrend/months``.
        public let totals: [Money]
        /// The sum of ``totals``.
        public let total: Money
    }

    /// The user's email.
    public let user: String
    /// `YYYY-MM`, oldest first, every month of the window (months without spending included).
    public let months: [String]
    /// The total of each month.
    public let totals: [Money]
    /// The categories the user spent on in the window, largest total first.
    public let categories: [Series]
}

extension Ledger {
    /// The last `months` months of a user's spending, ending with `until` (by default the month
    /// of the user's latest expense, or this month when there is none).
    ///
    /// One SQL statement reads the window, grouped by month and category; a second one finds the
    /// latest month when `until` is not given.
    ///
    /// - Throws: ``LedgerError/notFound(kind:key:)`` for an unknown user,
    ///   ``LedgerError/invalid(field:reason:)`` for `months` outside 1…120.
    public func trend(user: String, months: Int = 12, until: Month? = nil) async throws -> SpendingTrend {
        let email = try Validation.email(user)
        guard (1...120).contains(months) else {
            throw LedgerError.invalid(field: "months", reason: "\(months) is not from 1 to 120")
        }
        let last: Month
        if let until {
            last = until
        } else {
            let latest = try await handle.read { database in
                try await (database as! any SQLDatabase).raw("""
                    SELECT MAX(e.spent_on) AS latest FROM users u LEFT JOIN expenses e ON e.user_id = u.id
                    WHERE u.email = \(bind: email) GROUP BY u.id
                    """).all(decoding: LatestRow.self)
            }
            guard let row = latest.first else { throw LedgerError.notFound(kind: "user", key: email) }
            last = try row.latest.map { Month(containing: try CalendarDate(parsing: $0)) } ?? Month(containing: .today())
        }
        // The window never reaches before the year 1: it is shorter there instead.
        let first = last.adding(months: 1 - months) ?? .earliest
        var window: [String] = []
        var month: Month? = first
        while let current = month, current <= last {
            window.append(current.description)
            month = current.adding(months: 1)
        }
        let months = window.count
        let spending = SpendingQuery(email: email, from: first.firstDay, through: last.lastDay, byMonth: true)
        let rows = try await handle.read { try await spending.rows(on: $0) }
        guard !rows.isEmpty else { throw LedgerError.notFound(kind: "user", key: email) }
        var series: [String: (color: String, totals: [Int64])] = [:]
        for row in rows {
            guard let month = row.month, let category = row.category, let color = row.color,
                  let index = window.firstIndex(of: month) else { continue }
            series[category, default: (color, Array(repeating: 0, count: months))].totals[index] += row.total_cents
        }
        let categories = series.map { name, value in
            SpendingTrend.Series(category: name, color: value.color, totals: value.totals.map(Money.init(cents:)), total: Money(cents: value.totals.reduce(0, +)))
        }.sorted { ($0.total, $1.category) > ($1.total, $0.category) }
        let totals = (0..<months).map { index in Money(cents: series.values.reduce(0) { $0 + $1.totals[index] }) }
        return SpendingTrend(user: email, months: window, totals: totals, categories: categories)
    }
}

private struct LatestRow: Decodable, Sendable {
    let latest: String?
}
