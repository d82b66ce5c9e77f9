import Foundation
import SQLKit

/// The statements a batch of migrations would run, as a script that `psql` or `sqlite3` runs as
/// it stands (Alembic's offline mode), with the lint findings for PostgreSQL.
public struct MigrationPlan: Sendable, Equatable {
    /// The dialect the statements are written in.
    public let backend: DatabaseURL.Backend
    /// The migrations the batch applies, in order.
    public let migrations: [String]
    /// The whole batch, one statement per line, ended by `;`: the transaction, the lock, the
    /// bookkeeping and each migration's statements (for SQLite, after the `sqlite3` shell's
    /// `.bail on`, so that a failed statement stops the script before `COMMIT`).
    public let script: String
    /// What ``MigrationLint`` finds in the batch (PostgreSQL only).
    public let findings: [MigrationLint.Finding]
}

extension SchemaMigrator {
    /// The batch ``migrate(on:strict:)`` would run on this database now; runs nothing.
    ///
    /// - Throws: what ``migrate(on:strict:)`` would throw before applying anything (a newer
    ///   database, a changed migration).
    public func plan(on handle: DatabaseHandle) async throws -> MigrationPlan {
        let backend = handle.url.backend
        let (applied, columns) = try await handle.read { database in
            let sql = database as! any SQLDatabase
            let applied = try await appliedMigrations(on: sql)
            let exists = try await sql.tableExists(Self.table)
            let columns: Set<String>? = exists ? try await SchemaSnapshot.columns(of: Self.table, on: sql) : nil
            return (applied, columns)
        }
        let status = try await status(of: applied, on: backend)
        if !status.unknown.isEmpty { throw newerDatabase(status, applied: applied) }
        if !status.changed.isEmpty { throw MigrationError.changedMigrations(status.changed) }
        let pending = migrations.filter { status.pending.contains($0.name) }
        var findings: [MigrationLint.Finding] = []
        if backend == .postgresql {
            findings = try await handle.probe { database in
                try await setLockTimeout(database as! any SQLDatabase)
                return try await lint(pending, on: database as! any SQLDatabase)
            }
        }
        return try await plan(
            pending, backend: backend, batch: try nextBatch(after: applied),
            existingColumns: columns, findings: findings
        )
    }

    /// Every migration as one batch on a new, empty database of `backend`; needs no database.
    public func plan(for backend: DatabaseURL.Backend) async throws -> MigrationPlan {
        try await plan(migrations, backend: backend, batch: 1, existingColumns: nil, findings: [])
    }

    /// The lint findings for the pending migrations on this database (PostgreSQL's rules, on the
    /// statements rendered for PostgreSQL; tables are sized on this database).
    public func lint(on handle: DatabaseHandle) async throws -> [MigrationLint.Finding] {
        // In a transaction that is rolled back, under the lock timeout: sizing a table that a long
        // transaction holds gives up instead of waiting in silence.
        try await handle.probe { database in
            let sql = database as! any SQLDatabase
            try await setLockTimeout(sql)
            // Inside a transaction a failed read of a missing table would abort it: ask first.
            let applied = try await sql.tableExists(Self.table) ? try await appliedMigrations(on: sql) : []
            let pending = try await status(of: applied, on: handle.url.backend).pending
            return try await lint(migrations.filter { pending.contains($0.name) }, on: sql)
        }
    }

