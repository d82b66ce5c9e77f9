import FluentKit
import SQLKit

extension SQLDatabase {
    /// Runs `statement` inside a savepoint of the current transaction and reports whether the
    /// database rejected it with a constraint violation (unique, foreign key, not null, check).
    /// Either way the savepoint is rolled back, so the statement leaves no trace and (on
    /// PostgreSQL) the transaction stays usable after the failure.
    ///
    /// - Throws: any other error the statement raised (a typo is not a constraint).
    public func violatesConstraint(_ statement: SQLQueryString) async throws -> Bool {
        try await raw("SAVEPOINT persist_probe").run()
        var failure: (any Error)?
        do {
            try await raw(statement).run()
        } catch {
            failure = error
        }
        try await raw("ROLLBACK TO SAVEPOINT persist_probe").run()
        try await raw("RELEASE SAVEPOINT persist_probe").run()
        guard let failure else { return false }
        guard (failure as? any FluentKit.DatabaseError)?.isConstraintFailure == true else { throw failure }
        return true
    }
}
