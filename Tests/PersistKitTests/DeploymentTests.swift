import BudgetTracker
import Foundation
import NIOConcurrencyHelpers
import PersistKit
import PersistTooling
import PersistTestSupport
import SQLKit
import Testing

/// TLS, pooling, pre-ping and reconnect against real servers that scripts/test starts.
extension Reliability {
/// Timing matters here (pool waits, connect timeouts, a server restart): the suite runs in the
/// serialized second pass, where the rest of the suite's load cannot stretch its clocks.
@Suite("PostgreSQL deployment", .enabled(if: TestBackend.available.contains(.postgresql)))
struct DeploymentTests {
    private func tlsURL(_ query: String, host: String = "localhost") throws -> DatabaseURL {
        var components = URLComponents(string: try TestBackend.url(from: "PERSIST_TEST_TLS_URL"))!
        components.host = host
        return try DatabaseURL(components.string! + "?" + query)
    }

    private var certificateAuthority: String {
        get throws { try TestBackend.url(from: "PERSIST_TEST_TLS_CA") }
    }

    private func encrypted(_ url: DatabaseURL) async throws -> Bool {
        try await DatabaseHandle.withOpen(url) { handle in
            try await handle.unprotectedSQL.raw("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").first()!.decode(column: "ssl", as: Bool.self)
        }
    }

    @Test func requireEncrypts() async throws {
        #expect(try await encrypted(try tlsURL("sslmode=require")))
        #expect(try await encrypted(try tlsURL("sslmode=prefer")))
        #expect(try await !encrypted(try tlsURL("sslmode=disable")))
    }

    @Test func verifyFullWithTheRightCAAndHostConnects() async throws {
        #expect(try await encrypted(try tlsURL("sslmode=verify-full&sslrootcert=\(certificateAuthority)")))
        #expect(try await encrypted(try tlsURL("sslmode=verify-ca&sslrootcert=\(certificateAuthority)", host: "127.0.0.1")))
    }

    @Test func verifyFullWithAWrongHostNameFails() async throws {
        // The certificate names `localhost`; 127.0.0.1 is the same server under another name.
        let url = try tlsURL("sslmode=verify-full&sslrootcert=\(certificateAuthority)", host: "127.0.0.1")
        await #expect(throws: DatabaseError.self) { try await DatabaseHandle.open(url) }
    }

    @Test func verifyFullWithoutTheCAFails() async throws {
        await #expect(throws: DatabaseError.self) { try await DatabaseHandle.open(try tlsURL("sslmode=verify-full")) }
    }

    @Test func pgTerminateBackendBetweenTwoOperations() async throws {
        try await ScratchDatabase.with(.postgresql) { scratch in
            try await DatabaseHandle.withOpen(try scratch.url) { handle in
                try await handle.transaction { try await ($0 as! any SQLDatabase).raw("CREATE TABLE t (x INTEGER)").run() }
                try await terminateBackends(of: scratch)
                // A read on a connection the server killed: pre-ping notices, the pool replaces it.
                #expect(try await count(handle) == 0)
                try await terminateBackends(of: scratch)
                // A write after the same: applied exactly once.
                try await handle.transaction { try await ($0 as! any SQLDatabase).raw("INSERT INTO t VALUES (1)").run() }
                #expect(try await count(handle) == 1)
            }
        }
    }

    /// Behind PgBouncer a backend that ends under its client reaches the client as two errors (the
    /// server's FATAL, then PgBouncer's "server conn crashed?"); PostgresNIO closes the connection
    /// on the second with `unexpectedBackendMessage`. With one pooled connection, the next read is
    /// handed that closing connection: it must reconnect, not fail (the release gate's connection
    /// step failed this way once in CI).
    @Test("behind PgBouncer, a backend ended under its own statement: the next read reconnects", .enabled(if: TestBackend.available.contains(.pgbouncer)))
    func ownBackendEndedBehindPgBouncer() async throws {
        try await ScratchDatabase.with(.pgbouncer) { scratch in
            try await DatabaseHandle.withOpen(try DatabaseURL(scratch.urlText + "&pool_size=1")) { handle in
                for round in 0..<20 {
                    try? await handle.unprotectedDatabase.withConnection { connection in
                        try await (connection as! any SQLDatabase).raw("SELECT pg_terminate_backend(pg_backend_pid())").run()
                    }
                    let answer = try await handle.read { try await ($0 as! any SQLDatabase).raw("SELECT \(literal: round) AS n").first()!.decode(column: "n", as: Int.self) }
                    #expect(answer == round)
                }
            }
        }
    }

