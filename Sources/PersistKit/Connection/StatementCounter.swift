import NIOConcurrencyHelpers

/// Counts the SQL statements a ``DatabaseHandle`` sends, for `--stats`-style reports and for
/// tests that prove a listing runs a constant number of queries (no N+1).
///
/// Every statement the handle's units of work send passes through one counting layer, so the
/// figure is exact whatever the log level; the handle's own pre-pings and transaction control
/// (`BEGIN`, `COMMIT`, `ROLLBACK`) are not the caller's work and are left out.
public final class StatementCounter: Sendable {
    private let count = NIOLockedValueBox(0)

    /// A new counter at zero.
    public init() {}

    /// Statements sent so far.
    public var value: Int { count.withLockedValue { $0 } }

    /// Sets the counter back to zero.
    public func reset() { count.withLockedValue { $0 = 0 } }

    func increment() { count.withLockedValue { $0 += 1 } }
}
