import PersistKit
import SQLKit

/// The release gate's journal of the rows it creates (`kind` is `user` or `category`, `key` the
/// exact email or name). The gate records a row here before creating it and removes exactly
/// these rows afterwards, or on its next run when a run was killed: it never matches by pattern.
struct M0007_CreateGateScratch: SchemaMigration {
    var name: String { "M0007_CreateGateScratch" }

    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "gate_scratch")
            .column("kind", type: .custom(SQLRaw("VARCHAR(20)")), .notNull)
            .column("key", type: .custom(SQLRaw("VARCHAR(100)")), .notNull)
            .primaryKey("kind", "key")
            .run()
    }

    func revert(on database: any SQLDatabase) async throws {
        try await database.drop(table: "gate_scratch").run()
    }
}
