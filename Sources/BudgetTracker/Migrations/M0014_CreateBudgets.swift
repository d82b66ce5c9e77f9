import PersistKit
import SQLKit

/// Budgets: a limit per user, category and month, and the moves of budget between categories.
///
/// A `budgets` row holds a limit for its `month` only, or with `every_month` for that month and
/// each later one until a later every-month row of the same category; a month may hold one of
/// each, the one-month row then overriding the every-month row in that month alone. With
/// `rollover` what its month leaves unspent is added to it from the month before. A
/// `budget_moves` row takes an amount from one category's limit and gives it to another's in the
/// same month: one row, so a move is zero-sum by its shape. A category with a budget or a move is not deleted under them (`RESTRICT`).
struct M0014_CreateBudgets: SchemaMigration {
    var name: String { "M0014_CreateBudgets" }

    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "budgets")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("user_id", type: .bigint, .notNull, .references("users", "id", onDelete: .cascade))
            .column("category_id", type: .bigint, .notNull, .references("categories", "id", onDelete: .restrict))
            .column("month", type: .custom(SQLRaw("CHAR(7)")), .notNull, .check(SQLRaw("length(month) = 7")))
            .column("limit_cents", type: .bigint, .notNull, .check(SQLRaw("limit_cents BETWEEN 0 AND 9999999999")))
            .column("every_month", type: .custom(SQLRaw("SMALLINT")), .notNull, .check(SQLRaw("every_month IN (0, 1)")))
            .column("rollover", type: .custom(SQLRaw("SMALLINT")), .notNull, .check(SQLRaw("rollover IN (0, 1)")))
            .unique("user_id", "category_id", "month", "every_month")
            .run()
        try await database.create(table: "budget_moves")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("user_id", type: .bigint, .notNull, .references("users", "id", onDelete: .cascade))
            .column("month", type: .custom(SQLRaw("CHAR(7)")), .notNull, .check(SQLRaw("length(month) = 7")))
            .column("from_category_id", type: .bigint, .notNull, .references("categories", "id", onDelete: .restrict))
            .column("to_category_id", type: .bigint, .notNull, .references("categories", "id", onDelete: .restrict))
            .column("amount_cents", type: .bigint, .notNull, .check(SQLRaw("amount_cents BETWEEN 1 AND 9999999999")))
            .column("created_at", type: .bigint, .notNull)
            .check(SQLRaw("from_category_id <> to_category_id"), named: "budget_moves_two_categories")
            .run()
        try await database.raw("""
            CREATE INDEX \(ident: "budget_moves_user_month") ON \(ident: "budget_moves") (\(ident: "user_id"), \(ident: "month"))
            """).run()
    }

    var revertLoses: [RevertLoss] { [.table("budget_moves"), .table("budgets")] }

    func revert(on database: any SQLDatabase) async throws {
        try await database.drop(table: "budget_moves").run()
        try await database.drop(table: "budgets").run()
    }
}
