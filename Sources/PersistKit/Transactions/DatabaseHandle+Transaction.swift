import FluentKit
import SQLKit

extension DatabaseHandle {
    /// Runs `body` in one transaction on one pinned, pre-pinged connection: committed when `body`
    /// returns, rolled back when it throws, so a failed write leaves nothing behind.
    ///
    /// On SQLite the transaction starts with `BEGIN IMMEDIATE`, taking the write lock at once: two
    /// processes that both read and then write wait for each other (up to the busy timeout) instead
    /// of one failing with "database is locked".
    ///
    /// On PostgreSQL, if the server drops the connection before `COMMIT` is sent (a restart,
    /// `pg_terminate_backend`, an idle compute going to sleep), the server has rolled the work
    /// back, so the whole transaction is run again on a fresh connection. If the connection drops
    /// while `COMMIT` is in flight, nothing is retried, so a write is never applied twice: the call
    /// fails with ``DatabaseError/Code/outcomeUnknown``.
    ///
    /// - Parameter body: the work, given a `Database` bound to the transaction's connection. Do not
    ///   start another transaction inside it; it may run more than once, as described above.
    public func transaction<Result: Sendable>(
        _ body: @escaping @Sendable (any Database) async throws -> Result
    ) async throws -> Result {
        try await inTransaction(begin: writeBegin, commit: true, body)
    }

    /// Runs read-only work on one pinned, pre-pinged connection. If the server drops the
    /// connection, the work (which must only read) is run again on a fresh one.
    public func read<Result: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> Result) async throws -> Result {
        let counter = statements
        return try await onHealthyConnection(reading: true) { try await body(CountedDatabase(base: $0, counter: counter)) }
    }

    /// Runs read-only work inside one read transaction: every statement in `body` sees the same
    /// consistent snapshot, so a concurrent writer cannot make two reads disagree by timing.
    ///
    /// PostgreSQL: `REPEATABLE READ READ ONLY`. SQLite: a deferred transaction, whose first read
    /// fixes the snapshot (WAL keeps it while writers commit).
    public func readSnapshot<Result: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> Result) async throws -> Result {
        let begin: SQLQueryString = url.backend == .sqlite ? "BEGIN DEFERRED" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
        return try await inTransaction(begin: begin, commit: false, reading: true, body)
    }

    /// Runs `body` in a transaction that is always rolled back: for checks that must write to
    /// learn something (does the database reject a duplicate?) but must leave nothing behind,
    /// even if the process is killed half way.
    public func probe<Result: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> Result) async throws -> Result {
        try await inTransaction(begin: writeBegin, commit: false, body)
    }

    private var writeBegin: SQLQueryString { url.backend == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN" }

    /// `begin`, `body`, then `COMMIT` (when `commit`) or `ROLLBACK`; `ROLLBACK` whenever `body` throws.
    private func inTransaction<Result: Sendable>(
        begin: SQLQueryString, commit: Bool, reading: Bool = false, _ body: @escaping @Sendable (any Database) async throws -> Result
    ) async throws -> Result {
        let url = self.url, counter = statements, commitMark = CommitMark()
        return try await onHealthyConnection(reading: reading, commit: commitMark) { connection in
            let sql = connection as! any SQLDatabase
            try await sql.raw(begin).run()
            let result: Result
            do {
                result = try await body(CountedDatabase(base: connection, counter: counter))
            } catch {
                // On a connection the server dropped there is nothing to roll back (the server
                // already did), and a statement sent to it may never be answered.
                if !ConnectionLoss.matches(error) { try? await sql.raw("ROLLBACK").run() }
                throw error
            }
            guard commit else {
                try await sql.raw("ROLLBACK").run()
                return result
            }
            do {
                commitMark.markSent()
                try await sql.raw("COMMIT").run()
            } catch where ConnectionLoss.matches(error) {
                throw DatabaseError(
                    .outcomeUnknown,
                    "the connection to \(DatabaseError.serverName(url)) broke while committing; the write may or may not have been saved; check before repeating it"
                )
            } catch {
                try? await sql.raw("ROLLBACK").run()
                throw error
            }
            return result
        }
    }
}
