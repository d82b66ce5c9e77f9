import Foundation

/// A finished child process: its exit status and what it printed.
struct ChildProcess: Sendable {
    let status: Int32
    let output: String
    let errorOutput: String

    /// The first line the child wrote to standard error, or a note that it wrote none.
    var firstErrorLine: String {
        errorOutput.split(whereSeparator: \.isNewline).first.map(String.init) ?? "exit status \(status)"
    }

    /// Runs `executable` with `arguments` to completion, off the async executor's threads.
    static func run(_ executable: URL, _ arguments: [String], environment: [String: String]) async throws -> ChildProcess {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                let process = Process()
                process.executableURL = executable
                process.arguments = arguments
                process.environment = environment
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
