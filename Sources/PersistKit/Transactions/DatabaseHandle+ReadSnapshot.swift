import FluentKit
import SQLKit

extension DatabaseHandle {
    /// Runs read-only work inside one read transaction: every statement in `body` sees the same
    /// consistent snapshot, so a concurrent writer cannot make two reads disagree by timing.
    ///
    /// PostgreSQL: `REPEATABLE READ READ ONLY`. SQLite: a deferred transaction, whose first read
    /// fixes the snapshot (WAL keeps it while writers commit).
    public func readSnapshot<Result: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> Result) async throws -> Result {
        let begin: SQLQueryString = url.backend == .sqlite ? "BEGIN DEFERRED" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
        return try await onHealthyConnection { connection in
            let sql = connection as! any SQLDatabase
            try await sql.raw(begin).run()
            do {
                let result = try await body(connection)
                try await sql.raw("COMMIT").run()
                return result
            } catch {
                try? await sql.raw("ROLLBACK").run()
                throw error
            }
        }
    }
}
