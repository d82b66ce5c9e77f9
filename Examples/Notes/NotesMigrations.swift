import PersistKit
import SQLKit

/// The notes schema, as versioned migrations: names and bodies never change once released.
enum NotesMigrations {
    static let migrator = SchemaMigrator([CreateNotebooks(), CreateNotes()], programVersion: "example-notes 1.0")

    struct CreateNotebooks: SchemaMigration {
        var name: String { "N0001_CreateNotebooks" }
        var revertLoses: [RevertLoss] { [.table("notebooks")] }

        func prepare(on database: any SQLDatabase) async throws {
            try await database.create(table: "notebooks")
                .column("id", type: .bigint, .primaryKey(autoIncrement: true))
                .column("title", type: .text, .notNull, .unique)
                .run()
        }

        func revert(on database: any SQLDatabase) async throws {
            try await database.drop(table: "notebooks").run()
        }
    }

    struct CreateNotes: SchemaMigration {
        var name: String { "N0002_CreateNotes" }
        var revertLoses: [RevertLoss] { [.table("notes")] }

        func prepare(on database: any SQLDatabase) async throws {
            try await database.create(table: "notes")
                .column("id", type: .bigint, .primaryKey(autoIncrement: true))
                .column("notebook_id", type: .bigint, .notNull, .references("notebooks", "id", onDelete: .cascade))
                .column("text", type: .text, .notNull, .check(SQLRaw("length(text) > 0")))
                .column("created_at", type: .custom(SQLRaw("TIMESTAMP")), .notNull)
                .run()
        }

        func revert(on database: any SQLDatabase) async throws {
            try await database.drop(table: "notes").run()
        }
    }
}
