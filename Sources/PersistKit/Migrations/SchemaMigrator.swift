import Foundation
import SQLKit

/// Applies, lists and reverts ``SchemaMigration``s, recording them in `persist_migrations`.
///
/// Unlike FluentKit's `Migrator`, each batch runs in one transaction (both SQLite and PostgreSQL
/// have transactional DDL), so a migration that fails half-way leaves the schema exactly as it was.
///
/// ```swift
/// let migrator = SchemaMigrator([M0001_CreateUsers(), M0002_CreateCategories()])
/// let applied = try await migrator.migrate(on: handle)
/// ```
public struct SchemaMigrator: Sendable {
    /// The table that records applied migrations.
    public static let table = "persist_migrations"

    /// The migrations, in the order they apply.
    public let migrations: [any SchemaMigration]

    /// A migrator for `migrations`, which must have distinct names.
    public init(_ migrations: [any SchemaMigration]) {
        precondition(Set(migrations.map(\.name)).count == migrations.count, "migration names must be unique")
        self.migrations = migrations
    }

    /// Which migrations are applied (with their batch) and which are pending.
    public func status(on handle: DatabaseHandle) async throws -> MigrationStatus {
        let applied = try await handle.read { try await appliedMigrations(on: $0 as! any SQLDatabase) }
        let appliedNames = Set(applied.map(\.name))
        return MigrationStatus(
            applied: applied,
            pending: migrations.map(\.name).filter { !appliedNames.contains($0) }
        )
    }

    /// Applies every pending migration as one new batch, in one transaction.
    ///
    /// - Returns: the names applied, empty when the schema was already current.
    ///
    /// Processes migrating at once queue: on PostgreSQL behind an advisory lock, on SQLite behind
    /// the write lock, retried for up to a minute past the busy timeout (ten first migrations of a
    /// new file at once outwaited five seconds under load). The others then find nothing to do.
    @discardableResult
    public func migrate(on handle: DatabaseHandle) async throws -> [String] {
        try await SQLiteBusy.retrying(for: 60) { try await migrateOnce(on: handle) }
    }

    private func migrateOnce(on handle: DatabaseHandle) async throws -> [String] {
        try await handle.transaction { database in
            let sql = database as! any SQLDatabase
            try await lock(sql)
            try await createTableIfNeeded(on: sql)
            let applied = try await appliedMigrations(on: sql)
            let appliedNames = Set(applied.map(\.name))
            let pending = migrations.filter { !appliedNames.contains($0.name) }
            guard !pending.isEmpty else { return [] }
            let batch = (applied.map(\.batch).max() ?? 0) + 1
            let now = ISO8601DateFormatter().string(from: Date())
            for migration in pending {
                try await migration.prepare(on: sql)
                try await sql.insert(into: Self.table)
                    .columns("name", "batch", "applied_at")
                    .values(SQLBind(migration.name), SQLBind(batch), SQLBind(now))
                    .run()
            }
            return pending.map(\.name)
        }
    }

    /// Reverts the most recent batch, newest migration first, in one transaction.
    ///
    /// - Returns: the names reverted, empty when nothing was applied.
    @discardableResult
    public func revertLastBatch(on handle: DatabaseHandle, force: Bool = false) async throws -> [String] {
        try await handle.transaction { database in
            let sql = database as! any SQLDatabase
            guard try await sql.tableExists(Self.table) else { return [] }
            try await lock(sql)
            let applied = try await appliedMigrations(on: sql)
            guard let batch = applied.map(\.batch).max() else { return [] }
            let names = Set(applied.filter { $0.batch == batch }.map(\.name))
            let known = Set(migrations.map(\.name))
            if let unknown = names.subtracting(known).sorted().first {
                throw MigrationError.unknownMigration(name: unknown)
            }
            let toRevert = migrations.filter { names.contains($0.name) }.reversed()
            if !force {
                var lost: [String] = []
                for loss in toRevert.flatMap(\.revertLoses) {
                    let count = try await Self.rows(losing: loss, on: sql)
                    if count > 0 {
                        let what = loss.column.map { "\(loss.table).\($0)" } ?? loss.table
                        lost.append("\(what): \(count.counted("row"))")
                    }
                }
                if !lost.isEmpty { throw MigrationError.revertWouldLoseData(lost) }
            }
            for migration in toRevert {
                try await migration.revert(on: sql)
                try await sql.delete(from: Self.table).where("name", .equal, SQLBind(migration.name)).run()
            }
            return toRevert.map(\.name)
        }
    }

    /// Makes sure the schema is current before a command uses it.
    ///
    /// On SQLite, pending migrations are applied on the spot, so a newcomer never has to. On
    /// PostgreSQL they are not: schema changes on a shared server are deliberate.
    ///
    /// - Throws: ``MigrationError/pending(names:)`` on PostgreSQL when migrations are pending.
    public func ensureCurrent(on handle: DatabaseHandle) async throws {
        let pending = try await handle.read { try await pendingNames(on: $0 as! any SQLDatabase) }
        guard !pending.isEmpty else { return }
        switch handle.url.backend {
        case .sqlite:
            try await migrate(on: handle)
        case .postgresql:
            throw MigrationError.pending(names: pending)
        }
    }