    /// Runs the pending migrations and undoes them: on PostgreSQL in a transaction that is rolled
    /// back, on SQLite on a copy of the file (`VACUUM INTO`) that is then removed. The database
    /// is left as it was.
    ///
    /// - Returns: each migration and how long it took.
    public func dryRun(on handle: DatabaseHandle, strict: Bool = false) async throws -> [Timing] {
        switch handle.url.backend {
        case .postgresql:
            return try await handle.probe { database in
                try await applyPending(on: database as! any SQLDatabase, backend: .postgresql, strict: strict)
            }
        case .sqlite:
            // Refusals first, on the database itself: nothing is copied for a batch that cannot run.
            let applied = try await handle.read { try await appliedMigrations(on: $0 as! any SQLDatabase) }
            let status = try await status(of: applied, on: .sqlite)
            if !status.unknown.isEmpty { throw newerDatabase(status, applied: applied) }
            if !status.changed.isEmpty { throw MigrationError.changedMigrations(status.changed) }
            guard !status.pending.isEmpty else { return [] }
            // The copy holds every row: a folder only this user can read, removed afterwards.
            let folder = try PrivateFolder.make("persist-dry-run")
            defer { PrivateFolder.remove(folder) }
            let copy = try DatabaseURL("sqlite:///" + folder.appendingPathComponent("copy.db").path)
            guard case .sqlite(.file(let path)) = copy.location else { return [] }
            // VACUUM cannot run inside a transaction: the one statement this needs outside one.
            try await handle.unprotectedSQL.raw("VACUUM INTO \(literal: path)").run()
            try Task.checkCancellation()
            do {
                return try await DatabaseHandle.withOpen(copy) { copyHandle in
                    try await copyHandle.transaction { database in
                        try await applyPending(on: database as! any SQLDatabase, backend: .sqlite, strict: strict)
                    }
                }
            } catch let error as DatabaseError {
                // Name the user's database, not the temporary copy.
                throw DatabaseError(error.code, error.description.replacingOccurrences(of: copy.redacted, with: handle.url.redacted)
                    .replacingOccurrences(of: path, with: "the copy of the database"), sqlState: error.sqlState, underlying: error.underlying)
            }
        }
    }

    func lint(_ pending: [any SchemaMigration], on sql: any SQLDatabase) async throws -> [MigrationLint.Finding] {
        var steps: [(migration: any SchemaMigration, statements: [String])] = []
        for migration in pending { steps.append((migration, try await SQLStatementRecorder.statements(of: migration, on: .postgresql))) }
        let limit = largeTableRows
        return try await MigrationLint.findings(for: steps, lockTimeout: lockTimeout, largeTableRows: limit, rows: { table in
            guard try await sql.tableExists(table) else { return nil }
            let sample = SQLQueryString("SELECT COUNT(*) AS n FROM (SELECT 1 FROM \(ident: table) LIMIT \(unsafeRaw: String(limit))) AS sample")
            return try await sql.raw(sample).first()?.decode(column: "n", as: Int.self) ?? 0
        }, indexExists: { index, table in
            try await sql.raw("""
                SELECT 1 AS found FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = current_schema() AND c.relname = \(bind: index) AND t.relname = \(bind: table) AND i.indisvalid
                """).first() != nil
        })
    }

    private func plan(
        _ pending: [any SchemaMigration], backend: DatabaseURL.Backend, batch: Int, existingColumns: Set<String>?, findings: [MigrationLint.Finding]
    ) async throws -> MigrationPlan {
        let recorder = SQLStatementRecorder(backend)
        try await lock(recorder)
        try await prepareTable(on: recorder)
        // A bookkeeping table from an older version (nil: none yet, CREATE TABLE makes it whole).
        if let existingColumns { try await addBookkeepingColumns(missingFrom: existingColumns, on: recorder) }
        if !pending.isEmpty { try await setLockTimeout(recorder) }
        let now = ISO8601DateFormatter().string(from: Date())
        var lines = ["-- \(pending.count.counted("migration")) for \(backend.rawValue)\(pending.isEmpty ? ": the schema is up to date" : "")"]
        // The sqlite3 shell goes on after a failed statement and would reach COMMIT: stop it there.
        // (psql: run with -v ON_ERROR_STOP=1; without it, PostgreSQL still refuses the COMMIT.)
        if backend == .sqlite { lines.append(".bail on") }
        lines.append(backend == .sqlite ? "BEGIN IMMEDIATE;" : "BEGIN;")
        lines += recorder.statements.map { $0 + ";" }
        for migration in pending {
            let statements = try await SQLStatementRecorder.statements(of: migration, on: backend)
            let bookkeeping = SQLStatementRecorder(backend)
            try await record(migration, batch: batch, at: now, checksum: MigrationChecksum.of(statements), on: bookkeeping)
            lines.append("-- \(migration.name)")
            lines += (statements + bookkeeping.statements).map { $0 + ";" }
        }
        lines.append("COMMIT;")
        return MigrationPlan(backend: backend, migrations: pending.map(\.name), script: lines.joined(separator: "\n") + "\n", findings: findings)
    }
}
