import PersistKit
import SQLKit

/// Released: never change. Creates `categories`.
struct M0002_CreateCategories: SchemaMigration {
    var name: String { "M0002_CreateCategories" }

    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "categories")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("name", type: .custom(SQLRaw("VARCHAR(50)")), .notNull, .unique, .check(SQLRaw("length(name) <= 50")))
            .column("color", type: .custom(SQLRaw("CHAR(7)")), .notNull, .default("#FF6B6B"), .check(SQLRaw("length(color) = 7")))
            .run()
    }

    var revertLoses: [RevertLoss] { [.table("categories")] }

    func revert(on database: any SQLDatabase) async throws {
        try await database.drop(table: "categories").run()
    }
}
