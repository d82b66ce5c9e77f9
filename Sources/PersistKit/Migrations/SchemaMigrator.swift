import Foundation
import SQLKit

/// Applies, lists, checks and reverts ``SchemaMigration``s, recording them in `persist_migrations`.
///
/// Unlike FluentKit's `Migrator`, each batch runs in one transaction (both SQLite and PostgreSQL
/// have transactional DDL), so a migration that fails half-way leaves the schema exactly as it
/// was. One migrator runs at a time (an advisory lock on PostgreSQL, the write lock on SQLite).
/// Each applied migration is recorded with a checksum of the statements it ran, in the database's
/// dialect, and with the program that applied it: a database whose migration was edited after
/// release is refused, and so are changes to a database that a newer program migrated.
///
/// ```swift
/// let migrator = SchemaMigrator([M0001_CreateUsers(), M0002_CreateCategories()], programVersion: "notes 1.0")
/// let applied = try await migrator.migrate(on: handle)
/// ```
public struct SchemaMigrator: Sendable {
    /// The table that records applied migrations.
    public static let table = "persist_migrations"

    /// The migrations, in the order they apply.
    public let migrations: [any SchemaMigration]
    /// Recorded with each migration this migrator applies (`applied_by`), so that an older program
    /// can say which version a database needs.
    public let programVersion: String?
    /// PostgreSQL: how long, in seconds, one statement of a batch may wait for a table's lock
    /// (`lock_timeout`) before the batch gives up and rolls back, instead of queueing every query
    /// of a busy table behind it; `nil` waits for ever (``MigrationLint`` warns).
    public var lockTimeout: Int?
    /// PostgreSQL: from how many rows a table counts as large for ``MigrationLint``.
    public var largeTableRows: Int
    /// Tables in the same database that these migrations do not make (another component's),
    /// left out of ``check(on:)``: any other table there is drift.
    public var sharedTables: Set<String> = []
    /// Called once when another migrator holds the lock on PostgreSQL and this one starts to wait
    /// for it (to tell a person why nothing happens).
    public var onLockWait: (@Sendable () -> Void)?

    /// A migrator for `migrations`, which must have distinct names.
    public init(_ migrations: [any SchemaMigration], programVersion: String? = nil, lockTimeout: Int? = 5, largeTableRows: Int = 10_000) {
        precondition(Set(migrations.map(\.name)).count == migrations.count, "migration names must be unique")
        self.migrations = migrations
        self.programVersion = programVersion
        self.lockTimeout = lockTimeout
        self.largeTableRows = largeTableRows
    }

    /// Which migrations are applied, pending, unknown to this program or changed since applied.
    public func status(on handle: DatabaseHandle) async throws -> MigrationStatus {
        let applied = try await handle.read { try await appliedMigrations(on: $0 as! any SQLDatabase) }
        return try await status(of: applied, on: handle.url.backend)
    }

    /// Applies every pending migration as one new batch, in one transaction.
    ///
    /// - Parameter strict: refuse (apply nothing) when a pending migration breaks a rule of
    ///   ``MigrationLint`` on PostgreSQL.
    /// - Returns: the names applied, empty when the schema was already current.
    /// - Throws: ``MigrationError`` when the database was migrated by a newer program, when an
    ///   applied migration changed, or (strict) on a lint finding.
    ///
    /// Processes migrating at once queue: on PostgreSQL behind an advisory lock, on SQLite behind
    /// the write lock, retried for up to a minute past the busy timeout (ten first migrations of a
    /// new file at once outwaited five seconds under load). The others then find nothing to do.
    @discardableResult
    public func migrate(on handle: DatabaseHandle, strict: Bool = false) async throws -> [String] {
        try await SQLiteBusy.retrying(for: 60) {
            try await handle.transaction { database in
                try await applyPending(on: database as! any SQLDatabase, backend: handle.url.backend, strict: strict).map(\.name)
            }
        }
    }

