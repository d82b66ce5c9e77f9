/// A database that could not be opened, reached or used. Its text is one line for a person and
/// never contains a password; ``code``, ``sqlState`` and ``underlying`` are for programs.
public struct DatabaseError: Error, CustomStringConvertible {
    /// What kind of failure it is, for callers that react differently.
    ///
    /// A struct rather than an enum, so that a new kind of failure is not a breaking change for
    /// callers that switch over it (give such a switch a `default`).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's name, stable across versions (`cannotConnect`).
        public let description: String
        private init(_ name: String) { description = name }

        /// An SQLite file (or its folder) that a read-only command needs does not exist.
        public static let fileNotFound = Code("fileNotFound")
        /// The SQLite file could not be opened or is not a database.
        public static let cannotOpen = Code("cannotOpen")
        /// The server could not be reached or refused the connection.
        public static let cannotConnect = Code("cannotConnect")
        /// The server did not accept the user name and password.
        public static let authenticationFailed = Code("authenticationFailed")
        /// TLS was required by `sslmode` but could not be set up.
        public static let tls = Code("tls")
        /// Every pooled connection stayed busy for the whole acquire timeout.
        public static let poolExhausted = Code("poolExhausted")
        /// A statement failed.
        public static let queryFailed = Code("queryFailed")
        /// The server has no connection slots left for this role.
        public static let serverFull = Code("serverFull")
        /// A setting has an unusable value.
        public static let invalidSetting = Code("invalidSetting")
        /// The connection broke while `COMMIT` was in flight: the write may or may not have been saved.
        public static let outcomeUnknown = Code("outcomeUnknown")
    }

    /// What kind of failure it is.
    public let code: Code
    /// One line: what went wrong and, where it helps, what to do.
    public let description: String
    /// PostgreSQL's SQLSTATE for a failure the server reported (`"3D000"`, `"23505"`), else `nil`.
    public let sqlState: String?
    /// The driver's own error, kept for programs that need more than the code (never shown:
    /// ``description`` is the text for people).
    public let underlying: (any Error)?

    /// Makes an error with a message that is already safe to show.
    public init(_ code: Code, _ description: String, sqlState: String? = nil, underlying: (any Error)? = nil) {
        self.code = code
        self.description = description
        self.sqlState = sqlState
        self.underlying = underlying
    }

    /// Whether the connection itself was lost (a restart, an idle timeout, a terminated backend),
    /// as opposed to a statement failing on a working connection.
    public var isConnectionLoss: Bool {
        underlying.map(ConnectionLoss.matches) ?? false
    }

    /// Whether another connection (another process, often) held SQLite's lock for longer than
    /// the busy timeout: nothing was done, and the same work may succeed a moment later.
    public var isLockTimeout: Bool {
        underlying.map(SQLiteBusy.matches) ?? false
    }

    /// Whether `error` (a driver's, or a ``DatabaseError`` made from one) is SQLite's lock
    /// staying held past the busy timeout; see ``isLockTimeout``.
    public static func isLockTimeout(_ error: any Error) -> Bool {
        (error as? DatabaseError)?.isLockTimeout ?? SQLiteBusy.matches(error)
    }
}