    @Test("a connection lost in the middle of an import: the whole import runs again, every row once")
    func importSurvivesALostConnection() async throws {
        try await ScratchDatabase.with(.postgresql) { scratch in
            try await DatabaseHandle.withOpen(try scratch.url) { handle in
                try await BudgetMigrations.migrator.migrate(on: handle)
                let ledger = Ledger(handle)
                try await ledger.addUser(email: "a@example.com", name: "A")
                try await ledger.addCategory(name: "Food")
                // The second INSERT statement of the import kills its own backend, once: a sequence
                // is not rolled back with the transaction, so the retry is not killed again.
                try await handle.unprotectedSQL.raw("CREATE SEQUENCE kill_once").run()
                try await handle.unprotectedSQL.raw("""
                    CREATE FUNCTION kill_once() RETURNS trigger AS $$
                    BEGIN
                        IF nextval('kill_once') = 2 THEN PERFORM pg_terminate_backend(pg_backend_pid()); END IF;
                        RETURN NULL;
                    END $$ LANGUAGE plpgsql
                    """).run()
                try await handle.unprotectedSQL.raw("CREATE TRIGGER kill_once BEFORE INSERT ON expenses FOR EACH STATEMENT EXECUTE FUNCTION kill_once()").run()
                var csv = "date,user,category,amount,description\n"
                for index in 0..<12_000 { csv += "2024-01-15,a@example.com,Food,1.00,row \(index)\n" }
                let file = scratch.folder.appendingPathComponent("ledger.csv")
                try csv.write(to: file, atomically: true, encoding: .utf8)

                let summary = try await ledger.importExpenses(from: file)
                #expect(summary.rows == 12_000)
                let rows = try await handle.read { try await ($0 as! any SQLDatabase).raw("SELECT COUNT(*) AS n, COUNT(DISTINCT description) AS d FROM expenses").first()! }
                #expect(try rows.decode(column: "n", as: Int.self) == 12_000)
                #expect(try rows.decode(column: "d", as: Int.self) == 12_000)
                let fired = try await handle.read { try await ($0 as! any SQLDatabase).raw("SELECT last_value FROM kill_once").first()!.decode(column: "last_value", as: Int.self) }
                #expect(fired > 2, "the connection was never killed, so nothing was tested")
            }
        }
    }

