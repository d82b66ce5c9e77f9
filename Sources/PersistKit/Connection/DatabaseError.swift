/// A database that could not be opened, reached or used. Its text is one line for a person and
/// never contains a password.
public struct DatabaseError: Error, CustomStringConvertible {
    /// What kind of failure it is, for callers that react differently.
    public enum Code: Sendable, Equatable {
        /// An SQLite file (or its folder) that a read-only command needs does not exist.
        case fileNotFound
        /// The SQLite file could not be opened or is not a database.
        case cannotOpen
        /// The server could not be reached or refused the connection.
        case cannotConnect
        /// The server did not accept the user name and password.
        case authenticationFailed
        /// TLS was required by `sslmode` but could not be set up.
        case tls
        /// Every pooled connection stayed busy for the whole acquire timeout.
        case poolExhausted
        /// A statement failed.
        case queryFailed
        /// The server has no connection slots left for this role.
        case serverFull
        /// A setting (such as `PERSIST_POOL_SIZE`) has an unusable value.
        case invalidSetting
        /// The connection broke while `COMMIT` was in flight: the write may or may not have been saved.
        case outcomeUnknown
    }

    /// What kind of failure it is.
    public let code: Code
    /// One line: what went wrong and, where it helps, what to do.
    public let description: String

    /// Makes an error with a message that is already safe to show.
    public init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }
}
