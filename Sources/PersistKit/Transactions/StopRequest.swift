import Synchronization

/// A request to stop long work early, made from outside the task doing it (a signal handler, a
/// button); the work checks it at safe points and throws `CancellationError`, so its transaction
/// rolls back.
///
/// Task cancellation does not reach work that a driver runs in a task of its own (FluentKit's
/// connection closures do); a stop request is handed down explicitly and always arrives.
///
/// ```swift
/// let stop = StopRequest()
/// signalHandler = { stop.request() }
/// try await importer.run(from: file, stop: stop)   // throws CancellationError
/// ```
public final class StopRequest: Sendable {
    private let requested = Atomic<Bool>(false)

    /// A request not yet made.
    public init() {}

    /// Asks the work to stop.
    public func request() {
        requested.store(true, ordering: .releasing)
    }

    /// Whether stopping was asked for.
    public var isRequested: Bool {
        requested.load(ordering: .acquiring)
    }

    /// Throws `CancellationError` when stopping was asked for, or the current task is cancelled.
    public func check() throws {
        if isRequested { throw CancellationError() }
        try Task.checkCancellation()
    }
}
