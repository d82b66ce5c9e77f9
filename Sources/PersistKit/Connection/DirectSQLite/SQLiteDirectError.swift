import VaporCSQLite

/// A failure reported by SQLite to an ``SQLiteDirectConnection``: its (extended) result code and
/// message. ``DatabaseError/translating(_:for:limits:)``, ``ForeignKeyViolation`` and the busy
/// check read it as they read SQLiteNIO's errors.
public struct SQLiteDirectError: Error, CustomStringConvertible, Sendable {
    /// SQLite's extended result code (`SQLITE_CONSTRAINT_FOREIGNKEY`, `SQLITE_BUSY`…).
    public let code: Int32
    /// SQLite's message.
    public let message: String

    public var description: String { message }

    /// The primary result code (`SQLITE_CONSTRAINT` for any constraint failure).
    var primary: Int32 { code & 0xff }

    /// Whether another connection held the lock past the busy timeout.
    var isBusy: Bool { primary == SQLITE_BUSY || primary == SQLITE_LOCKED }

    /// Whether the statement was interrupted (see ``SQLiteDirectConnection/interrupt()``).
    var isInterrupted: Bool { primary == SQLITE_INTERRUPT }

    /// Whether a foreign key was violated.
    var isForeignKeyViolation: Bool { code == SQLITE_CONSTRAINT | (3 << 8) }  // SQLITE_CONSTRAINT_FOREIGNKEY
}
