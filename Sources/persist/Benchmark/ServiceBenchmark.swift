import BudgetTracker
import Foundation
import PersistKit
import PersistTooling

/// `persist bench serve`: `persist serve` measured with wrk over loopback, on a ledger imported
/// through the real import path, beside an optional peer service measured in the same run.
enum ServiceBenchmark {
    /// What the benchmark measured.
    struct Result: Codable, Sendable {
        var backend: String
        var rows: Int
        var connections: Int
        var seconds: Int
        var startupMilliseconds: Double
        var report: Load
        var writes: Load
        var monthPage: PageBenchmark.Figures
        var peakMemoryMiB: Double
        var memoryConnections: Int
        var peer: Load?
        var peerRatio: Double?
    }

    /// One wrk run's figures.
    struct Load: Codable, Sendable {
        var requestsPerSecond: Double
        var p50Milliseconds: Double
        var p99Milliseconds: Double
        var errors: Int
    }

    /// The user whose report is requested (the peer's README measures the same one).
    static let user = "user3@example.com"
    static let month = "2024-07"
    static let password = "persist bench password"

    /// Imports `ledger` (or a generated one of `rows` rows), starts `persist serve` on it, and
    /// measures: start-up to ready, the monthly report and adding an expense at `connections`
    /// connections for `seconds` each, the month's web page (``PageBenchmark``), and peak memory at 200 connections; then `peer` (a URL
    /// serving the same report) the same way as the report.
    static func run(
        rows: Int, ledger: URL?, connections: Int, seconds: Int, peer: String?, server: DatabaseURL?, executable: URL,
        progress: @escaping @Sendable (String) -> Void
    ) async throws -> Result {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/wrk") else {
            throw CommandFailure("bench serve drives the server with wrk; install it (Debian: apt-get install wrk)")
        }
        let folder = try PrivateFolder.make("persist-bench-serve")
        defer { PrivateFolder.remove(folder) }
        var result: Result?
        try await Benchmark.withFreshDatabase(server: server, folder: folder, run: 0) { url in
            let file: URL
            if let ledger {
                file = ledger
            } else {
                file = folder.appendingPathComponent("ledger.csv")
                progress("generating \(rows) rows")
                try LedgerGenerator.write(rows: rows, to: file)
            }
            progress("importing")
            let imported = try await DatabaseHandle.withOpen(url) { handle in
                try await BudgetMigrations.migrator.migrate(on: handle)
                let ledger = Ledger(handle)
                let summary = try await ledger.importExpenses(from: file, createMissing: true)
                try await ledger.setPassword(email: user, password: password)
                return summary.rows
            }
            progress("starting persist serve")
            let started = ContinuousClock.now
            let child = try await ServingChild.start(
                executable, ["serve", "--port", "0"], environment: url.environment(for: ProcessInfo.processInfo.environment), directory: folder
            )
            let base = child.address
            do {
                try await waitUntilReady(base)
                let startup = (ContinuousClock.now - started).milliseconds
                let token = try await signIn(base)
                let authorization = "Authorization: Bearer \(token)"
                progress("monthly report, \(connections) connections, \(seconds) s")
                let report = try await Wrk.run(url: "\(base)/api/reports/monthly?month=\(month)", connections: connections, seconds: seconds, header: authorization, folder: folder)
                progress("the month's web page (before the writes add to its month)")
                let page = try await PageBenchmark.run(base: base, token: token, month: month, seconds: seconds, folder: folder)
                progress("adding expenses, \(connections) connections, \(seconds) s")
                let writes = try await Wrk.run(url: "\(base)/api/expenses", connections: connections, seconds: seconds, header: authorization, folder: folder, script: Wrk.writerScript)
                progress("200 connections, for memory")
                _ = try await Wrk.run(url: "\(base)/api/reports/monthly?month=\(month)", connections: 200, seconds: min(seconds, 5), header: authorization, folder: folder)
                let memory = child.peakResidentMiB()
                var peerLoad: Wrk.Figures?
                if let peer {
                    progress("peer, \(connections) connections, \(seconds) s")
                    peerLoad = try await Wrk.run(url: "\(peer)/users/\(user)/reports/\(month)", connections: connections, seconds: seconds, header: nil, folder: folder)
                }
                result = Result(
                    backend: url.backend.rawValue, rows: imported, connections: connections, seconds: seconds, startupMilliseconds: startup,
                    report: report.load, writes: writes.load, monthPage: page, peakMemoryMiB: memory, memoryConnections: 200, peer: peerLoad?.load,
                    peerRatio: peerLoad.map { report.requestsPerSecond / max($0.requestsPerSecond, 0.001) }
                )
                await child.stop()
            } catch {
                await child.stop()
                throw error
            }
        }
        return result!
    }

    private static func waitUntilReady(_ base: String) async throws {
        for _ in 0..<600 {
            if let answer = try? await Wrk.curl(["-s", "-o", "/dev/null", "-w", "%{http_code}", "\(base)/readyz"]), answer == "200" { return }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw CommandFailure("persist serve did not become ready within 3 s")
    }

    private static func signIn(_ base: String) async throws -> String {
        let body = #"{"email":"\#(user)","password":"\#(password)"}"#
        let answer = try await Wrk.curl(["-s", "-X", "POST", "\(base)/api/login", "-H", "Content-Type: application/json", "-d", body])
        guard let match = answer.firstMatch(of: #/"token":"([A-Za-z0-9_-]{43})"/#) else { throw CommandFailure("could not sign in to the benchmarked server") }
        return String(match.1)
    }
}
