import Foundation
import PersistKit
import PersistTestSupport
import PersistTooling
import SQLKit
import Testing

extension Reliability {
/// `persist serve` when PostgreSQL goes away and comes back, when its backends are killed, and
/// when the server itself is told to stop.
@Suite("persist serve through faults", .enabled(if: ProcessInfo.processInfo.environment["PERSIST_TEST_RESTART_DATA"] != nil))
struct ServeFaultTests {
    /// One write's fate as the client saw it.
    struct Outcome: Sendable {
        let description: String
        let status: Int
        let code: String?
        let retryAfter: String?
        let started: ContinuousClock.Instant
        let seconds: Double
    }

    @Test("PostgreSQL stopped, started and its backends terminated under writes: 503 with Retry-After while it is gone, recovery by itself, no acknowledged write lost or doubled")
    func outage() async throws {
        let admin = try TestBackend.url(from: "PERSIST_TEST_RESTART_URL")
        let name = "serve_faults_\(UInt32.random(in: 0...UInt32.max))"
        try await Self.execute("CREATE DATABASE \(name)", on: admin)
        // A short connect timeout: requests in an outage wait this long at most, then answer 503.
        let url = ScratchDatabase.replacingDatabase(in: admin, with: name) + "&connect_timeout=2"
        let folder = try TemporaryFolder.make()
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = ["DATABASE_URL": url]
        #expect(try await PersistBinary.run(["migrate"], in: folder, environment: environment).status == 0)
        #expect(try await PersistBinary.run(["seed"], in: folder, environment: environment).status == 0)
        var stoppedAt: ContinuousClock.Instant?, startedAt: ContinuousClock.Instant?
        let outcomes = try await ServeProcess.with(in: folder, environment: environment) { server in
            let user = try await HTTPClient(server.baseURL).signUp("outage@example.com")
            let stop = StopFlag()
            let writers = (0..<6).map { worker in
                Task { () -> [Outcome] in
                    var outcomes: [Outcome] = []
                    var index = 0
                    while !stop.isSet {
                        index += 1
                        let description = "fault-\(worker)-\(index)"
                        let started = ContinuousClock.now
                        let answer = try? await user.send("POST", "/api/expenses", json: ["category": "Food", "amount": "2.00", "date": "2024-04-01", "description": description])
                        let elapsed = ContinuousClock.now - started
                        outcomes.append(Outcome(
                            description: description, status: answer?.status ?? 0, code: answer?["code"], retryAfter: answer?.headers["retry-after"],
                            started: started, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                        ))
                        try? await Task.sleep(for: .milliseconds(20))
                    }
                    return outcomes
                }
            }
            try await Task.sleep(for: .seconds(2))
            // `start` does not reuse the options the cluster was started with (`restart` does):
            // they are read back from postmaster.opts, after the data folder.
            let options = try Self.serverOptions()
            stoppedAt = .now
            try await Self.pgCtl(["-m", "fast", "-w", "stop"])
            try await Task.sleep(for: .seconds(6))
            startedAt = .now
            try await Self.pgCtl(["-w", "-o", options, "start"])
            try await Task.sleep(for: .seconds(5))
            try await Self.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(name)' AND pid <> pg_backend_pid()", on: admin)
            try await Task.sleep(for: .seconds(4))
            stop.set()
            var all: [Outcome] = []
            for writer in writers { all += await writer.value }
            #expect(!server.log.contains("request failed"), "\(server.log.split(separator: "\n").filter { $0.contains("failed") }.prefix(3))")
            return all
        }
        let stored = try await DatabaseHandle.withOpen(try DatabaseURL(url)) { handle in
            try await handle.unprotectedSQL.raw("SELECT description FROM expenses WHERE description LIKE 'fault-%'").all()
                .map { try $0.decode(column: "description", as: String.self) }
        }
        try await Self.execute("DROP DATABASE \(name) WITH (FORCE)", on: admin)

        #expect(stored.count == Set(stored).count, "a write was stored twice")
        let acknowledged = outcomes.filter { $0.status == 201 }
        let refused = outcomes.filter { $0.status == 503 }
        #expect(outcomes.allSatisfy { $0.status == 201 || $0.status == 503 }, "\(Set(outcomes.map(\.status)))")
        #expect(Set(acknowledged.map(\.description)).isSubset(of: Set(stored)), "an acknowledged write is missing")
        #expect(refused.count > 0, "no request met the outage")
        #expect(refused.allSatisfy { Int($0.retryAfter ?? "") ?? 0 > 0 }, "a 503 without Retry-After")
        // "Unavailable" means nothing was written; only "outcome unknown" may have been.
        let notWritten = refused.filter { $0.code != "outcome-unknown" }.map(\.description)
        #expect(Set(notWritten).isDisjoint(with: Set(stored)), "a write refused as unavailable was stored")
        // Failing fast: no request of the outage took much longer than the connect timeout.
        let slowest = refused.map(\.seconds).max() ?? 0
        #expect(slowest < 6, "a refused request took \(slowest) s")
        // Recovery by itself: a write started within 5 s of the server's return succeeded.
        let restarted = try #require(startedAt)
        let firstAfter = acknowledged.filter { $0.started > restarted }.map(\.started).min()
        #expect(firstAfter.map { $0 - restarted < .seconds(5) } ?? false, "no write succeeded within 5 s of the restart")
        _ = stoppedAt
        print("outage: \(outcomes.count) writes, \(acknowledged.count) acknowledged, \(refused.count) answered 503 (slowest \(String(format: "%.1f", slowest)) s), first success \(firstAfter.map { "\($0 - restarted)" } ?? "none") after the restart")
    }

