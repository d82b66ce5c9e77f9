import Foundation
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// A finished child process: its exit status and what it printed.
///
/// Children are run by swift-subprocess: spawned with every other descriptor of this process
/// closed, watched through a pidfd (never a process id another process may reuse), their output
/// read with asynchronous I/O, so waiting children hold no threads.
public struct ChildProcess: Sendable {
    /// The exit status (128 + signal number when a signal ended it).
    public let status: Int32
    /// Everything written to standard output, as UTF-8.
    public let output: String
    /// Everything written to standard error, as UTF-8.
    public let errorOutput: String

    /// The most output collected from one stream: 1 GiB, so a large export fits.
    static let outputLimit = 1 << 30

    /// The first line the child wrote to standard error, or a note that it wrote none.
    public var firstErrorLine: String {
        errorOutput.split(whereSeparator: \.isNewline).first.map(String.init) ?? "exit status \(status)"
    }

    /// Runs `executable` with `arguments` to completion, standard input empty.
    ///
    /// - Parameters:
    ///   - environment: the child's whole environment.
    ///   - directory: the child's working directory; the parent's when `nil`.
    ///   - started: told the running child as soon as it exists, to send it signals.
    /// - Throws: ``LaunchFailure`` when the executable cannot be started.
    public static func run(
        _ executable: URL, _ arguments: [String], environment: [String: String], directory: URL? = nil,
        input: String = "", started: (@Sendable (Running) -> Void)? = nil
    ) async throws -> ChildProcess {
        let result: ExecutionResult<Running, StringOutput<UTF8>, StringOutput<UTF8>>
        do {
            result = try await Subprocess.run(
                .path(FilePath(executable.path)),
                arguments: Arguments(arguments),
                // As names and values: swift-subprocess 1.0.2 hands `[[UInt8]]` rows to strdup
                // without a terminating NUL, which garbled values here.
                environment: .custom(Dictionary(uniqueKeysWithValues: environment.map { (Environment.Key(stringLiteral: $0.key), $0.value) })),
                workingDirectory: directory.map { FilePath($0.path) },
                // Standard input is `input`, then end of file (nothing to read, by default).
                input: .string(input),
                output: .string(limit: outputLimit),
                error: .string(limit: outputLimit)
            ) { execution in
                let running = Running(pid: execution.processIdentifier.value)
                started?(running)
                return running
            }
        } catch is SubprocessError {
            throw LaunchFailure(path: executable.path)
        }
        result.closureResult.markEnded()
        let status: Int32 = switch result.terminationStatus {
        case .exited(let code): code
        case .signaled(let signal): 128 + signal
        }
        return ChildProcess(status: status, output: result.standardOutput, errorOutput: result.standardError)
    }

    /// A child that is still running: signals reach it until it has ended.
    public final class Running: @unchecked Sendable {
        /// The child's process id.
        public let pid: pid_t
        private let lock = NSLock()
        private var ended = false

        init(pid: pid_t) { self.pid = pid }

        /// Sends `signal` (SIGINT, SIGTERM, SIGKILL, …) unless the child is known to have ended.
        public func send(_ signal: Int32) {
            lock.withLock { if !ended { _ = kill(pid, signal) } }
        }

        func markEnded() {
            lock.withLock { ended = true }
        }
    }
}
