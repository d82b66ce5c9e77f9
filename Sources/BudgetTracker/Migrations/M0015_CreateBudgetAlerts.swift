import PersistKit
import SQLKit

/// Budget alerts: each user's thresholds (none stored: 80 % and 100 %), and each alert raised,
/// once per user, category, month and threshold (the unique key: never twice, even when two
/// processes check at once). An alert goes with its user and its category.
struct M0015_CreateBudgetAlerts: SchemaMigration {
    var name: String { "M0015_CreateBudgetAlerts" }

    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "budget_thresholds")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("user_id", type: .bigint, .notNull, .references("users", "id", onDelete: .cascade))
            .column("percent", type: .bigint, .notNull, .check(SQLRaw("percent BETWEEN 1 AND 1000")))
            .unique("user_id", "percent")
            .run()
        try await database.create(table: "budget_alerts")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("user_id", type: .bigint, .notNull, .references("users", "id", onDelete: .cascade))
            .column("category_id", type: .bigint, .notNull, .references("categories", "id", onDelete: .cascade))
            .column("month", type: .custom(SQLRaw("CHAR(7)")), .notNull, .check(SQLRaw("length(month) = 7")))
            .column("percent", type: .bigint, .notNull, .check(SQLRaw("percent BETWEEN 1 AND 1000")))
            .column("spent_cents", type: .bigint, .notNull)
            .column("available_cents", type: .bigint, .notNull)
            .column("recorded_at", type: .bigint, .notNull)
            .unique("user_id", "category_id", "month", "percent")
            .run()
    }

    var revertLoses: [RevertLoss] { [.table("budget_alerts"), .table("budget_thresholds")] }

    func revert(on database: any SQLDatabase) async throws {
        try await database.drop(table: "budget_alerts").run()
        try await database.drop(table: "budget_thresholds").run()
    }
}
