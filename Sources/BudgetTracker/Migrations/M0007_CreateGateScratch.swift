import PersistKit
import SQLKit

/// The release gate's journal of the rows it creates (`kind` is `user` or `category`, `key` the
/// exact email or name, `row_id` the id once created). The gate records the key before creating a
/// row and its id right after, and removes exactly the rows whose id and key both match, now or
/// on its next run when a run was killed: it never matches by pattern, and a key whose row was
/// never created cannot take someone's later row with it.
struct M0007_CreateGateScratch: SchemaMigration {
    var name: String { "M0007_CreateGateScratch" }

    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "gate_scratch")
            .column("kind", type: .custom(SQLRaw("VARCHAR(20)")), .notNull)
            .column("key", type: .custom(SQLRaw("VARCHAR(100)")), .notNull)
            .column("row_id", type: .bigint)
            .primaryKey("kind", "key")
            .run()
    }

    func revert(on database: any SQLDatabase) async throws {
        try await database.drop(table: "gate_scratch").run()
    }
}
