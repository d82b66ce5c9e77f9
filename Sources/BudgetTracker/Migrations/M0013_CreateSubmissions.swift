import PersistKit
import SQLKit

/// One row per form that added money rows (an expense, a transfer): its key, unique per user, so
/// a form sent twice (a double click, a reload, a retry after a timeout) adds its rows once.
/// Written in the same transaction as the rows; kept a day (Unix seconds, UTC), then pruned.
struct M0013_CreateSubmissions: SchemaMigration {
    var name: String { "M0013_CreateSubmissions" }

    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "submissions")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("user_id", type: .bigint, .notNull, .references("users", "id", onDelete: .cascade))
            .column("submission_key", type: .custom(SQLRaw("VARCHAR(64)")), .notNull, .check(SQLRaw("length(submission_key) BETWEEN 16 AND 64")))
            .column("created_at", type: .bigint, .notNull)
            .unique("user_id", "submission_key")
            .run()
    }

    var revertLoses: [RevertLoss] { [.table("submissions")] }

    func revert(on database: any SQLDatabase) async throws {
        try await database.drop(table: "submissions").run()
    }
}
