import Foundation

/// A one-line counter on standard error that rewrites itself, shown only when standard error is a
/// terminal, so pipes and logs stay clean.
final class ProgressLine: Sendable {
    private let label: String
    private let enabled = isatty(STDERR_FILENO) == 1

    init(label: String) {
        self.label = label
    }

    /// Shows the count so far.
    @Sendable func update(_ count: Int) {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\(label) \(count) rows".utf8))
    }

    /// Shows a short status text.
    @Sendable func note(_ text: String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(label) \(text)".utf8))
    }

    /// Clears the line.
    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
