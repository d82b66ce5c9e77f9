import PersistKit
import SQLKit

/// The release gate's journal of the rows it creates: one entry per scratch user or category,
/// written in the same transaction as the row, pointing at it by foreign key with `ON DELETE
/// CASCADE`. An entry therefore exists exactly while the gate's row exists: whoever deletes the
/// row deletes the entry, so a later row that reuses the id or the name is never the gate's.
/// `run` and `created_at` let a gate remove its own rows, and rows of runs that died long ago,
/// without touching a gate running beside it.
struct M0007_CreateGateScratch: SchemaMigration {
    var name: String { "M0007_CreateGateScratch" }

    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "gate_scratch")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("run", type: .custom(SQLRaw("VARCHAR(40)")), .notNull)
            .column("created_at", type: .custom(SQLRaw("VARCHAR(40)")), .notNull)
            .column("user_id", type: .bigint, .references("users", "id", onDelete: .cascade))
            .column("category_id", type: .bigint, .references("categories", "id", onDelete: .cascade))
            .run()
    }

    /// The journal is how a later gate finds the rows of a gate that died: dropping it with
    /// entries would leave those rows in users' listings for good.
    var revertLoses: [RevertLoss] { [.table("gate_scratch")] }

    func revert(on database: any SQLDatabase) async throws {
        try await database.drop(table: "gate_scratch").run()
    }
}