    /// Makes sure the schema is what this program expects before a command uses it.
    ///
    /// On SQLite, pending migrations are applied on the spot, so a newcomer never has to. On
    /// PostgreSQL they are not: schema changes on a shared server are deliberate.
    ///
    /// - Parameter writing: whether the caller will change data. A database migrated by a newer
    ///   program can still be read, but not changed.
    /// - Throws: ``MigrationError`` when migrations are pending (PostgreSQL), changed since they
    ///   were applied, or (writing) unknown to this program.
    public func ensureCurrent(on handle: DatabaseHandle, writing: Bool = true) async throws {
        let applied = try await handle.read { try await appliedMigrations(on: $0 as! any SQLDatabase) }
        let status = try await status(of: applied, on: handle.url.backend)
        if !status.changed.isEmpty { throw MigrationError.changedMigrations(status.changed) }
        if !status.unknown.isEmpty && (writing || !status.pending.isEmpty) { throw newerDatabase(status, applied: applied) }
        guard !status.pending.isEmpty else { return }
        switch handle.url.backend {
        case .sqlite: try await migrate(on: handle)
        case .postgresql: throw MigrationError.pending(names: status.pending)
        }
    }

    /// A migration's checksum on `backend`: the SHA-256 of the statements it runs there.
    public func checksum(of migration: any SchemaMigration, on backend: DatabaseURL.Backend) async throws -> String {
        MigrationChecksum.of(try await SQLStatementRecorder.statements(of: migration, on: backend))
    }

    // MARK: - The batch

    /// One applied migration and the time its statements took.
    public struct Timing: Sendable, Equatable, Codable {
        /// The migration.
        public let name: String
        /// How long its statements took, in milliseconds.
        public let milliseconds: Double
    }

    /// Locks, brings the bookkeeping table up to date, refuses what must be refused, and applies
    /// the pending migrations as one batch on `sql`, which is inside a transaction.
    func applyPending(on sql: any SQLDatabase, backend: DatabaseURL.Backend, strict: Bool) async throws -> [Timing] {
        try await lock(sql)
        try await prepareTable(on: sql)
        let applied = try await appliedMigrations(on: sql)
        let status = try await status(of: applied, on: backend)
        if !status.unknown.isEmpty { throw newerDatabase(status, applied: applied) }
        if !status.changed.isEmpty { throw MigrationError.changedMigrations(status.changed) }
        try await recordMissingChecksums(applied, on: sql, backend: backend)
        let pending = migrations.filter { status.pending.contains($0.name) }
        guard !pending.isEmpty else { return [] }
        try await setLockTimeout(sql)
        try await requireUsablePrebuiltIndexes(pending, on: sql, backend: backend)
        if strict && backend == .postgresql {
            let findings = try await lint(pending, on: sql)
            if !findings.isEmpty { throw MigrationError.lint(findings) }
        }
        let batch = try nextBatch(after: applied)
        let now = ISO8601DateFormatter().string(from: Date())
        var timings: [Timing] = []
        for migration in pending {
            let start = ContinuousClock.now
            try await migration.prepare(on: sql)
            let elapsed = ContinuousClock.now - start
            try await record(migration, batch: batch, at: now, checksum: try await checksum(of: migration, on: backend), on: sql)
            timings.append(Timing(name: migration.name, milliseconds: Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15))
        }
        return timings
    }

    /// The rows of `persist_migrations`, in the order applied; empty when the table does not exist.
    func appliedMigrations(on sql: any SQLDatabase) async throws -> [MigrationStatus.Applied] {
        let rows: [any SQLRow]
        do {
            // `*`: tables made before checksums were recorded lack the newer columns.
            rows = try await sql.select().column("*").from(Self.table).orderBy("batch").orderBy("name").all()
        } catch {
            // A fresh database has no migrations table yet; anything else is a real failure.
            if try await !sql.tableExists(Self.table) { return [] }
            throw error
        }
        let order = Dictionary(uniqueKeysWithValues: migrations.enumerated().map { ($1.name, $0) })
        let applied = try rows.map { row in
            do {
                return MigrationStatus.Applied(
                    name: try row.decode(column: "name", as: String.self),
                    batch: try row.decode(column: "batch", as: Int.self),
                    checksum: row.contains(column: "checksum") ? try row.decode(column: "checksum", as: String?.self) : nil,
                    appliedBy: row.contains(column: "applied_by") ? try row.decode(column: "applied_by", as: String?.self) : nil
                )
            } catch {
                // Edited by hand: a NULL or text batch, a number in a name. Say so, in one line.
                throw MigrationError.unreadableRecord("has a row this program cannot read (name, batch, checksum and applied_by must be text, a whole number, text and text)")
            }
        }
        // Within a batch, in the order the migrations ran (the code's order; unknown ones last).
        .enumerated().sorted { a, b in
            (a.element.batch, order[a.element.name] ?? Int.max, a.offset) < (b.element.batch, order[b.element.name] ?? Int.max, b.offset)
        }.map(\.element)
        try requireConsistentBatches(applied)
        return applied
    }

