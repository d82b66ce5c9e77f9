/// Whether a command may change the database.
public enum AccessMode: Sendable, Equatable {
    /// Reads and writes; an SQLite file is created when missing.
    case readWrite
    /// Reads only; a missing SQLite file is an error, never created.
    case readOnly
}
