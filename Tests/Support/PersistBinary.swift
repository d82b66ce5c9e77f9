import Foundation
import PersistKit
import PersistTooling

/// The `persist` executable that `swift test` built next to the test bundle.
public enum PersistBinary {
    /// Its path: `PERSIST_BIN` when set, else `persist` beside the running test binary.
    public static var url: URL {
        if let path = ProcessInfo.processInfo.environment["PERSIST_BIN"] { return URL(fileURLWithPath: path) }
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent("persist")
    }

    /// Runs `persist` with `arguments` in `directory`, with an environment free of the caller's
    /// `DATABASE_URL` plus `environment`.
    public static func run(
        _ arguments: [String], in directory: URL, environment: [String: String] = [:], stdin: String = "",
        started: (@Sendable (ChildProcess.Running) -> Void)? = nil
    ) async throws -> ChildProcess {
        var base = ProcessInfo.processInfo.environment
        base[DatabaseURLSource.variable] = nil
        base.merge(environment) { _, new in new }
        return try await ChildProcess.run(url, arguments, environment: base, directory: directory, input: stdin, started: started)
    }
}

extension ChildProcess {
    /// The lines written to standard error.
    public var errorLines: [Substring] { errorOutput.split(whereSeparator: \.isNewline) }
}