    /// Batches count from 1 and never go back along the code's order: a migration always runs in
    /// the batch of the one before it or a later one. Anything else was edited by hand, and a revert
    /// guided by it would undo a migration while a later one that needs it stays.
    private func requireConsistentBatches(_ applied: [MigrationStatus.Applied]) throws {
        if let row = applied.first(where: { $0.batch < 1 }) {
            throw MigrationError.unreadableRecord("records \(row.name) in batch \(row.batch); batches count from 1")
        }
        let batches = Dictionary(applied.map { ($0.name, $0.batch) }, uniquingKeysWith: { first, _ in first })
        var previous: (name: String, batch: Int)?
        for migration in migrations {
            guard let batch = batches[migration.name] else { continue }
            if let previous, batch < previous.batch {
                throw MigrationError.unreadableRecord("records \(migration.name) in batch \(batch), before \(previous.name) in batch \(previous.batch), which comes first; batches were edited out of order")
            }
            previous = (migration.name, batch)
        }
    }

    func status(of applied: [MigrationStatus.Applied], on backend: DatabaseURL.Backend) async throws -> MigrationStatus {
        let appliedNames = Set(applied.map(\.name))
        let known = Dictionary(uniqueKeysWithValues: migrations.map { ($0.name, $0) })
        var changed: [String] = []
        for row in applied {
            guard let recorded = row.checksum, let migration = known[row.name] else { continue }
            if try await checksum(of: migration, on: backend) != recorded { changed.append(row.name) }
        }
        return MigrationStatus(
            applied: applied,
            pending: migrations.map(\.name).filter { !appliedNames.contains($0) },
            unknown: applied.map(\.name).filter { known[$0] == nil },
            changed: changed
        )
    }

    func newerDatabase(_ status: MigrationStatus, applied: [MigrationStatus.Applied]) -> MigrationError {
        let unknown = Set(status.unknown)
        var programs: [String] = []
        for row in applied where unknown.contains(row.name) {
            // Recorded text, perhaps edited by hand: kept short in a one-line message.
            if let program = row.appliedBy.map({ String($0.prefix(60)) }), !programs.contains(program) { programs.append(program) }
        }
        if let programVersion, programs.contains(programVersion) { return .newerDatabase(names: status.unknown, programs: nil) }
        return .newerDatabase(names: status.unknown, programs: programs)
    }

    /// An index a pending migration creates `IF NOT EXISTS` may have been built beforehand (with
    /// `CONCURRENTLY`, on a large live table). It is taken as it is only when it is valid and on the
    /// table the migration names; `check(on:)` compares the rest of its definition.
    private func requireUsablePrebuiltIndexes(_ pending: [any SchemaMigration], on sql: any SQLDatabase, backend: DatabaseURL.Backend) async throws {
        for migration in pending {
            for (index, table) in MigrationLint.createdIndexes(in: try await SQLStatementRecorder.statements(of: migration, on: backend)) {
                let query: SQLQueryString = backend == .sqlite
                    ? "SELECT tbl_name AS table_name, 1 AS valid FROM sqlite_master WHERE type = 'index' AND name = \(bind: index)"
                    : """
                    SELECT t.relname AS table_name, CASE WHEN i.indisvalid THEN 1 ELSE 0 END AS valid
                    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
                    JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relname = \(bind: index)
                    """
                guard let row = try await sql.raw(query).first() else { continue }
                let existing = try row.decode(column: "table_name", as: String.self)
                if existing.lowercased() != table.lowercased() {
                    throw MigrationError.conflictingIndex(index, of: migration.name, problem: "on table \(PrintableText.oneLine(existing, limit: 100)), not \(table); drop or rename it")
                }
                if try row.decode(column: "valid", as: Int.self) == 0 {
                    throw MigrationError.conflictingIndex(index, of: migration.name, problem: "is INVALID (a CREATE INDEX CONCURRENTLY that failed); drop it (DROP INDEX CONCURRENTLY \(index)) and build it again, or let the migration build it")
                }
            }
        }
    }

