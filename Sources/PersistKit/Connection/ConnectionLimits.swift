/// How many connections a ``DatabaseHandle`` may hold and how long it waits: the caller's
/// defaults, which a PostgreSQL URL's `pool_size`, `pool_timeout` and `connect_timeout` override.
///
/// The library never reads these from the process environment; an application that wants an
/// environment variable to set them reads it and passes the value in.
public struct ConnectionLimits: Sendable, Equatable {
    /// The most connections the handle opens to the server.
    public var poolSize: Int
    /// Seconds a statement waits for a free pooled connection before it fails.
    public var poolTimeout: Int
    /// Seconds to wait for the server to answer when connecting (and to keep reconnecting).
    public var connectTimeout: Int

    /// Limits with the given values; the defaults suit one process of a small application.
    public init(poolSize: Int = 5, poolTimeout: Int = 10, connectTimeout: Int = 10) {
        self.poolSize = poolSize
        self.poolTimeout = poolTimeout
        self.connectTimeout = connectTimeout
    }

    /// These limits with the URL's own settings applied over them. `connect_timeout=0` means the
    /// default (libpq waits forever; a bounded wait is kinder).
    public func overridden(by parameters: PostgresParameters) -> ConnectionLimits {
        ConnectionLimits(
            poolSize: parameters.poolSize ?? poolSize,
            poolTimeout: parameters.poolTimeout ?? poolTimeout,
            connectTimeout: parameters.connectTimeout.flatMap { $0 > 0 ? $0 : nil } ?? connectTimeout
        )
    }
}
