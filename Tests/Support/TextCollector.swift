import Foundation

/// Collects text written by code that may run in another task (an export's `write`).
public final class TextCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var parts: [String] = []

    public init() {}

    /// Appends `text`.
    public func append(_ text: String) {
        lock.withLock { parts.append(text) }
    }

    /// Everything appended, in order.
    public var text: String { lock.withLock { parts.joined() } }
}
