import NIOConcurrencyHelpers
import PostgresKit
import AsyncKit
import FluentKit
import NIOCore
import Foundation
import SQLKit

extension DatabaseHandle {
    /// The SQL of the pre-ping, which is not the caller's work and so is not counted.
    static let prePing: SQLQueryString = "SELECT 1 AS persist_pre_ping"

    /// Runs `work` on a pooled connection that has just answered a ping (PostgreSQL).
    ///
    /// A connection the server closed while it sat in the pool (restart, `pg_terminate_backend`,
    /// idle timeout, scale to zero) fails the ping instead of the caller's statement; the pool
    /// drops it and the work starts over on a new connection. Connection failures are retried
    /// with backoff for up to the connect timeout, so a process rides out a server restart.
    /// Only `work` that is safe to repeat may be given here: reads, or whole transactions that
    /// the server rolled back when the connection broke. `work` gets the driver's connection,
    /// uncounted; callers hand the caller's body a counted one.
    ///
    /// On PostgreSQL the work is abandoned shortly after its connection closes, should the driver
    /// leave it waiting (see ``ClosedConnectionGuard``): before `commit` was marked it starts
    /// over like any lost connection; after, it fails as ``DatabaseError/Code/outcomeUnknown``.
    func onHealthyConnection<Result: Sendable>(
        reading: Bool = false, commit: CommitMark? = nil, _ work: @escaping @Sendable (any Database) async throws -> Result
    ) async throws -> Result {
        let ping = url.backend == .postgresql
        // The window opens at the first lost connection, not when the work began: a long import
        // that loses its connection after a minute still gets its reconnect attempts.
        var deadline: ContinuousClock.Instant?
        var delay = Duration.milliseconds(50)
        while true {
            do {
                let window = reconnectWindow, activity = self.activity
                activity.startWaiting()
                let acquired = NIOLockedValueBox(false)
                defer { if !acquired.withLockedValue({ $0 }) { activity.stopWaiting() } }
                return try await pooledDatabase(forReading: reading).withConnection { connection in
                    acquired.withLockedValue { $0 = true }
                    activity.acquire()
                    defer { activity.release() }
                    guard ping, let postgres = connection as? any PostgresDatabase else { return try await work(connection) }
                    // A ping sent while the server is closing the connection may never be
                    // answered: bounded (2 s: a live connection answers in milliseconds; the
                    // connect timeout, up to 30 s, held requests and their connections that
                    // long), it counts as a lost connection and the loop retries.
                    try await Deadline.run(seconds: min(2, max(1, window)), failure: ChannelError.ioOnClosedChannel) {
                        try await (connection as! any SQLDatabase).raw(Self.prePing).run()
                    }
                    let closed = try await postgres.withConnection { $0.eventLoop.makeSucceededFuture($0.closeFuture) }.get()
                    return try await ClosedConnectionGuard.run(closed: closed, grace: .seconds(2)) { try await work(connection) }
                }
            } catch is ClosedConnectionGuard.Abandoned where commit?.isSent == true {
                throw DatabaseError(
                    .outcomeUnknown,
                    "the connection to \(DatabaseError.serverName(url)) closed while committing; the write may or may not have been saved; check before repeating it"
                )
            } catch is ClosedConnectionGuard.Abandoned where ContinuousClock.now < reconnectDeadline(&deadline) {
                logger.notice("database connection closed under a statement; starting over", metadata: ["database": "\(url.redacted)"])
                try await Task.sleep(for: delay)
                delay = min(delay * 2, .seconds(1))
            } catch is ClosedConnectionGuard.Abandoned {
                throw DatabaseError(.cannotConnect, "the connection to \(DatabaseError.serverName(url)) closed and did not come back within \(reconnectWindow) s (connect_timeout)")
            } catch where ConnectionLoss.matches(error) && ContinuousClock.now < reconnectDeadline(&deadline) {
                logger.notice("database connection lost; reconnecting", metadata: ["database": "\(url.redacted)"])
                try await Task.sleep(for: delay)
                delay = min(delay * 2, .seconds(1))
            } catch where ConnectionLoss.matches(error) || error is ConnectionPoolTimeoutError {
                // Connection trouble reads the same whatever the caller was doing; statement
                // errors pass through untouched, for callers that tell constraint failures apart.
                throw DatabaseError.translating(error, for: url, limits: limits)
            }
        }
    }

    /// The end of the reconnect window, opened now if it is not open yet.
    private func reconnectDeadline(_ deadline: inout ContinuousClock.Instant?) -> ContinuousClock.Instant {
        let end = deadline ?? ContinuousClock.now + .seconds(reconnectWindow)
        deadline = end
        return end
    }

    /// Seconds to keep trying to reach the server again: the connect timeout (none for SQLite).
    var reconnectWindow: Int {
        url.backend == .postgresql ? limits.connectTimeout : 0
    }
}
