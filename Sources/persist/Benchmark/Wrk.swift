import Foundation
import PersistTooling

/// wrk (the HTTP benchmarking tool) and curl, run as child processes for `bench serve`.
enum Wrk {
    /// One run's figures, as wrk printed them.
    struct Figures {
        var requestsPerSecond: Double
        var p50Milliseconds: Double
        var p99Milliseconds: Double
        var errors: Int

        var load: ServiceBenchmark.Load {
            ServiceBenchmark.Load(requestsPerSecond: requestsPerSecond, p50Milliseconds: p50Milliseconds, p99Milliseconds: p99Milliseconds, errors: errors)
        }
    }

    /// The script that makes each request add an expense (a different description each time).
    static let writerScript = #"""
        counter = 0
        function request()
          counter = counter + 1
          local body = string.format('{"category":"Food","amount":"%d.%02d","date":"2024-07-%02d","description":"bench %d"}', counter % 90 + 1, counter % 100, counter % 28 + 1, counter)
          local headers = {}
          for name, value in pairs(wrk.headers) do headers[name] = value end
          headers["Content-Type"] = "application/json"
          return wrk.format("POST", nil, headers, body)
        end
        """#

    /// Runs wrk with two threads (one for a single connection); `script` (Lua) shapes the requests.
    static func run(url: String, connections: Int, seconds: Int, header: String?, folder: URL, script: String? = nil) async throws -> Figures {
        var arguments = ["-t\(min(2, connections))", "-c\(connections)", "-d\(seconds)s", "--timeout", "10s", "--latency"]
        if let header { arguments += ["-H", header] }
        if let script {
            let file = folder.appendingPathComponent("wrk-\(UUID().uuidString).lua")
            try script.write(to: file, atomically: true, encoding: .utf8)
            arguments += ["-s", file.path]
        }
        let result = try await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/wrk"), arguments + [url], environment: ProcessInfo.processInfo.environment)
        guard result.status == 0 else { throw CommandFailure("wrk failed: \(result.firstErrorLine)") }
        return try parse(result.output)
    }

    /// The figures in wrk's report (`Requests/sec:`, the `--latency` distribution, errors).
    static func parse(_ output: String) throws -> Figures {
        func number(after label: String) -> Double? {
            guard let line = output.split(separator: "\n").first(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix(label) }) else { return nil }
            return line.split(separator: " ").dropFirst(label.split(separator: " ").count).first.flatMap { milliseconds(String($0)) ?? Double($0) }
        }
        guard let rate = number(after: "Requests/sec:") else { throw CommandFailure("wrk printed no Requests/sec:\n\(output)") }
        var errors = 0
        if let line = output.split(separator: "\n").first(where: { $0.contains("Socket errors:") }) {
            errors += line.matches(of: #/(\d+)/#).compactMap { Int($0.1) }.reduce(0, +)
        }
        if let line = output.split(separator: "\n").first(where: { $0.contains("Non-2xx or 3xx responses:") }), let count = line.split(separator: " ").last.flatMap({ Int($0) }) {
            errors += count
        }
        return Figures(requestsPerSecond: rate, p50Milliseconds: number(after: "50%") ?? 0, p99Milliseconds: number(after: "99%") ?? 0, errors: errors)
    }

    /// `12.5ms`, `1.2s` or `850us` in milliseconds.
    private static func milliseconds(_ text: String) -> Double? {
        for (unit, factor) in [("ms", 1.0), ("us", 0.001), ("s", 1000.0)] where text.hasSuffix(unit) {
            return Double(text.dropLast(unit.count)).map { $0 * factor }
        }
        return nil
    }

    /// curl's output (for the set-up requests).
    static func curl(_ arguments: [String]) async throws -> String {
        let result = try await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/curl"), arguments, environment: ProcessInfo.processInfo.environment)
        return result.output
    }
}
