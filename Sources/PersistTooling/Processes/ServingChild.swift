import Foundation
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// A child process that serves until it is stopped, such as an HTTP server on port 0: started,
/// waited for until it prints the address it listens on, signalled, then waited for again.
///
/// Like ``ChildProcess`` it runs under swift-subprocess. Foundation's `Process.run()` crashed the
/// test process (in `memcpy`) when children were started from several threads at once.
public final class ServingChild: Sendable {
    /// What the child printed after "listening on ": `http://127.0.0.1:PORT`.
    public let address: String
    /// The child's process id, valid until ``stop(_:)`` returns.
    public let pid: pid_t
    private let running: ChildProcess.Running
    private let exit: Task<Int32, any Error>

    private init(address: String, running: ChildProcess.Running, exit: Task<Int32, any Error>) {
        self.address = address
        self.pid = running.pid
        self.running = running
        self.exit = exit
    }

    /// Starts `executable` with `arguments` and waits until its first line of standard output says
    /// `listening on http://…`; the rest of its output is read and dropped.
    ///
    /// - Parameters:
    ///   - environment: the child's whole environment.
    ///   - directory: the child's working directory; the parent's when `nil`.
    ///   - errorLog: the file standard error goes to (created, or emptied); discarded when `nil`.
    /// - Throws: ``LaunchFailure`` when the executable cannot be started, ``NotListening`` when it
    ///   ends or says something else first.
    public static func start(
        _ executable: URL, _ arguments: [String], environment: [String: String], directory: URL? = nil, errorLog: URL? = nil
    ) async throws -> ServingChild {
        let errorDescriptor = try FileDescriptor.open(
            FilePath(errorLog?.path ?? "/dev/null"), .writeOnly, options: [.create, .truncate], permissions: [.ownerReadWrite]
        )
        let (started, announce) = AsyncStream.makeStream(of: (String, ChildProcess.Running).self)
        let exit = Task<Int32, any Error> {
            defer { announce.finish() }
            let result: ExecutionResult<ChildProcess.Running, SequenceOutput, FileDescriptorOutput>
            do {
                result = try await Subprocess.run(
                    .path(FilePath(executable.path)),
                    arguments: Arguments(arguments),
                    environment: .custom(Dictionary(uniqueKeysWithValues: environment.map { (Environment.Key(stringLiteral: $0.key), $0.value) })),
                    workingDirectory: directory.map { FilePath($0.path) },
                    input: .none,
                    output: .sequence,
                    error: .fileDescriptor(errorDescriptor, closeAfterSpawningProcess: true)
                ) { execution in
                    let running = ChildProcess.Running(pid: execution.processIdentifier.value)
                    var announced = false
                    // Read to the end, so the child never blocks writing to a full pipe.
                    for try await line in execution.standardOutput.strings() where !announced {
                        announce.yield((line, running))
                        announce.finish()
                        announced = true
                    }
                    return running
                }
            } catch is SubprocessError {
                throw LaunchFailure(path: executable.path)
            }
            result.closureResult.markEnded()
            return switch result.terminationStatus {
            case .exited(let code): code
            case .signaled(let signal): 128 + signal
            }
        }
        guard let (line, running) = await started.first(where: { _ in true }) else {
            let status = try await exit.value
            throw NotListening(said: "", status: status)
        }
        guard let match = line.firstMatch(of: #/listening on (http://[^ ]+)/#) else {
            running.send(SIGTERM)
            let status = (try? await exit.value) ?? -1
            throw NotListening(said: line, status: status)
        }
        return ServingChild(address: String(match.1), running: running, exit: exit)
    }

    /// Sends `signal` (SIGTERM unless told) and waits for the child to end; returns its exit status
    /// (128 + signal number when a signal ended it).
    @discardableResult
    public func stop(_ signal: Int32 = SIGTERM) async -> Int32 {
        running.send(signal)
        return (try? await exit.value) ?? -1
    }

    /// The child's peak resident memory so far (VmHWM), in MiB; 0 once it has ended.
    public func peakResidentMiB() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kib = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) else { return 0 }
        return kib / 1024
    }

    /// A server child ended, or printed something else, before saying where it listens.
    public struct NotListening: Error, CustomStringConvertible {
        /// Its first line of standard output; empty when it printed none.
        public let said: String
        /// Its exit status.
        public let status: Int32

        public var description: String {
            said.isEmpty ? "the server ended (exit status \(status)) before saying where it listens" : "the server did not say where it listens: \(said)"
        }
    }
}
