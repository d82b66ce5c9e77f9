import NIOConcurrencyHelpers

/// A continuation that the first of several racing outcomes resumes (an operation, a timer, a
/// closed connection); the later ones are dropped.
final class FirstOutcome<Value: Sendable>: Sendable {
    private let continuation: CheckedContinuation<Value, any Error>
    private let done = NIOLockedValueBox(false)

    init(_ continuation: CheckedContinuation<Value, any Error>) {
        self.continuation = continuation
    }

    /// Resumes the continuation with `result`, unless an earlier outcome did.
    func resolve(_ result: Result<Value, any Error>) {
        let first = done.withLockedValue { done in
            defer { done = true }
            return !done
        }
        if first { continuation.resume(with: result) }
    }
}