    /// The pending names, in one query when the migrations table exists.
    private func pendingNames(on sql: any SQLDatabase) async throws -> [String] {
        let applied = Set(try await appliedMigrations(on: sql).map(\.name))
        return migrations.map(\.name).filter { !applied.contains($0) }
    }

    private func appliedMigrations(on sql: any SQLDatabase) async throws -> [MigrationStatus.Applied] {
        do {
            return try await sql.select().column("name").column("batch").from(Self.table)
                .orderBy("batch").orderBy("name")
                .all(decoding: MigrationStatus.Applied.self)
        } catch {
            // A fresh database has no migrations table yet; anything else is a real failure.
            if try await !sql.tableExists(Self.table) { return [] }
            throw error
        }
    }

    private func createTableIfNeeded(on sql: any SQLDatabase) async throws {
        try await sql.create(table: Self.table)
            .ifNotExists()
            .column("name", type: .custom(SQLRaw("VARCHAR(200)")), .primaryKey(autoIncrement: false))
            .column("batch", type: .int, .notNull)
            .column("applied_at", type: .custom(SQLRaw("VARCHAR(40)")), .notNull)
            .run()
    }

    /// How many rows hold data that `loss` would destroy.
    private static func rows(losing loss: RevertLoss, on sql: any SQLDatabase) async throws -> Int {
        guard try await sql.tableExists(loss.table) else { return 0 }
        var query = sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(loss.table)
        if let column = loss.column { query = query.where(SQLIdentifier(column), .isNot, SQLLiteral.null) }
        return try await query.first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// On PostgreSQL, processes migrating at once queue here instead of racing, even before the
    /// migrations table exists (ten processes on an empty database once collided creating it):
    /// a transaction-level advisory lock, released by `COMMIT` or `ROLLBACK`, so it is safe
    /// behind a transaction pooler. SQLite's `BEGIN IMMEDIATE` already serialises them.
    private func lock(_ sql: any SQLDatabase) async throws {
        if sql.dialect.name == "postgresql" {
            try await sql.raw("SELECT pg_advisory_xact_lock(hashtext(\(literal: Self.table)))").run()
        }
    }
}

/// Which migrations a database has, and which it still needs.
public struct MigrationStatus: Sendable, Equatable, Codable {
    /// One applied migration.
    public struct Applied: Sendable, Equatable, Codable {
        /// Its stable name.
        public let name: String
        /// The batch it was applied in; `migrate --revert` undoes the highest batch.
        public let batch: Int

        /// A migration applied in `batch`.
        public init(name: String, batch: Int) {
            self.name = name
            self.batch = batch
        }
    }

    /// Applied migrations, oldest batch first.
    public let applied: [Applied]
    /// Names not yet applied, in order.
    public let pending: [String]
}

/// Why the schema cannot be used or changed as asked: one line for a person, a ``code``, and the
/// migrations or data concerned.
public struct MigrationError: PersistFailure, Equatable {
    /// What kind of refusal it is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's name, stable across versions.
        public let description: String
        private init(_ name: String) { description = name }

        /// The database needs migrations that are not applied automatically (PostgreSQL).
        public static let pending = Code("pending")
        /// The database has a migration this program does not know.
        public static let unknownMigration = Code("unknownMigration")
        /// Reverting would destroy rows; refused unless forced.
        public static let revertWouldLoseData = Code("revertWouldLoseData")
    }

    /// What kind of refusal it is.
    public let code: Code
    /// The migrations concerned (pending or unknown), or what a revert would destroy
    /// (`"notes: 12 rows"`).
    public let items: [String]
    /// One line for a person.
    public let description: String

    /// The database needs these migrations, which are not applied automatically.
    public static func pending(names: [String]) -> MigrationError {
        MigrationError(code: .pending, items: names, description: "the database schema is not current: \(names.count.counted("migration")) pending (\(names.joined(separator: ", "))); apply them first")
    }

    /// The database has migration `name`, which this program does not know, so it cannot revert it.
    public static func unknownMigration(name: String) -> MigrationError {
        MigrationError(code: .unknownMigration, items: [name], description: "the database has migration \(name), which this version of the program does not know; use the version that applied it")
    }

    /// Reverting would destroy these rows (`"notes: 12 rows"`); refused unless forced.
    public static func revertWouldLoseData(_ losses: [String]) -> MigrationError {
        MigrationError(code: .revertWouldLoseData, items: losses, description: "reverting would delete data (\(losses.joined(separator: ", "))); nothing was reverted; force the revert to lose it")
    }
}
