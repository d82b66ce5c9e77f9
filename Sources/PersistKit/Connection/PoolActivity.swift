import NIOConcurrencyHelpers

/// How a handle's units of work use its pool right now: how many hold a connection and how many
/// wait for one. For a server's metrics; counted around every unit (``DatabaseHandle/read(_:)``,
/// ``DatabaseHandle/transaction(_:)``…), retries included.
public final class PoolActivity: Sendable {
    private let counts = NIOLockedValueBox((inUse: 0, waiting: 0))

    /// A new gauge at zero.
    public init() {}

    /// Units holding a pooled connection.
    public var inUse: Int { counts.withLockedValue { $0.inUse } }
    /// Units waiting for a connection.
    public var waiting: Int { counts.withLockedValue { $0.waiting } }

    func startWaiting() { counts.withLockedValue { $0.waiting += 1 } }
    func stopWaiting() { counts.withLockedValue { $0.waiting -= 1 } }
    func acquire() { counts.withLockedValue { $0.waiting -= 1; $0.inUse += 1 } }
    func release() { counts.withLockedValue { $0.inUse -= 1 } }
}