    @Test("SIGTERM while an upload is in flight: the request finishes, then the server exits 0")
    func gracefulStop() async throws {
        try await CLIDatabase.with(.sqlite, seeded: true) { database in
            let folder = database.scratch.folder
            var lines = ["date,user,category,amount,description"]
            for index in 0..<20_000 { lines.append("2024-05-\(String(format: "%02d", index % 28 + 1)),term@example.com,Food,1.00,row \(index)") }
            try (lines.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("big.csv"), atomically: true, encoding: .utf8)
            let server = try await ServeProcess(in: folder, environment: database.environment)
            let user = try await HTTPClient(server.baseURL).signUp("term@example.com")
            // curl sends the 600 KB file at 150 KB/s: about four seconds in flight.
            async let upload = ChildProcess.run(
                URL(fileURLWithPath: "/usr/bin/env"),
                ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--limit-rate", "150k", "-H", "Authorization: Bearer \(user.token!)",
                 "-H", "Content-Type: text/csv", "--data-binary", "@big.csv", server.baseURL.absoluteString + "/api/imports"],
                environment: ProcessInfo.processInfo.environment, directory: folder
            )
            try await Task.sleep(for: .seconds(1.5))
            let status = await server.stop()
            let answer = try await upload
            #expect(answer.output == "201", "\(answer.output) \(answer.errorOutput)")
            #expect(status == 0, "\(server.log.suffix(2000))")
            #expect(try await database.descriptions(like: "row %").count == 20_000)
        }
    }

