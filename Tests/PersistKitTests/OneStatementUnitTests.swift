import Foundation
@testable import PersistKit
import PersistTestSupport
import SQLKit
import Testing

/// `readStatement` and `writeStatement`: on a server's SQLite file they run through direct
/// connections (SQLite's C API, statements kept prepared); elsewhere through the pooled units.
/// Both paths must give the same rows, keep the same guarantees and fail the same way.
@Suite("One-statement units")
struct OneStatementUnitTests {
    /// A row of table `t`, as both paths decode it.
    struct Item: Decodable, Sendable, Equatable {
        let id: Int
        let name: String
        let cents: Int64
        let ratio: Double?
        let note: String?
        let at: Date
    }

    /// Every way of opening a handle: each backend, and a server's SQLite file (the direct path).
    static let openings: [(TestBackend, EventLoopPlacement)] =
        TestBackend.available.map { ($0, EventLoopPlacement.dedicated) } + [(.sqlite, .shared)]

    @Test("a write's RETURNING rows and a read's rows are the same on every path", arguments: openings)
    func sameRowsOnEveryPath(backend: TestBackend, placement: EventLoopPlacement) async throws {
        try await ScratchDatabase.with(backend) { scratch in
            try await DatabaseHandle.withOpen(try scratch.url, placement: placement) { handle in
                try await Self.createTables(on: handle)
                let at = Date(timeIntervalSince1970: 1_700_000_000.5)
                var written: [Item] = []
                for (name, cents, ratio, note) in [("Café ☕", Int64(1_999), 0.25, "naïve"), ("Rent", Int64(-120_000), nil, nil), ("x'; DROP TABLE t; --", Int64.max, 1e-9, "")] {
                    written += try await handle.writeStatement("""
                        INSERT INTO t (name, cents, ratio, note, at) VALUES (\(bind: name), \(bind: cents), \(bind: ratio), \(bind: note), \(bind: at))
                        RETURNING id, name, cents, ratio, note, at
                        """, decoding: Item.self)
                }
                #expect(written.map(\.name) == ["Café ☕", "Rent", "x'; DROP TABLE t; --"])
                #expect(written.map(\.cents) == [1_999, -120_000, Int64.max])
                #expect(written.map(\.note) == ["naïve", nil, ""])
                #expect(written.map(\.at) == [at, at, at])
                let read = try await handle.readStatement("SELECT id, name, cents, ratio, note, at FROM t ORDER BY id", decoding: Item.self)
                #expect(read == written)
                // The pooled path reads what the direct path wrote, and the other way round.
                let pooled = try await handle.read { try await ($0 as! any SQLDatabase).raw("SELECT id, name, cents, ratio, note, at FROM t ORDER BY id").all(decoding: Item.self) }
                #expect(pooled == read)
                let none = try await handle.readStatement("SELECT id, name, cents, ratio, note, at FROM t WHERE name = \(bind: "nobody")", decoding: Item.self)
                #expect(none.isEmpty)
            }
        }
    }

