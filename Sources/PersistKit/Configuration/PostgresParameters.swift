/// The libpq connection parameters that persist understands in a PostgreSQL URL's query.
///
/// Anything else in the query is refused by name, so a typo such as `ssl_mode=require` can never
/// silently connect without TLS.
public struct PostgresParameters: Sendable, Equatable {
    /// libpq's `sslmode`: how hard to insist on TLS and how much of the certificate to check.
    public enum SSLMode: String, Sendable, Equatable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    /// libpq's `channel_binding`.
    public enum ChannelBinding: String, Sendable, Equatable, CaseIterable {
        case disable, prefer, require
    }

    /// The names persist accepts, matched case-sensitively as libpq does.
    public static let supportedNames: [String] = [
        "sslmode", "sslrootcert", "connect_timeout", "application_name", "channel_binding", "options",
        "pool_size", "pool_timeout",
    ]

    /// TLS policy; libpq's default is `prefer`.
    public var sslMode: SSLMode = .prefer
    /// A PEM file of trusted root certificates (`sslrootcert`).
    public var sslRootCert: String?
    /// Seconds to wait for the server to answer a connection attempt (`connect_timeout`).
    public var connectTimeout: Int?
    /// Shown in `pg_stat_activity` (`application_name`).
    public var applicationName: String?
    /// libpq's `channel_binding`; `require` is refused because the driver cannot bind channels.
    public var channelBinding: ChannelBinding = .prefer
    /// Passed to the server as the `options` startup parameter (Neon's `endpoint=<id>`).
    public var options: String?
    /// The most connections this process opens at once (`pool_size`).
    public var poolSize: Int?
    /// Seconds to wait for a free pooled connection (`pool_timeout`).
    public var poolTimeout: Int?

    /// Every parameter as given, in URL order, for rendering the URL back.
    public internal(set) var items: [Item] = []

    /// One `name=value` pair of the query, percent-decoded.
    public struct Item: Sendable, Equatable {
        /// The parameter name.
        public var name: String
        /// Its value.
        public var value: String
    }
}
