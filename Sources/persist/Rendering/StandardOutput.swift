import Foundation
#if canImport(SwiftGlibc)
// C's `stdout` is a global variable, which Swift 6 refuses to read without this; only the main
// command's task writes to it.
@preconcurrency import SwiftGlibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

/// C's `stdout`, the stream `print` writes to.
nonisolated(unsafe) private let cStandardOutput = stdout

/// Standard output that reports a failed write instead of losing it: an export to a full disk or a
/// closed descriptor is an error (exit 1), never a truncated file with exit 0.
enum StandardOutput {
    /// Writes `text` through the same buffer as `print`, so the two keep their order.
    static func write(_ text: String) throws {
        fputs(text, cStandardOutput)
        if ferror(cStandardOutput) != 0 { throw failure() }
    }

    /// Flushes what `print` and ``write(_:)`` buffered; throws if any of it could not be written.
    static func finish() throws {
        if fflush(cStandardOutput) != 0 || ferror(cStandardOutput) != 0 { throw failure() }
    }

    private static func failure() -> CommandFailure {
        CommandFailure("cannot write to standard output: \(String(cString: strerror(errno))); what was printed is incomplete")
    }
}
