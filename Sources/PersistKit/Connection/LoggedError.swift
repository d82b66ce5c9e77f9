import PostgresNIO
import SQLiteNIO

/// What a log line may say about an error nobody expected (a server's 500): enough for an
/// operator to see what failed, nothing a user typed.
public enum LoggedError {
    /// The error's type; for SQLite, also its result code and message, which name tables,
    /// columns and constraints but never the values bound to a statement. Other errors' texts
    /// may quote SQL or values (PostgreSQL's "invalid input syntax … \"value\""), so only their
    /// type and codes are given.
    public static func summary(of error: any Error) -> String {
        switch error {
        case let error as SQLiteDirectError:
            return "SQLite error \(error.code): \(PrintableText.oneLine(error.message))"
        case let error as SQLiteError:
            return "SQLite error (\(error.reason)): \(PrintableText.oneLine(error.message))"
        case let error as PSQLError:
            return "PostgreSQL error (\(error.code))" + (error.serverInfo?[.sqlState].map { ", SQLSTATE \($0)" } ?? "")
        case let error as DatabaseError:
            return "DatabaseError (\(error.code))" + (error.sqlState.map { ", SQLSTATE \($0)" } ?? "")
                + (error.underlying.map { " from " + summary(of: $0) } ?? "")
        default:
            return "\(type(of: error))"
        }
    }
}