    @Test("a failed write changes nothing and leaves no transaction open; foreign keys are enforced", arguments: openings)
    func failedWritesRollBack(backend: TestBackend, placement: EventLoopPlacement) async throws {
        try await ScratchDatabase.with(backend) { scratch in
            try await DatabaseHandle.withOpen(try scratch.url, placement: placement) { handle in
                try await Self.createTables(on: handle)
                let at = Date()
                // A foreign key to a parent that does not exist.
                let orphan = await #expect(throws: (any Error).self) {
                    try await handle.writeStatement("INSERT INTO child (parent_id) VALUES (\(bind: 404)) RETURNING id", decoding: ID.self)
                }
                #expect(orphan.map { ForeignKeyViolation.matches($0) } == true)
                // Two rows in one statement, the second breaking the CHECK: neither is kept.
                let broken = await #expect(throws: (any Error).self) {
                    try await handle.writeStatement("""
                        INSERT INTO t (name, cents, at, note) VALUES (\(bind: "kept?"), \(bind: 1), \(bind: at), NULL), (\(bind: ""), \(bind: 2), \(bind: at), \(bind: "secret-note")) RETURNING id
                        """, decoding: ID.self)
                }
                // What a server logs of it says what failed, never the values.
                let logged = LoggedError.summary(of: try #require(broken))
                #expect(logged.contains(backend == .sqlite ? "CHECK constraint failed" : "SQLSTATE 23514"), "\(logged)")
                #expect(!logged.contains("secret-note") && !logged.contains("kept?"), "\(logged)")
                #expect(try await Self.count("t", on: handle) == 0)
                #expect(try await Self.count("child", on: handle) == 0)
                // The writer is usable afterwards: no transaction was left open.
                let parent = try await handle.writeStatement("INSERT INTO parent DEFAULT VALUES RETURNING id", decoding: ID.self)
                _ = try await handle.writeStatement("INSERT INTO child (parent_id) VALUES (\(bind: parent[0].id)) RETURNING id", decoding: ID.self)
                #expect(try await Self.count("child", on: handle) == 1)
                try await handle.transaction { try await ($0 as! any SQLDatabase).raw("INSERT INTO parent DEFAULT VALUES").run() }
                #expect(try await Self.count("parent", on: handle) == 2)
            }
        }
    }

    @Test("a read cannot write; statements are counted; a syntax error reads as one line", arguments: openings)
    func readsCannotWrite(backend: TestBackend, placement: EventLoopPlacement) async throws {
        try await ScratchDatabase.with(backend) { scratch in
            let url = try scratch.url
            try await DatabaseHandle.withOpen(url, placement: placement) { handle in
                try await Self.createTables(on: handle)
                handle.statements.reset()
                if placement == .shared {
                    // A server's SQLite readers are query_only (a command's one connection and
                    // PostgreSQL's read unit are not read-only).
                    await #expect(throws: (any Error).self) {
                        try await handle.readStatement("INSERT INTO parent DEFAULT VALUES RETURNING id", decoding: ID.self)
                    }
                    #expect(try await Self.count("parent", on: handle) == 0)
                }
                _ = try await handle.readStatement("SELECT id FROM parent", decoding: ID.self)
                _ = try await handle.writeStatement("INSERT INTO parent DEFAULT VALUES RETURNING id", decoding: ID.self)
                #expect(handle.statements.value == (placement == .shared ? 4 : 2))
                let error = await #expect(throws: (any Error).self) {
                    try await handle.readStatement("SELEC id FROM parent", decoding: ID.self)
                }
                let text = DatabaseError.translating(try #require(error), for: url).description
                #expect(text.contains("syntax error"))
                #expect(!text.contains("\n"))
            }
        }
    }

    @Test("a server's SQLite: a direct write waits for the pooled writer's transaction, then both are kept")
    func directWriterWaitsForTheLock() async throws {
        try await ScratchDatabase.with(.sqlite) { scratch in
            try await DatabaseHandle.withOpen(try scratch.url, placement: .shared) { handle in
                try await Self.createTables(on: handle)
                let started = AsyncStream.makeStream(of: Void.self)
                async let held: Void = handle.transaction { database in
                    try await (database as! any SQLDatabase).raw("INSERT INTO parent DEFAULT VALUES").run()
                    started.continuation.yield()
                    try await Task.sleep(for: .milliseconds(300))
                }
                for await _ in started.stream { break }
                let clock = ContinuousClock(), start = clock.now
                _ = try await handle.writeStatement("INSERT INTO parent DEFAULT VALUES RETURNING id", decoding: ID.self)
                #expect(clock.now - start >= .milliseconds(150), "the direct write did not wait for the lock")
                try await held
                #expect(try await Self.count("parent", on: handle) == 2)
            }
        }
    }

    /// A read first runs where it is asked for (an event loop, in a server) for at most 2 ms of CPU time; a
    /// longer one is interrupted there and run again from the start on a reader thread. The
    /// answer must be the whole one either way, and a short read must not move.
    @Test("a server's SQLite: a long read moves to a reader thread and still gives its whole answer; a short one stays")
    func longReadMovesOffTheCallersThread() async throws {
        try await ScratchDatabase.with(.sqlite) { scratch in
            try await DatabaseHandle.withOpen(try scratch.url, placement: .shared) { handle in
                try await Self.createTables(on: handle)
                let direct = try #require(handle.direct)
                struct Total: Decodable, Sendable { let n: Int; let total: Int }
                // About a second of SQLite's work: far past the limit of reading in place.
                let long = try await handle.readStatement("""
                    WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < \(literal: 2_000_000))
                    SELECT COUNT(*) AS n, SUM(x) AS total FROM c
                    """, decoding: Total.self)
                #expect(long.first?.n == 2_000_000)
                #expect(long.first?.total == 2_000_000 * 2_000_001 / 2)
                #expect(direct.readsMoved.withLockedValue { $0 } == 1)
                for _ in 0..<20 { _ = try await handle.readStatement("SELECT id FROM parent", decoding: ID.self) }
                #expect(direct.readsMoved.withLockedValue { $0 } == 1, "short reads moved to a reader thread")
            }
        }
    }

    @Test("a closed handle's statements fail with an error, not a crash")
    func closedHandle() async throws {
        try await ScratchDatabase.with(.sqlite) { scratch in
            let handle = try await DatabaseHandle.open(try scratch.url, placement: .shared)
            try await Self.createTables(on: handle)
            await handle.close()
            await #expect(throws: (any Error).self) { try await handle.readStatement("SELECT id FROM parent", decoding: ID.self) }
            await #expect(throws: (any Error).self) { try await handle.writeStatement("INSERT INTO parent DEFAULT VALUES RETURNING id", decoding: ID.self) }
        }
    }

    struct ID: Decodable, Sendable { let id: Int }

    private static func createTables(on handle: DatabaseHandle) async throws {
        let key = handle.url.backend == .sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY"
        let real = handle.url.backend == .sqlite ? "REAL" : "DOUBLE PRECISION"
        let time = handle.url.backend == .sqlite ? "REAL" : "TIMESTAMPTZ"
        try await handle.transaction { database in
            let sql = database as! any SQLDatabase
            try await sql.raw("CREATE TABLE t (id \(unsafeRaw: key), name TEXT NOT NULL CHECK (name <> ''), cents BIGINT NOT NULL, ratio \(unsafeRaw: real), note TEXT, at \(unsafeRaw: time) NOT NULL)").run()
            try await sql.raw("CREATE TABLE parent (id \(unsafeRaw: key))").run()
            try await sql.raw("CREATE TABLE child (id \(unsafeRaw: key), parent_id BIGINT NOT NULL REFERENCES parent (id))").run()
        }
    }

    private static func count(_ table: String, on handle: DatabaseHandle) async throws -> Int {
        try await handle.read { try await ($0 as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()!.decode(column: "n", as: Int.self) }
    }
}
