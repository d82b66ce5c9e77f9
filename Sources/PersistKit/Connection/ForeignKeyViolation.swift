import PostgresNIO
import SQLiteNIO

/// Recognises a foreign-key violation from either driver, apart from other constraint failures
/// (unique, check, a trigger's abort): a row pointed at was deleted, or never existed.
public enum ForeignKeyViolation {
    /// Whether `error` is a foreign-key violation (PostgreSQL `23503`, SQLite's
    /// `SQLITE_CONSTRAINT_FOREIGNKEY`).
    public static func matches(_ error: any Error) -> Bool {
        switch error {
        case let error as PSQLError: return error.serverInfo?[.sqlState] == "23503"
        case let error as SQLiteError: return error.reason == .constraintForeignKeyFailed
        case let error as SQLiteDirectError: return error.isForeignKeyViolation
        default: return false
        }
    }
}
