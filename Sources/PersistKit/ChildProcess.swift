import Foundation

/// A finished child process: its exit status and what it printed.
public struct ChildProcess: Sendable {
    /// The exit status (128 + signal number when a signal ended it).
    public let status: Int32
    /// Everything written to standard output, as UTF-8.
    public let output: String
    /// Everything written to standard error, as UTF-8.
    public let errorOutput: String

    /// The first line the child wrote to standard error, or a note that it wrote none.
    public var firstErrorLine: String {
        errorOutput.split(whereSeparator: \.isNewline).first.map(String.init) ?? "exit status \(status)"
    }

    /// Runs `executable` with `arguments` to completion, off the async executor's threads.
    ///
    /// - Parameters:
    ///   - environment: the child's whole environment.
    ///   - directory: the child's working directory; the parent's when `nil`.
    /// - Throws: ``ProofError/cannotLaunch(path:)`` when the executable cannot be started.
    public static func run(
        _ executable: URL, _ arguments: [String], environment: [String: String], directory: URL? = nil
    ) async throws -> ChildProcess {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                let process = Process()
                process.executableURL = executable
                process.arguments = arguments
                process.environment = environment
                if let directory { process.currentDirectoryURL = directory }
                let output = Pipe()
                let errors = Pipe()
                process.standardOutput = output
                process.standardError = errors
                process.standardInput = FileHandle.nullDevice
                do {
                    try process.run()
                } catch {
                    continuation.resume(throwing: ProofError.cannotLaunch(path: executable.path))
                    return
                }
                // Drain stderr on another thread so neither pipe can fill up and stall the child.
                let errorData = LockedData()
                let group = DispatchGroup()
                DispatchQueue.global().async(group: group) { errorData.set(errors.fileHandleForReading.readDataToEndOfFile()) }
                let outputData = output.fileHandleForReading.readDataToEndOfFile()
                group.wait()
                process.waitUntilExit()
                continuation.resume(returning: ChildProcess(
                    status: process.terminationStatus,
                    output: String(decoding: outputData, as: UTF8.self),
                    errorOutput: String(decoding: errorData.get(), as: UTF8.self)
                ))
            }
        }
    }
}

/// A `Data` handed from one thread to another.
private final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func set(_ value: Data) { lock.withLock { data = value } }
    func get() -> Data { lock.withLock { data } }
}
