import FluentKit
import SQLKit

/// The one statement behind the monthly report and the trend: a user's expenses from one day to
/// another (both included), summed as integer cents per category, and per month when asked.
///
/// It starts from the user with LEFT JOINs, so an unknown user gives no row at all and a user
/// with no expenses in the window one row without a category: "no such user" and "nothing spent"
/// are told apart by the same single statement.
struct SpendingQuery {
    let email: String
    let from: CalendarDate
    let through: CalendarDate
    /// Whether rows are per month and category (the trend) or per category (the report).
    let byMonth: Bool

    /// One row of the result.
    struct Row: Decodable, Sendable {
        /// `YYYY-MM` when grouped by month.
        let month: String?
        let category: String?
        let color: String?
        let items: Int
        let total_cents: Int64
    }

    /// Runs the statement on `database`, largest total first.
    func rows(on database: any Database) async throws -> [Row] {
        let month = byMonth ? "SUBSTR(e.spent_on, 1, 7)" : "NULL"
        return try await (database as! any SQLDatabase).raw("""
            SELECT \(unsafeRaw: month) AS month, c.name AS category, c.color AS color, COUNT(e.id) AS items,
                   CAST(COALESCE(SUM(e.amount_cents), 0) AS BIGINT) AS total_cents
            FROM users u
            LEFT JOIN expenses e ON e.user_id = u.id AND e.spent_on >= \(bind: from.description)
                                 AND e.spent_on <= \(bind: through.description)
            LEFT JOIN categories c ON c.id = e.category_id
            WHERE u.email = \(bind: email)
            GROUP BY \(unsafeRaw: byMonth ? "\(month), " : "")c.id, c.name, c.color
            ORDER BY total_cents DESC, c.name
            """).all(decoding: Row.self)
    }
}
