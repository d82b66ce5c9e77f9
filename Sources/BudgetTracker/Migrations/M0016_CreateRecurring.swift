import PersistKit
import SQLKit

/// Recurring expenses: rules (weekly, monthly or yearly from a first day, until an optional last
/// day, pausable), and one posting row per rule and occurrence, unique, written in the same
/// transaction as the expense it posts, so an occurrence is posted once however many processes
/// run at once. A skipped posting is an occurrence that fell due while the rule was paused (from
/// `paused_on`); a posting whose expense was deleted afterwards keeps no expense: neither is
/// posted again.
struct M0016_CreateRecurring: SchemaMigration {
    var name: String { "M0016_CreateRecurring" }

    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "recurring_rules")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("user_id", type: .bigint, .notNull, .references("users", "id", onDelete: .cascade))
            .column("category_id", type: .bigint, .notNull, .references("categories", "id", onDelete: .restrict))
            .column("description", type: .custom(SQLRaw("VARCHAR(200)")), .notNull, .check(SQLRaw("length(description) BETWEEN 1 AND 200")))
            .column("amount_cents", type: .bigint, .notNull, .check(SQLRaw("amount_cents <> 0 AND amount_cents BETWEEN -9999999999 AND 9999999999")))
            .column("frequency", type: .custom(SQLRaw("VARCHAR(7)")), .notNull, .check(SQLRaw("frequency IN ('weekly', 'monthly', 'yearly')")))
            .column("starts_on", type: .custom(SQLRaw("CHAR(10)")), .notNull, .check(SQLRaw("length(starts_on) = 10")))
            .column("ends_on", type: .custom(SQLRaw("CHAR(10)")), .check(SQLRaw("ends_on IS NULL OR (length(ends_on) = 10 AND ends_on >= starts_on)")))
            .column("paused", type: .custom(SQLRaw("SMALLINT")), .notNull, .check(SQLRaw("paused IN (0, 1)")))
            .column("paused_on", type: .custom(SQLRaw("CHAR(10)")), .check(SQLRaw("(paused = 0 AND paused_on IS NULL) OR (paused = 1 AND length(paused_on) = 10)")))
            .column("created_at", type: .bigint, .notNull)
            .run()
        try await database.create(table: "recurring_postings")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("rule_id", type: .bigint, .notNull, .references("recurring_rules", "id", onDelete: .cascade))
            .column("occurrence", type: .custom(SQLRaw("CHAR(10)")), .notNull, .check(SQLRaw("length(occurrence) = 10")))
            .column("expense_id", type: .bigint, .references("expenses", "id", onDelete: .setNull))
            .column("skipped", type: .custom(SQLRaw("SMALLINT")), .notNull, .check(SQLRaw("skipped IN (0, 1) AND (skipped = 0 OR expense_id IS NULL)")))
            .unique("rule_id", "occurrence")
            .run()
    }

    var revertLoses: [RevertLoss] { [.table("recurring_postings"), .table("recurring_rules")] }

    func revert(on database: any SQLDatabase) async throws {
        try await database.drop(table: "recurring_postings").run()
        try await database.drop(table: "recurring_rules").run()
    }
}
