import NIOConcurrencyHelpers
import NIOCore

/// Gives up on work whose PostgreSQL connection has closed under it.
///
/// A statement sent while the driver is tearing down a connection the server ended
/// (`pg_terminate_backend`, a restart) was seen never to be answered nor failed: the request
/// waited forever, holding its pooled connection, and a server's pool drained request by
/// request until nothing was served and graceful shutdown could not finish. Once the
/// connection's close future fires, the work has `grace` to end by itself (the normal failure
/// path takes milliseconds); after that it is abandoned with ``Abandoned`` and the caller
/// releases the connection.
enum ClosedConnectionGuard {
    /// The work did not end within the grace period after its connection closed.
    struct Abandoned: Error {}

    /// The result of `operation`, or ``Abandoned`` once `closed` has fired and `grace` passed.
    static func run<Result: Sendable>(
        closed: EventLoopFuture<Void>, grace: Duration, _ operation: @escaping @Sendable () async throws -> Result
    ) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            let outcome = FirstOutcome(continuation)
            let watcher = NIOLockedValueBox<Task<Void, Never>?>(nil)
            closed.whenComplete { _ in
                let task = Task {
                    try? await Task.sleep(for: grace)
                    if !Task.isCancelled { outcome.resolve(.failure(Abandoned())) }
                }
                watcher.withLockedValue { $0 = task }
            }
            Task {
                do { outcome.resolve(.success(try await operation())) } catch { outcome.resolve(.failure(error)) }
                watcher.withLockedValue { $0?.cancel() }
            }
        }
    }
}

/// Whether a transaction has sent its `COMMIT`: work abandoned before that was rolled back by
/// the server when the connection closed, and may run again; after it, the outcome is unknown.
final class CommitMark: Sendable {
    private let sent = NIOLockedValueBox(false)

    /// Notes that `COMMIT` is about to be sent.
    func markSent() { sent.withLockedValue { $0 = true } }

    /// Whether it was.
    var isSent: Bool { sent.withLockedValue { $0 } }
}
