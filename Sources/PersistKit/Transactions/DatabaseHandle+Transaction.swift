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
        let begin: SQLQueryString = url.backend == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN"
        let url = self.url
        return try await onHealthyConnection { connection in
            let sql = connection as! any SQLDatabase
            try await sql.raw(begin).run()
            let result: Result
            do {
                result = try await body(connection)
            } catch {
                try? await sql.raw("ROLLBACK").run()
                throw error
            }
            do {
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

    /// Runs read-only work on one pinned, pre-pinged connection. If the server drops the
    /// connection, the work (which must only read) is run again on a fresh one.
    public func read<Result: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> Result) async throws -> Result {
        try await onHealthyConnection(body)
    }
}
