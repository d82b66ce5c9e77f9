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

    /// Shows a bar for `fraction` (0 to 1) and a short detail: `imported [██████······] 48% 96000 rows`.
    @Sendable func bar(_ fraction: Double, detail: String) {
        guard enabled else { return }
        let width = 24
        let filled = Int((max(0, min(1, fraction)) * Double(width)).rounded(.down))
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        FileHandle.standardError.write(Data("\r\u{1B}[K\(label) [\(bar)] \(Int(fraction * 100))% \(detail)".utf8))
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