    /// Exports are written to a file before they are sent, a page of rows at a time. One still
    /// writing when the shutdown deadline passes is cancelled, and must stop at its next page:
    /// ServiceLifecycle ends the process with a fatal error when cancelled work runs on for more
    /// than 5 s (found by an attack: SIGTERM with long exports in flight crashed the server).
    @Test("SIGTERM while long exports are still being written: they stop when cancelled, the server exits 0")
    func longExportsAtShutdown() async throws {
        try await CLIDatabase.with(.sqlite, seeded: true) { database in
            let folder = database.scratch.folder
            let server = try await ServeProcess(in: folder, environment: database.environment)
            let user = try await HTTPClient(server.baseURL).signUp("many@example.com")
            #expect(try await user.send("POST", "/api/categories", json: ["name": "Bulk"]).status == 201)
            // 300,000 rows over ten years: an export takes far longer than the 10 s deadline and
            // the 5 s after it (a debug build writes about 10,000 rows a second).
            let seed = try await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), ["sqlite3", "persist.db", """
                WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 300000)
                INSERT INTO expenses (user_id, category_id, description, amount_cents, spent_on, created_at)
                SELECT u.id, c.id, 'row ' || x, 100 + x % 1000, date('2000-01-01', '+' || (x % 3650) || ' days'), '2024-01-01 00:00:00'
                FROM n, users u, categories c WHERE u.email = 'many@example.com' AND c.owner_id = u.id AND c.name = 'Bulk'
                """], environment: [:], directory: folder)
            #expect(seed.status == 0, "\(seed.errorOutput)")
            let exports = (0..<2).map { _ in
                Task {
                    try await ChildProcess.run(
                        URL(fileURLWithPath: "/usr/bin/env"),
                        ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Authorization: Bearer \(user.token!)", server.baseURL.absoluteString + "/api/export"],
                        environment: ProcessInfo.processInfo.environment
                    )
                }
            }
            try await Task.sleep(for: .seconds(1))
            let status = await server.stop()
            for export in exports { _ = try await export.value }
            #expect(status == 0, "\(server.log.suffix(2000))")
            #expect(!server.log.contains("Fatal error"), "\(server.log.suffix(2000))")
            #expect(server.log.contains("path=/api/export status=503"), "the exports were not cancelled: \(server.log.suffix(1500))")
        }
    }

    @Test("SIGTERM while a client trickles a body byte by byte: the server still stops, within its 10 s deadline")
    func tricklingClient() async throws {
        try await CLIDatabase.with(.sqlite, seeded: true) { database in
            let server = try await ServeProcess(in: database.scratch.folder, environment: database.environment)
            let user = try await HTTPClient(server.baseURL).signUp("slow@example.com")
            let port = try #require(server.baseURL.port)
            let trickle = #"""
                import socket, sys, time
                s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
                s.sendall(("POST /api/imports HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Type: text/csv\r\nContent-Length: 100000\r\n\r\n" % sys.argv[2]).encode())
                for i in range(60):
                    try:
                        s.sendall(b"a"); time.sleep(1)
                    except Exception:
                        break
                """#
            async let client = ChildProcess.run(
                URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", trickle, String(port), user.token!],
                environment: ProcessInfo.processInfo.environment
            )
            try await Task.sleep(for: .seconds(2))
            let start = ContinuousClock.now
            let status = await server.stop()
            let waited = ContinuousClock.now - start
            _ = try await client
            #expect(status == 0)
            #expect(waited < .seconds(18), "the server took \(waited) to stop")
            #expect(server.log.contains("status=503"), "\(server.log.suffix(800))")
        }
    }

    private static func pgCtl(_ arguments: [String]) async throws {
        let pgCtl = try TestBackend.url(from: "PERSIST_TEST_PG_CTL")
        let data = try TestBackend.url(from: "PERSIST_TEST_RESTART_DATA")
        let asServer = getuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--", pgCtl] : [pgCtl]
        let result = try await ChildProcess.run(
            URL(fileURLWithPath: asServer[0]), Array(asServer.dropFirst()) + ["-D", data, "-l", data + ".log"] + arguments,
            environment: ProcessInfo.processInfo.environment
        )
        #expect(result.status == 0, "pg_ctl \(arguments): \(result.errorOutput)")
    }

    /// The options after `-D DATA` in the restart cluster's postmaster.opts, for `pg_ctl -o`.
    private static func serverOptions() throws -> String {
        let data = try TestBackend.url(from: "PERSIST_TEST_RESTART_DATA")
        let line = try String(contentsOfFile: data + "/postmaster.opts", encoding: .utf8)
        let words = line.matches(of: #/"([^"]*)"/#).map { String($0.1) }
        guard words.count > 2, words[0] == "-D" else { throw TestSetupError("unexpected postmaster.opts: \(line)") }
        return words.dropFirst(2).joined(separator: " ")
    }

    private static func execute(_ statement: String, on url: String) async throws {
        try await DatabaseHandle.withOpen(try DatabaseURL(url)) { handle in
            try await handle.unprotectedSQL.raw(SQLQueryString(statement)).run()
        }
    }
}
}

/// A flag set once, read by many tasks.
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
