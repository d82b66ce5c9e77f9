import PersistKit
import SQLKit

/// Signing in to `persist serve`: a user's password (bcrypt, never the password), their sessions
/// (only a SHA-256 of each token is kept, so a copy of the database signs nobody in), and failed
/// sign-ins counted per account and per address, in the database so that every instance of the
/// service counts the same. Times are Unix seconds (UTC). All go with their user.
struct M0011_CreateAccounts: SchemaMigration {
    var name: String { "M0011_CreateAccounts" }

    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "accounts")
            .column("user_id", type: .bigint, .primaryKey(autoIncrement: false), .references("users", "id", onDelete: .cascade))
            .column("password_hash", type: .custom(SQLRaw("VARCHAR(100)")), .notNull, .check(SQLRaw("length(password_hash) BETWEEN 50 AND 100")))
            .column("updated_at", type: .bigint, .notNull)
            .run()
        try await database.create(table: "sessions")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("token_hash", type: .custom(SQLRaw("CHAR(64)")), .notNull, .unique, .check(SQLRaw("length(token_hash) = 64")))
            .column("user_id", type: .bigint, .notNull, .references("users", "id", onDelete: .cascade))
            .column("created_at", type: .bigint, .notNull)
            .column("expires_at", type: .bigint, .notNull)
            .column("revoked_at", type: .bigint)
            .run()
        try await database.raw("CREATE INDEX IF NOT EXISTS \(ident: "sessions_user") ON \(ident: "sessions") (\(ident: "user_id"))").run()
        try await database.create(table: "sign_in_failures")
            .column("subject", type: .custom(SQLRaw("VARCHAR(200)")), .primaryKey(autoIncrement: false))
            .column("window_started", type: .bigint, .notNull)
            .column("failures", type: .bigint, .notNull)
            .run()
    }

    var revertLoses: [RevertLoss] { [.table("sessions"), .table("accounts")] }

    func revert(on database: any SQLDatabase) async throws {
        try await database.drop(table: "sign_in_failures").run()
        try await database.drop(table: "sessions").run()
        try await database.drop(table: "accounts").run()
    }
}
