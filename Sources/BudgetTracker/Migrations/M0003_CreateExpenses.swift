import PersistKit
import SQLKit

/// Released: never change. Creates `expenses`: a user's expenses go with the user; a category
/// with expenses cannot be deleted.
struct M0003_CreateExpenses: SchemaMigration {
    var name: String { "M0003_CreateExpenses" }

    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "expenses")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("user_id", type: .bigint, .notNull, .references("users", "id", onDelete: .cascade))
            .column("category_id", type: .bigint, .notNull, .references("categories", "id", onDelete: .restrict))
            .column(
                "description", type: .custom(SQLRaw("VARCHAR(200)")), .notNull,
                .check(SQLRaw("length(description) BETWEEN 1 AND 200"))
            )
            .column(
                "amount_cents", type: .bigint, .notNull,
                .check(SQLRaw("amount_cents BETWEEN -9999999999 AND 9999999999"))
            )
            .column("spent_on", type: .custom(SQLRaw("CHAR(10)")), .notNull, .check(SQLRaw("length(spent_on) = 10")))
            .column("created_at", type: .custom(SQLRaw("TIMESTAMP")), .notNull)
            .run()
    }

    var revertLoses: [RevertLoss] { [.table("expenses")] }

    func revert(on database: any SQLDatabase) async throws {
        try await database.drop(table: "expenses").run()
    }
}
