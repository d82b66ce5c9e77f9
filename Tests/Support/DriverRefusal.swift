import FluentKit

/// What kind of refusal a driver's error is, for tests that expect the database itself (not
/// persist's checks) to refuse a statement: any other error must fail them.
public enum DriverRefusal {
    /// A constraint (foreign key, unique, check, not null) refused the statement.
    public static func isConstraintFailure(_ error: (any Error)?) -> Bool {
        (error as? any FluentKit.DatabaseError)?.isConstraintFailure == true
    }

    /// The statement was not valid SQL.
    public static func isSyntaxError(_ error: (any Error)?) -> Bool {
        (error as? any FluentKit.DatabaseError)?.isSyntaxError == true
    }
}
