import PersistKit
import SQLKit

/// One row per imported file: its SHA-256 fingerprint, so the same file is not imported twice by
/// mistake. `occurrence` counts deliberate repeats (`--again`); the pair is unique, so two
/// processes importing the same file at once cannot both succeed.
struct M0006_CreateImports: SchemaMigration {
    var name: String { "M0006_CreateImports" }

    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "imports")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("fingerprint", type: .custom(SQLRaw("CHAR(64)")), .notNull)
            .column("occurrence", type: .int, .notNull)
            .column("file_name", type: .custom(SQLRaw("VARCHAR(255)")), .notNull)
            .column("row_count", type: .bigint, .notNull)
            .column("total_cents", type: .bigint, .notNull)
            .column("imported_at", type: .custom(SQLRaw("VARCHAR(40)")), .notNull)
            .unique("fingerprint", "occurrence")
            .run()
    }

    var revertLoses: [RevertLoss] { [.table("imports")] }

    func revert(on database: any SQLDatabase) async throws {
        try await database.drop(table: "imports").run()
    }
}
