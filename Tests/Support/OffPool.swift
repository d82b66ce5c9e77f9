import Foundation

/// Runs slow synchronous work (writing a 200,000-row ledger in a debug build takes seconds) on a
/// thread of its own: on the async executor's few threads it would stall every other test.
public func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
    }
}