    /// The batch after the newest applied one; the column is a 32-bit integer on PostgreSQL.
    func nextBatch(after applied: [MigrationStatus.Applied]) throws -> Int {
        let newest = applied.map(\.batch).max() ?? 0
        guard newest < Int(Int32.max) else { throw MigrationError.unreadableRecord("has batch \(newest), after which no batch can be numbered") }
        return max(newest, 0) + 1
    }

    // MARK: - Bookkeeping

    /// Creates `persist_migrations`, or adds the columns a table from an older version lacks.
    func prepareTable(on sql: any SQLDatabase) async throws {
        try await sql.create(table: Self.table)
            .ifNotExists()
            .column("name", type: .custom(SQLRaw("VARCHAR(200)")), .primaryKey(autoIncrement: false))
            .column("batch", type: .int, .notNull)
            .column("applied_at", type: .custom(SQLRaw("VARCHAR(40)")), .notNull)
            .column("checksum", type: .custom(SQLRaw("VARCHAR(64)")))
            .column("applied_by", type: .custom(SQLRaw("VARCHAR(100)")))
            .run()
        guard !(sql is SQLStatementRecorder) else { return }
        try await addBookkeepingColumns(missingFrom: try await SchemaSnapshot.columns(of: Self.table, on: sql), on: sql)
    }

    /// Adds the columns that a bookkeeping table made by an older version lacks (`checksum`, `applied_by`).
    func addBookkeepingColumns(missingFrom columns: Set<String>, on sql: any SQLDatabase) async throws {
        for (column, width) in [("checksum", 64), ("applied_by", 100)] where !columns.contains(column) {
            try await sql.alter(table: Self.table).column(column, type: .custom(SQLRaw("VARCHAR(\(width))"))).run()
        }
    }

    func record(_ migration: any SchemaMigration, batch: Int, at time: String, checksum: String, on sql: any SQLDatabase) async throws {
        try await sql.insert(into: Self.table)
            .columns("name", "batch", "applied_at", "checksum", "applied_by")
            .values(SQLBind(migration.name), SQLBind(batch), SQLBind(time), SQLBind(checksum), SQLBind(programVersion))
            .run()
    }

    /// Migrations applied before checksums were kept get this program's: trusted on first use.
    private func recordMissingChecksums(_ applied: [MigrationStatus.Applied], on sql: any SQLDatabase, backend: DatabaseURL.Backend) async throws {
        let known = Dictionary(uniqueKeysWithValues: migrations.map { ($0.name, $0) })
        for row in applied where row.checksum == nil {
            guard let migration = known[row.name] else { continue }
            try await sql.update(Self.table)
                .set("checksum", to: SQLBind(try await checksum(of: migration, on: backend)))
                .where("name", .equal, SQLBind(row.name))
                .run()
        }
    }

    /// On PostgreSQL, processes migrating at once queue here instead of racing, even before the
    /// migrations table exists (ten processes on an empty database once collided creating it):
    /// a transaction-level advisory lock, released by `COMMIT` or `ROLLBACK`, so it is safe
    /// behind a transaction pooler. SQLite's `BEGIN IMMEDIATE` already serialises them.
    func lock(_ sql: any SQLDatabase) async throws {
        guard sql.dialect.name == "postgresql" else { return }
        if let onLockWait, !(sql is SQLStatementRecorder) {
            let free = try await sql.raw("SELECT pg_try_advisory_xact_lock(hashtext(\(literal: Self.table))) AS free").first()?.decode(column: "free", as: Bool.self)
            if free == true { return }
            onLockWait()
        }
        try await sql.raw("SELECT pg_advisory_xact_lock(hashtext(\(literal: Self.table)))").run()
    }

    /// PostgreSQL: set after the advisory lock (waiting for another migrator is fine), so that a
    /// statement waiting for a busy table gives up instead of stalling every query behind it.
    func setLockTimeout(_ sql: any SQLDatabase) async throws {
        if sql.dialect.name == "postgresql", let lockTimeout {
            try await sql.raw("SET LOCAL lock_timeout = \(literal: "\(lockTimeout)s")").run()
        }
    }
}
