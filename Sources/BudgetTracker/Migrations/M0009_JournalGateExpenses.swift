import PersistKit
import SQLKit

/// The release gate's journal of the expenses it writes, by id, as `gate_scratch` journals its
/// users and categories: an entry written in the same transaction as the expense, gone with it
/// (`ON DELETE CASCADE`). The gate removes only expenses its journal names, so a real expense
/// filed under a leftover scratch user or category is never the gate's.
///
/// Each entry also keeps the row's key (`row_key`: the scratch user's e-mail or category's name;
/// for an expense, its scratch user's e-mail), and a row is removed only while it still has that
/// key: if a journalled row was deleted behind persist's back with foreign keys off (the `sqlite3`
/// shell's default) and SQLite gave its id to a new, real row, the new row does not match.
struct M0009_JournalGateExpenses: SchemaMigration {
    var name: String { "M0009_JournalGateExpenses" }

    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "gate_scratch_expenses")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("run", type: .custom(SQLRaw("VARCHAR(40)")), .notNull)
            .column("created_at", type: .custom(SQLRaw("VARCHAR(40)")), .notNull)
            .column("expense_id", type: .bigint, .notNull, .references("expenses", "id", onDelete: .cascade))
            .column("row_key", type: .custom(SQLRaw("VARCHAR(320)")), .notNull)
            .run()
        try await database.alter(table: "gate_scratch").column("row_key", type: .custom(SQLRaw("VARCHAR(320)"))).run()
    }

    /// As for ``M0007_CreateGateScratch``: journal entries point at a dead gate's rows.
    var revertLoses: [RevertLoss] { [.table("gate_scratch_expenses"), .column("row_key", of: "gate_scratch")] }

    func revert(on database: any SQLDatabase) async throws {
        try await database.alter(table: "gate_scratch").dropColumn("row_key").run()
        try await database.drop(table: "gate_scratch_expenses").run()
    }
}
