import PersistKit

/// The outcome of a persistence proof run as two processes: did the reader see the writer's marker?
public struct ProofVerdict: Sendable, Equatable, CustomStringConvertible {
    /// Whether the reader saw the writer's marker.
    public let passed: Bool
    /// The engine used.
    public let backend: DatabaseURL.Backend
    /// The database, redacted.
    public let database: String
    /// The marker the writer wrote.
    public let markerName: String
    /// Wall time for both processes together.
    public let elapsedMilliseconds: Int
    /// Why it failed, when it did.
    public let reason: String?

    /// A verdict from its parts.
    public init(passed: Bool, backend: DatabaseURL.Backend, database: String, markerName: String, elapsedMilliseconds: Int, reason: String?) {
        self.passed = passed
        self.backend = backend
        self.database = database
        self.markerName = markerName
        self.elapsedMilliseconds = elapsedMilliseconds
        self.reason = reason
    }

    /// One line: `PASS backend=sqlite database=sqlite:///persist.db elapsed=84ms`.
    public var description: String {
        let word = passed ? "PASS" : "FAIL"
        let tail = reason.map { " reason=\($0)" } ?? ""
        return "\(word) backend=\(backend.rawValue) database=\(database) elapsed=\(elapsedMilliseconds)ms\(tail)"
    }
}
