/// What `persist doctor` found out about a database: everything a person needs to trust it, or
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
        public var size: Int
        public var acquireTimeoutSeconds: Int
        public var connectTimeoutSeconds: Int
    }

    /// Schema migrations.
    public struct Migrations: Sendable, Codable, Equatable {
        public var applied: Int
        public var pending: [String]
    }

    /// Why the database cannot be used, and what to do.
    public struct Failure: Sendable, Codable, Equatable {
        public var error: String
        public var cause: String
        public var fix: String
    }

    public var backend: String
    public var database: String
    public var source: String
    public var usable: Bool
    public var serverVersion: String?
    /// Whether a pooler (PgBouncer, Neon's pooled endpoint) sits between persist and the server.
    public var pooled: Bool?
    public var tls: TLS?
    public var authentication: String?
    /// Median round trip of `SELECT 1`, in milliseconds.
    public var latencyMilliseconds: Double?
    public var pool: Pool?
    public var migrations: Migrations?
    public var warnings: [String]
    public var failure: Failure?
}
