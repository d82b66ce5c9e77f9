import FluentKit
import Foundation
import PersistKit
import PersistTestSupport
import SQLKit
import Testing

@Suite("Bulk insert writes every row exactly, or none")
struct BulkInsertTests {
    static let awkwardTexts = [
        "plain", "comma, inside", "\"quoted\"", "tab\there", "line\nbreak", "crlf\r\nend", "back\\slash", "\\N",
        "naïve café — 😀", "'; DROP TABLE items; --", String(repeating: "x", count: 5_000),
    ]

    @Test("rows across many batches arrive in order with their values", arguments: TestBackend.available)
    func roundTrip(backend: TestBackend) async throws {
        try await ScratchDatabase.with(backend) { scratch in
            try await DatabaseHandle.withOpen(try scratch.url) { handle in
                try await createTable(on: handle)
                let expected = (0..<103).map { (Int64($0) * 1_000_000_007, Self.awkwardTexts[$0 % Self.awkwardTexts.count]) }
                let statementsBefore = handle.statements.value
                try await handle.transaction { database in
                    let insert = BulkInsert(into: "items", columns: [.init("n", .integer), .init("t", .text)], on: database, batchSize: 10)
                    for (number, text) in expected { try await insert.append([.integer(number), .text(text)]) }
                    try await insert.finish()
                    #expect(insert.rowsSent == 103)
                }
                // 11 batches, each one statement (BEGIN and COMMIT are the handle's, not counted).
                #expect(handle.statements.value - statementsBefore == 11)
                let rows = try await handle.unprotectedSQL.raw("SELECT n, t FROM items ORDER BY id").all()
                let stored = try rows.map { (try $0.decode(column: "n", as: Int64.self), try $0.decode(column: "t", as: String.self)) }
                #expect(stored.count == expected.count)
                for (row, want) in zip(stored, expected) {
                    #expect(row.0 == want.0)
                    #expect(row.1 == want.1)
                }
            }
        }
    }

    @Test("an error mid-way leaves the table empty, and the database usable", arguments: TestBackend.available)
    func failureWritesNothing(backend: TestBackend) async throws {
        try await ScratchDatabase.with(backend) { scratch in
            try await DatabaseHandle.withOpen(try scratch.url) { handle in
                try await createTable(on: handle)
                await #expect(throws: StopHere.self) {
                    try await handle.transaction { database in
                        let insert = BulkInsert(into: "items", columns: [.init("n", .integer), .init("t", .text)], on: database, batchSize: 4)
                        do {
                            for number in 0..<50 {
                                try await insert.append([.integer(Int64(number)), .text("row \(number)")])
                                // Another statement in the middle of a bulk insert waits for its batch.
                                if number == 21 {
                                    try await insert.waitForPendingBatch()
                                    let count = try await (database as! any SQLDatabase).raw("SELECT COUNT(*) AS c FROM items").first()?.decode(column: "c", as: Int.self)
                                    #expect(count == 20)
                                }
                            }
                            throw StopHere()
                        } catch {
                            await insert.abandon()
                            throw error
                        }
                    }
                }
                let count = try await handle.unprotectedSQL.raw("SELECT COUNT(*) AS c FROM items").first()?.decode(column: "c", as: Int.self)
                #expect(count == 0)
            }
        }
    }

    @Test("a batch the database refuses fails the insert with the database's error", arguments: TestBackend.available)
    func refusedBatch(backend: TestBackend) async throws {
        try await ScratchDatabase.with(backend) { scratch in
            try await DatabaseHandle.withOpen(try scratch.url) { handle in
                try await createTable(on: handle)
                let error = await #expect(throws: (any Error).self) {
                    try await handle.transaction { database in
                        let insert = BulkInsert(into: "items", columns: [.init("n", .integer), .init("t", .text)], on: database, batchSize: 3)
                        do {
                            // The CHECK constraint refuses a negative n in the second batch.
                            for number in [1, 2, 3, 4, -5, 6, 7, 8, 9] { try await insert.append([.integer(Int64(number)), .text("x")]) }
                            try await insert.finish()
                        } catch {
                            await insert.abandon()
                            throw error
                        }
                    }
                }
                #expect(DriverRefusal.isConstraintFailure(error), "\(String(describing: error))")
                let count = try await handle.unprotectedSQL.raw("SELECT COUNT(*) AS c FROM items").first()?.decode(column: "c", as: Int.self)
                #expect(count == 0)
            }
        }
    }

    private struct StopHere: Error {}

    private func createTable(on handle: DatabaseHandle) async throws {
        let key = handle.url.backend == .sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY"
        try await handle.unprotectedSQL.raw("CREATE TABLE items (id \(unsafeRaw: key), n BIGINT NOT NULL CHECK (n >= 0), t TEXT NOT NULL)").run()
    }
}
