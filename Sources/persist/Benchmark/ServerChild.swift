import Foundation
import PersistTooling

/// A `persist serve --port 0` child process for `bench serve`.
final class ServerChild: @unchecked Sendable {
    private let process = Process()
    private let output = Pipe()

    init(executable: URL, folder: URL, environment: [String: String]) throws {
        process.executableURL = executable
        process.arguments = ["serve", "--port", "0"]
        process.currentDirectoryURL = folder
        process.environment = environment
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// Blocks until the server prints its address (`http://127.0.0.1:PORT`).
    func waitForAddress() throws -> String {
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), let first = byte.first, first != UInt8(ascii: "\n") { line.append(first) }
        let text = String(decoding: line, as: UTF8.self)
        guard let match = text.firstMatch(of: #/listening on (http://[^ ]+)/#) else { throw CommandFailure("persist serve did not start: \(text)") }
        let reader = output.fileHandleForReading
        DispatchQueue.global().async { _ = try? reader.readToEnd() }
        return String(match.1)
    }

    /// The server's peak resident memory so far (VmHWM), in MiB.
    func peakResidentMiB() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kib = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) else { return 0 }
        return kib / 1024
    }

    /// SIGTERM, then waits.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }
}
