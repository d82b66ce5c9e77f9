import NIOConcurrencyHelpers

/// Runs an operation that may not respond to cancellation (a network round trip inside NIO) and
/// gives up waiting for it after a number of seconds.
enum Deadline {
    /// The operation's result, or `failure` once `seconds` have passed. The abandoned operation
    /// finishes on its own when its connection is closed.
    static func run<Result: Sendable>(
        seconds: Int, failure: any Error, _ operation: @escaping @Sendable () async throws -> Result
    ) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            let outcome = FirstOutcome(continuation)
            let timer = Task {
                try await Task.sleep(for: .seconds(seconds))
                outcome.resolve(.failure(failure))
            }
            Task {
                do { outcome.resolve(.success(try await operation())) } catch { outcome.resolve(.failure(error)) }
                // The timer has nothing left to do.
                timer.cancel()
            }
        }
    }
}