    @Test func serverRestartBetweenTwoOperations() async throws {
        let url = try DatabaseURL(try TestBackend.url(from: "PERSIST_TEST_RESTART_URL"))
        try await DatabaseHandle.withOpen(url) { handle in
            try await handle.transaction { try await ($0 as! any SQLDatabase).raw("CREATE TABLE IF NOT EXISTS restart_check (x INTEGER)").run() }
            try await restartServer()
            try await handle.transaction { try await ($0 as! any SQLDatabase).raw("INSERT INTO restart_check VALUES (1)").run() }
            let rows = try await handle.read { try await ($0 as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM restart_check").first()!.decode(column: "n", as: Int.self) }
            #expect(rows >= 1)
        }
    }

    @Test func hundredConcurrentOperationsThroughAPoolOfFive() async throws {
        try await ScratchDatabase.with(.postgresql) { scratch in
            let url = try DatabaseURL(scratch.urlText + "&pool_size=5&pool_timeout=60&application_name=pool_of_five")
            try await DatabaseHandle.withOpen(url) { handle in
                let peak = try await withThrowingTaskGroup(of: Int.self) { group in
                    for _ in 0..<100 {
                        group.addTask {
                            try await handle.read { database in
                                try await (database as! any SQLDatabase).raw("""
                                    SELECT COUNT(*) AS n FROM pg_stat_activity, pg_sleep(0.005) WHERE application_name = 'pool_of_five'
                                    """).first()!.decode(column: "n", as: Int.self)
                            }
                        }
                    }
                    return try await group.reduce(0, max)
                }
                #expect(peak >= 1)
                #expect(peak <= 5)
            }
        }
    }

    @Test func exhaustedPoolSaysSo() async throws {
        try await ScratchDatabase.with(.postgresql) { scratch in
            let url = try DatabaseURL(scratch.urlText + "&pool_size=1&pool_timeout=1")
            try await DatabaseHandle.withOpen(url) { handle in
                // The one connection is taken when the stuck transaction says it is inside, and
                // given back when it says it has finished.
                let (inside, signalInside) = AsyncStream<Void>.makeStream()
                let finished = NIOLockedValueBox(false)
                let stuck = Task {
                    try await handle.transaction { database in
                        signalInside.yield()
                        try await (database as! any SQLDatabase).raw("SELECT pg_sleep(3)").run()
                    }
                    finished.withLockedValue { $0 = true }
                }
                for await _ in inside { break }
                let start = ContinuousClock.now
                do {
                    _ = try await handle.read { try await ($0 as! any SQLDatabase).raw("SELECT 1").run() }
                    Issue.record("a second connection was handed out from a pool of 1")
                } catch let error as DatabaseError {
                    #expect(error.code == .poolExhausted)
                    #expect(error.description.contains("all 1 connection to"))
                    #expect(error.description.contains("1 s"))
                }
                // It waited for the pool timeout, and gave up while the connection was still taken.
                #expect(ContinuousClock.now - start >= .milliseconds(900))
                #expect(!finished.withLockedValue { $0 }, "the wait outlasted the stuck transaction, so it was not the pool timeout that ended it")
                try await stuck.value
            }
        }
    }

    @Test func silentServerTimesOutWithinConnectTimeout() async throws {
        let server = try SilentServer()
        defer { server.close() }
        let url = try DatabaseURL("postgresql://app:hunter2@127.0.0.1:\(server.port)/app?sslmode=disable&connect_timeout=1")
        let start = ContinuousClock.now
        do {
            _ = try await DatabaseHandle.open(url)
            Issue.record("connected to a server that never answers")
        } catch {
            #expect(error.code == .cannotConnect)
            // The URL's 1 s, not the 10 s default, bounded the wait.
            #expect(error.description.contains("did not answer within 1 s"), "\(error.description)")
            #expect(!error.description.contains("hunter2"))
        }
        #expect(ContinuousClock.now - start >= .milliseconds(900))
    }

    private func count(_ handle: DatabaseHandle) async throws -> Int {
        try await handle.read { try await ($0 as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM t").first()!.decode(column: "n", as: Int.self) }
    }

    private func terminateBackends(of scratch: ScratchDatabase) async throws {
        let name = URLComponents(string: scratch.urlText)!.path.dropFirst()
        try await DatabaseHandle.withOpen(try DatabaseURL(try TestBackend.postgresAdminURL())) { admin in
            try await admin.unprotectedSQL.raw("""
                SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = \(bind: String(name)) AND pid <> pg_backend_pid()
                """).run()
        }
        // pg_terminate_backend only signals: wait until the server has let them go.
        try await DatabaseHandle.withOpen(try DatabaseURL(try TestBackend.postgresAdminURL())) { admin in
            for _ in 0..<500 {
                let left = try await admin.unprotectedSQL.raw("""
                    SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = \(bind: String(name)) AND pid <> pg_backend_pid()
                    """).first()!.decode(column: "n", as: Int.self)
                if left == 0 { return }
                try await Task.sleep(for: .milliseconds(10))
            }
            Issue.record("the terminated backends were still there after 5 s")
        }
    }

    private func restartServer() async throws {
        let pgCtl = try TestBackend.url(from: "PERSIST_TEST_PG_CTL")
        let data = try TestBackend.url(from: "PERSIST_TEST_RESTART_DATA")
        let asServer = getuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--", pgCtl] : [pgCtl]
        let result = try await ChildProcess.run(
            URL(fileURLWithPath: asServer[0]), Array(asServer.dropFirst()) + ["-D", data, "-l", data + ".log", "-m", "fast", "-w", "restart"],
            environment: ProcessInfo.processInfo.environment
        )
        #expect(result.status == 0, "\(result.errorOutput)")
    }
}
}
