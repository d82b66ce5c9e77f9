import PersistKit
import SQLKit

/// Categories of one's own beside the shared ones: `categories.owner_id` is `NULL` for a shared
/// category (every category made before this migration, and every one the command line adds) and
/// a user's id for a category only that user sees (ones added through `persist serve`).
///
/// Names are unique among the shared categories and within each user's own, so two users may
/// each have a "Gym" and neither can learn of the other's. (That no user's own name equals a
/// shared one is kept by ``CategoryNames``, which writes every new category under one lock.)
///
/// PostgreSQL swaps the unique constraint for the two partial indexes in place. SQLite cannot
/// drop a constraint, so the table is rebuilt in the migration's transaction: rows and ids
/// copied, and the expenses' references checked again at commit (`defer_foreign_keys`), which
/// fails the whole batch if one no longer holds.
struct M0010_OwnCategories: SchemaMigration {
    var name: String { "M0010_OwnCategories" }

    func prepare(on database: any SQLDatabase) async throws {
        if database.dialect.name == "sqlite" {
            try await rebuild(on: database, owned: true)
        } else {
            try await database.raw("ALTER TABLE \(ident: "categories") ADD COLUMN \(ident: "owner_id") BIGINT REFERENCES \(ident: "users") (\(ident: "id")) ON DELETE CASCADE").run()
            try await createNameIndexes(on: database)
            try await database.raw("ALTER TABLE \(ident: "categories") DROP CONSTRAINT \(ident: "categories_name_key")").run()
        }
    }

    /// A user's own categories go with the column, and with them the expenses filed under them.
    var revertLoses: [RevertLoss] {
        [.column("owner_id", of: "categories"), .rows(of: "expenses", whose: "category_id", pointsAt: "categories", with: "owner_id")]
    }

    /// The SQLite rebuild drops the old table after copying it; nothing is lost.
    var lintExceptions: Set<MigrationLint.Rule> { [.dropOrRename] }

    func revert(on database: any SQLDatabase) async throws {
        try await database.raw("""
            DELETE FROM \(ident: "expenses") WHERE \(ident: "category_id") IN (SELECT \(ident: "id") FROM \(ident: "categories") WHERE \(ident: "owner_id") IS NOT NULL)
            """).run()
        try await database.raw("DELETE FROM \(ident: "categories") WHERE \(ident: "owner_id") IS NOT NULL").run()
        if database.dialect.name == "sqlite" {
            try await rebuild(on: database, owned: false)
        } else {
            try await database.raw("ALTER TABLE \(ident: "categories") ADD CONSTRAINT \(ident: "categories_name_key") UNIQUE (\(ident: "name"))").run()
            try await database.drop(index: "categories_shared_name").run()
            try await database.drop(index: "categories_owner_name").run()
            try await database.raw("ALTER TABLE \(ident: "categories") DROP COLUMN \(ident: "owner_id")").run()
        }
    }

    /// Unique names among the shared categories, and within each owner's.
    private func createNameIndexes(on database: any SQLDatabase) async throws {
        try await database.raw("""
            CREATE UNIQUE INDEX \(ident: "categories_shared_name") ON \(ident: "categories") (\(ident: "name")) WHERE \(ident: "owner_id") IS NULL
            """).run()
        try await database.raw("""
            CREATE UNIQUE INDEX \(ident: "categories_owner_name") ON \(ident: "categories") (\(ident: "owner_id"), \(ident: "name")) WHERE \(ident: "owner_id") IS NOT NULL
            """).run()
    }

    /// SQLite: the table made again, with (`owned`) or without the owner column, in place of the old.
    private func rebuild(on database: any SQLDatabase, owned: Bool) async throws {
        try await database.raw("PRAGMA defer_foreign_keys = ON").run()
        try await database.raw("CREATE TABLE \(ident: "categories_rebuild") AS SELECT \(ident: "id"), \(ident: "name"), \(ident: "color") FROM \(ident: "categories")").run()
        try await database.drop(table: "categories").run()
        var table = database.create(table: "categories")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
        if owned {
            table = table.column("name", type: .custom(SQLRaw("VARCHAR(50)")), .notNull, .check(SQLRaw("length(name) <= 50")))
        } else {
            table = table.column("name", type: .custom(SQLRaw("VARCHAR(50)")), .notNull, .unique, .check(SQLRaw("length(name) <= 50")))
        }
        table = table.column("color", type: .custom(SQLRaw("CHAR(7)")), .notNull, .default("#FF6B6B"), .check(SQLRaw("length(color) = 7")))
        if owned {
            table = table.column("owner_id", type: .bigint, .references("users", "id", onDelete: .cascade))
        }
        try await table.run()
        try await database.raw("""
            INSERT INTO \(ident: "categories") (\(ident: "id"), \(ident: "name"), \(ident: "color")) SELECT \(ident: "id"), \(ident: "name"), \(ident: "color") FROM \(ident: "categories_rebuild")
            """).run()
        try await database.drop(table: "categories_rebuild").run()
        if owned { try await createNameIndexes(on: database) }
    }
}
