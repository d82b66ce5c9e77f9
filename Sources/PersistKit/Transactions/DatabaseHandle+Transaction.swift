import FluentKit
import SQLKit

extension DatabaseHandle {
    /// Runs `body` in one transaction on one pinned connection: committed when `body` returns,
    /// rolled back when it throws, so a failed write leaves nothing behind.
    ///
    /// On SQLite the transaction starts with `BEGIN IMMEDIATE`, taking the write lock at once: two
    /// processes that both read and then write wait for each other (up to the busy timeout) instead
    /// of one failing with "database is locked". A failed transaction is never reused: after a
    /// rollback the error is rethrown and the connection returns to the pool clean.
    ///
    /// - Parameter body: the work, given a `Database` bound to the transaction's connection. Do not
    ///   start another transaction inside it.
    /// - Throws: whatever `body` throws, after the rollback; ``DatabaseError`` when `BEGIN` or
    ///   `COMMIT` fails.
    public func transaction<Result: Sendable>(
        _ body: @escaping @Sendable (any Database) async throws -> Result
    ) async throws -> Result {
        let begin = url.backend == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN"
        return try await database.withConnection { connection in
            let sql = connection as! any SQLDatabase
            try await sql.raw(SQLQueryString(begin)).run()
            let result: Result
            do {
                result = try await body(connection)
            } catch {
                try? await sql.raw("ROLLBACK").run()
                throw error
            }
            do {
                try await sql.raw("COMMIT").run()
            } catch {
                try? await sql.raw("ROLLBACK").run()
                throw error
            }
            return result
        }
    }
}
