import PersistKit

/// What the doctor found out about a database: everything a person needs to trust it, or
/// the likely cause and fix when it cannot be used.
public struct DoctorReport: Sendable, Codable, Equatable {
    /// TLS on the connection persist made.
    public struct TLS: Sendable, Codable, Equatable {
        /// The URL's `sslmode`.
        public var sslMode: String
        /// Whether the connection is encrypted; `nil` when it cannot be seen (behind a pooler).
        public var encrypted: Bool?
        /// The TLS protocol version, such as `TLSv1.3`.
        public var protocolVersion: String?
        /// `none`, `chain` (verify-ca) or `chain and host name` (verify-full).
        public var certificateVerified: String
    }

    /// The pool persist uses for this database.
    public struct Pool: Sendable, Codable, Equatable {
        /// Connections per process.
        public var size: Int
        /// How long a caller waits for a free connection.
        public var acquireTimeoutSeconds: Int
        /// How long opening a connection may take.
        public var connectTimeoutSeconds: Int
    }

    /// Schema migrations.
    public struct Migrations: Sendable, Codable, Equatable {
        /// Migrations applied.
        public var applied: Int
        /// Migrations not yet applied, by name.
        public var pending: [String]
        /// Applied migrations this version does not know (a newer version applied them).
        public var unknown: [String] = []
        /// Applied migrations whose statements changed since (their checksums differ).
        public var changed: [String] = []
    }

    /// Why the database cannot be used, and what to do.
    public struct Failure: Sendable, Codable, Equatable {
        /// The error, one line.
        public var error: String
        /// The likely cause.
        public var cause: String
        /// What to do.
        public var fix: String
    }

    /// `sqlite` or `postgresql`.
    public var backend: String
    /// The database URL, redacted.
    public var database: String
    /// Where the URL came from (flag, environment, .env, default).
    public var source: String
    /// Whether persist can use the database.
    public var usable: Bool
    /// The server's version, when it answered.
    public var serverVersion: String?
    /// Whether a pooler (PgBouncer, Neon's pooled endpoint) sits between persist and the server.
    public var pooled: Bool?
    /// TLS on the connection (PostgreSQL).
    public var tls: TLS?
    /// How persist signed in (PostgreSQL).
    public var authentication: String?
    /// Median round trip of `SELECT 1`, in milliseconds.
    public var latencyMilliseconds: Double?
    /// The connection pool (PostgreSQL).
    public var pool: Pool?
    /// Schema migrations, when the database answered.
    public var migrations: Migrations?
    /// Things that work but should be fixed.
    public var warnings: [String]
    /// Why the database cannot be used.
    public var failure: Failure?
}
