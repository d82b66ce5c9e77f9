import PersistKit
import SQLKit

/// Released: never change. Creates `users`.
struct M0001_CreateUsers: SchemaMigration {
    var name: String { "M0001_CreateUsers" }

    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "users")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("email", type: .custom(SQLRaw("VARCHAR(100)")), .notNull, .unique, .check(SQLRaw("length(email) <= 100")))
            .column("name", type: .custom(SQLRaw("VARCHAR(100)")), .notNull, .check(SQLRaw("length(name) <= 100")))
            .column("created_at", type: .custom(SQLRaw("TIMESTAMP")), .notNull)
            .run()
    }

    var revertLoses: [RevertLoss] { [.table("users")] }

    func revert(on database: any SQLDatabase) async throws {
        try await database.drop(table: "users").run()
    }
}
