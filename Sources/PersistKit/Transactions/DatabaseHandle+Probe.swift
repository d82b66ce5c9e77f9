import FluentKit
import SQLKit

extension DatabaseHandle {
    /// Runs `body` in a transaction that is always rolled back: for checks that must write to
    /// learn something (does the database reject a duplicate?) but must leave nothing behind,
    /// even if the process is killed half way.
    public func probe<Result: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> Result) async throws -> Result {
        let begin: SQLQueryString = url.backend == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN"
        return try await onHealthyConnection { connection in
            let sql = connection as! any SQLDatabase
            try await sql.raw(begin).run()
            do {
                let result = try await body(connection)
                try await sql.raw("ROLLBACK").run()
                return result
            } catch {
                try? await sql.raw("ROLLBACK").run()
                throw error
            }
        }
    }
}
