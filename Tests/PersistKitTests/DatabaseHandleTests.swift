import Foundation
import NIOPosix
import PersistKit
import PersistTestSupport
import SQLKit
import Testing

@Suite("Opening databases")
struct DatabaseHandleTests {
    @Test("answers on every backend", arguments: TestBackend.available)
    func opens(backend: TestBackend) async throws {
        try await ScratchDatabase.with(backend) { scratch in
            let value = try await DatabaseHandle.withOpen(try scratch.url) { handle in
                try await handle.unprotectedSQL.raw("SELECT 41 + 1 AS answer").first()?.decode(column: "answer", as: Int.self)
            }
            #expect(value == 42)
        }
    }

    @Test("a server's SQLite handle: reads run on reader connections beside a writing transaction, and cannot write")
    func sqliteReadersBesideTheWriter() async throws {
        try await ScratchDatabase.with(.sqlite) { scratch in
            try await DatabaseHandle.withOpen(try scratch.url, placement: .shared) { handle in
                try await handle.transaction { try await ($0 as! any SQLDatabase).raw("CREATE TABLE t (x INTEGER)").run() }
                // With one connection this read would wait for the transaction that holds it: for ever.
                let seenDuringWrite = try await handle.transaction { database in
                    try await (database as! any SQLDatabase).raw("INSERT INTO t VALUES (1)").run()
                    return try await Self.rows(in: handle)
                }
                #expect(seenDuringWrite == 0, "a reader saw an uncommitted row")
                #expect(try await Self.rows(in: handle) == 1)
                #expect(try await handle.readSnapshot { try await ($0 as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM t").first()!.decode(column: "n", as: Int.self) } == 1)
                await #expect(throws: (any Error).self) {
                    try await handle.read { try await ($0 as! any SQLDatabase).raw("INSERT INTO t VALUES (2)").run() }
                }
                #expect(try await Self.rows(in: handle) == 1)
                // Every reader has the busy timeout (another process's checkpoint must not fail a read).
                var timeouts = Set<Int>()
                for _ in 0..<8 {
                    timeouts.insert(try await handle.read { try await ($0 as! any SQLDatabase).raw("PRAGMA busy_timeout").first()!.decode(column: "timeout", as: Int.self) })
                }
                #expect(timeouts == [5_000])
            }
        }
    }

    /// Rows in table `t`, read in a read unit.
    private static func rows(in handle: DatabaseHandle) async throws -> Int {
        try await handle.read { try await ($0 as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM t").first()!.decode(column: "n", as: Int.self) }
    }

    @Test("a server's handle: the pool spans NIO's shared loops and never exceeds its size")
    func sharedPlacementSpansLoopsWithinThePool() async throws {
        let loops = Array(MultiThreadedEventLoopGroup.singleton.makeIterator()).count
        // A pool of 4: on two or more loops, two loops of 2 connections each. The long pool
        // timeout keeps a busy test machine (all suites at once) from failing the wait itself
        // (the URL's, as scripts/test gives one, would win over the limits').
        let url = try DatabaseURL(try TestBackend.postgresAdminURL() + "&pool_timeout=120")
        let limits = ConnectionLimits(poolSize: 4, poolTimeout: 120)
        let (backends, loopsUsed) = try await DatabaseHandle.withOpen(url, limits: limits, placement: .shared) { handle in
            try await withThrowingTaskGroup(of: (Int, ObjectIdentifier).self) { group in
                for _ in 0..<12 {
                    group.addTask {
                        try await handle.read { database in
                            let sql = database as! any SQLDatabase
                            let pid = try await sql.raw("SELECT pg_backend_pid() AS pid, pg_sleep(0.1)").first()!.decode(column: "pid", as: Int.self)
                            return (pid, ObjectIdentifier(database.eventLoop))
                        }
                    }
                }
                var backends = Set<Int>(), loopsUsed = Set<ObjectIdentifier>()
                for try await (pid, loop) in group {
                    backends.insert(pid)
                    loopsUsed.insert(loop)
                }
                return (backends, loopsUsed)
            }
        }
        #expect(backends.count <= 4)
        #expect(loopsUsed.count == min(2, loops))
        #expect(try await DatabaseHandle.withOpen(url) { $0.limits.poolSize } == 5)
    }

    @Test func sqliteIsSafeForManyProcesses() async throws {
        try await ScratchDatabase.with(.sqlite) { scratch in
            let (journal, foreignKeys, busyTimeout) = try await DatabaseHandle.withOpen(try scratch.url) { handle in
                let sql = handle.unprotectedSQL
                return (
                    try await sql.raw("PRAGMA journal_mode").first()?.decode(column: "journal_mode", as: String.self),
                    try await sql.raw("PRAGMA foreign_keys").first()?.decode(column: "foreign_keys", as: Int.self),
                    try await sql.raw("PRAGMA busy_timeout").first()?.decode(column: "timeout", as: Int.self)
                )
            }
            #expect(journal == "wal")
            #expect(foreignKeys == 1)
            #expect(busyTimeout == 5000)
        }
    }

    @Test func readOnlyNeverCreatesTheFile() async throws {
        let file = try TemporaryFolder.make().appendingPathComponent("missing.db")
        let error = try await openFailure("sqlite:///\(file.path)", mode: .readOnly)
        #expect(error.code == .fileNotFound)
        #expect(error.description.contains("missing.db"))
        #expect(!FileManager.default.fileExists(atPath: file.path))
    }

    @Test func readOnlyRefusesWrites() async throws {
        try await ScratchDatabase.with(.sqlite) { scratch in
            try await DatabaseHandle.withOpen(try scratch.url) { handle in
                try await handle.unprotectedSQL.raw("CREATE TABLE t (x INTEGER)").run()
            }
            await #expect(throws: DatabaseError.self) {
                try await DatabaseHandle.withOpen(try scratch.url, mode: .readOnly) { handle in
                    try await handle.unprotectedSQL.raw("INSERT INTO t VALUES (1)").run()
                }
            }
        }
    }

    @Test("a file that is not SQLite is refused and left as it was", arguments: [AccessMode.readOnly, .readWrite])
    func fileThatIsNotSQLite(mode: AccessMode) async throws {
        let file = try TemporaryFolder.make().appendingPathComponent("notes.db")
        let content = Data(repeating: 0x41, count: 4096)
        try content.write(to: file)
        let error = try await openFailure("sqlite:///\(file.path)", mode: mode)
        #expect(error.description.contains("not a SQLite database"))
        #expect(try Data(contentsOf: file) == content)
    }

    @Test func missingFolderIsAClearError() async throws {
        let error = try await openFailure("sqlite:////nonexistent-folder-\(UUID())/app.db")
        #expect(error.code == .fileNotFound)
        #expect(error.description.contains("folder"))
    }

    @Test func closedPortIsAClearErrorWithoutThePassword() async throws {
        let port = try ClosedPort.find()
        let error = try await openFailure("postgresql://app:hunter2@127.0.0.1:\(port)/app?sslmode=disable")
        #expect(error.code == .cannotConnect)
        #expect(error.description.contains("127.0.0.1:\(port)"))
        #expect(error.description.contains("refused"))
        #expect(!error.description.contains("hunter2"))
        #expect(!error.description.contains("\n"))
    }

    @Test(.enabled(if: TestBackend.available.contains(.postgresql)))
    func wrongPasswordIsAnAuthenticationError() async throws {
        var components = URLComponents(string: try TestBackend.postgresAdminURL())!
        components.password = "not-the-password"
        let error = try await openFailure(components.string!)
        #expect(error.code == .authenticationFailed)
        #expect(!error.description.contains("not-the-password"))
    }

    @Test(.enabled(if: TestBackend.available.contains(.postgresql)))
    func sslRequireNeverFallsBackToPlainText() async throws {
        // The test server has no TLS: require must fail rather than connect unencrypted.
        let plain = try TestBackend.postgresAdminURL()
        let error = try await openFailure(plain.replacingOccurrences(of: "sslmode=disable", with: "sslmode=require"))
        #expect(error.code == .tls)
        let handle = try await DatabaseHandle.open(try DatabaseURL(plain.replacingOccurrences(of: "sslmode=disable", with: "sslmode=prefer")))
        await handle.close()
    }

    @Test(.enabled(if: TestBackend.available.contains(.postgresql)))
    func missingDatabaseIsNamed() async throws {
        var components = URLComponents(string: try TestBackend.postgresAdminURL())!
        components.path = "/no_such_database"
        let error = try await openFailure(components.string!)
        #expect(error.description.contains("no_such_database"))
    }

    /// Opens `text` expecting failure: returns the error, or records an issue when it opened.
    private func openFailure(_ text: String, mode: AccessMode = .readWrite) async throws -> DatabaseError {
        let url = try DatabaseURL(text)
        do {
            let handle = try await DatabaseHandle.open(url, mode: mode)
            await handle.close()
        } catch {
            return error
        }
        Issue.record("\(url) opened, but should have failed")
        return DatabaseError(.queryFailed, "opened")
    }
}
