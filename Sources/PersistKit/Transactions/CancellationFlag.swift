import NIOConcurrencyHelpers

/// Whether the task that started a unit of work has been cancelled, readable inside the unit.
///
/// A unit's body (``DatabaseHandle/read(_:)``, ``DatabaseHandle/readSnapshot(_:)``…) runs in a
/// task of its own, which FluentKit starts for the connection, and the caller's cancellation
/// does not reach it: `Task.checkCancellation()` there never throws. A long loop in a body checks
/// this flag between its steps instead, and its unit then ends as for any error (a transaction
/// is rolled back).
public final class CancellationFlag: Sendable {
    private let cancelled = NIOLockedValueBox(false)

    private init() {}

    /// Throws `CancellationError` once the watched task has been cancelled.
    public func check() throws {
        if cancelled.withLockedValue({ $0 }) { throw CancellationError() }
    }

    /// Runs `body` with a flag that is raised when the calling task is cancelled.
    public static func watching<Result: Sendable>(_ body: (CancellationFlag) async throws -> Result) async throws -> Result {
        let flag = CancellationFlag()
        return try await withTaskCancellationHandler {
            try await body(flag)
        } onCancel: {
            flag.cancelled.withLockedValue { $0 = true }
        }
    }
}
