import FluentKit
import SQLKit

/// The one statement behind a budget report: everything the report of one user's month is
/// computed from, as rows of four kinds.
///
/// - `u`: the user exists (no rows at all: no such user);
/// - `b`: a limit set for a category (`budgets`), from every month up to the report's;
/// - `m`: budget moved into (+) or out of (−) a category in a month;
/// - `s`: what was spent in a category in a month.
///
/// Moves and spending are read from the earliest month a rollover limit starts (what a month
/// carries over depends on every month before it), or from the report's month when no limit
/// rolls over.
struct BudgetQuery {
    let email: String
    let month: Month

    /// One row of the result.
    struct Row: Decodable, Sendable {
        /// `u`, `b`, `m` or `s`.
        let kind: String
        let category_id: Int64?
        let category: String?
        let color: String?
        /// `YYYY-MM`.
        let month: String?
        let cents: Int64
        let items: Int64
        let every_month: Int64
        let rollover: Int64
    }

    /// Runs the statement on `database`.
    func rows(on database: any Database) async throws -> [Row] {
        try await (database as! any SQLDatabase).raw(statement).all(decoding: Row.self)
    }

    /// The statement.
    var statement: SQLQueryString {
        let month = CharValue(text: self.month.description, width: 7)
        // Spending is compared through CHAR(10) like the monthly report's (see ``CharValue``), so
        // PostgreSQL reads it from the (user, day) index.
        return """
            WITH owner AS (SELECT id FROM users WHERE email = CAST(\(bind: email) AS TEXT)),
            window_start AS (
                SELECT COALESCE(MIN(month), \(month)) AS month FROM budgets
                WHERE user_id = (SELECT id FROM owner) AND rollover = 1 AND month <= \(month)
            )
            SELECT x.kind AS kind, x.category_id AS category_id, c.name AS category, c.color AS color, x.month AS month,
                   CAST(x.cents AS BIGINT) AS cents, CAST(x.items AS BIGINT) AS items,
                   CAST(x.every_month AS BIGINT) AS every_month, CAST(x.rollover AS BIGINT) AS rollover
            FROM (
                SELECT 'u' AS kind, NULL AS category_id, NULL AS month, 0 AS cents, 0 AS items, 0 AS every_month, 0 AS rollover FROM owner
                UNION ALL
                SELECT 'b', b.category_id, b.month, b.limit_cents, 0, b.every_month, b.rollover
                FROM budgets b WHERE b.user_id = (SELECT id FROM owner) AND b.month <= \(month)
                UNION ALL
                SELECT 'm', m.to_category_id, m.month, SUM(m.amount_cents), COUNT(*), 0, 0
                FROM budget_moves m WHERE m.user_id = (SELECT id FROM owner) AND m.month >= (SELECT month FROM window_start) AND m.month <= \(month)
                GROUP BY m.to_category_id, m.month
                UNION ALL
                SELECT 'm', m.from_category_id, m.month, -SUM(m.amount_cents), COUNT(*), 0, 0
                FROM budget_moves m WHERE m.user_id = (SELECT id FROM owner) AND m.month >= (SELECT month FROM window_start) AND m.month <= \(month)
                GROUP BY m.from_category_id, m.month
                UNION ALL
                SELECT 's', e.category_id, SUBSTR(e.spent_on, 1, 7), SUM(e.amount_cents), COUNT(*), 0, 0
                FROM expenses e
                WHERE e.user_id = (SELECT id FROM owner)
                  AND e.spent_on >= CAST((SELECT month FROM window_start) || '-01' AS CHAR(10)) AND e.spent_on <= \(CharValue.day(self.month.lastDay))
                GROUP BY SUBSTR(e.spent_on, 1, 7), e.category_id
            ) x
            LEFT JOIN categories c ON c.id = x.category_id
            """
    }
}
