@testable import BudgetTracker
import PersistKit
import PersistTestSupport
import SQLKit
import Testing

@Suite("Days and hashes bound as their columns' CHAR type")
struct CharValueTests {
    /// PostgreSQL's plan for `statement`, with sequential scans off so that only an unusable
    /// index makes it scan the table.
    private static func plan(_ statement: SQLQueryString, on handle: DatabaseHandle) async throws -> String {
        try await handle.probe { database in
            let sql = database as! any SQLDatabase
            try await sql.raw("SET LOCAL enable_seqscan = off").run()
            let rows = try await sql.raw("EXPLAIN " + statement).all()
            return try rows.map { try $0.decode(column: "QUERY PLAN", as: String.self) }.joined(separator: "\n")
        }
    }

    @Test("on PostgreSQL the indexes serve them; a bare string parameter would not", .enabled(if: TestBackend.available.contains(.postgresql)))
    func indexesServeThem() async throws {
        try await LedgerFixture.with(.postgresql) { ledger in
            let from = try CalendarDate(parsing: "2024-07-01"), through = try CalendarDate(parsing: "2024-07-31")
            let hash = String(repeating: "ab", count: 32)
            let day = try await Self.plan("SELECT 1 FROM expenses WHERE user_id = 1 AND spent_on >= \(CharValue.day(from)) AND spent_on <= \(CharValue.day(through))", on: ledger.handle)
            #expect(day.contains("Index Cond") && day.contains("spent_on >="), "\(day)")
            let session = try await Self.plan("SELECT 1 FROM sessions WHERE token_hash = \(CharValue.sha256(hash))", on: ledger.handle)
            #expect(session.contains("Index Cond: (token_hash ="), "\(session)")
            // Why they exist: compared with text, the column is cast and its index cannot help.
            let bare = try await Self.plan("SELECT 1 FROM sessions WHERE token_hash = \(bind: hash)", on: ledger.handle)
            #expect(!bare.contains("Index Cond: (token_hash ="), "\(bare)")
        }
    }

    @Test("a value of another length is bound as it is, never cut to the width")
    func otherLengthsAreNotCast() async throws {
        try await LedgerFixture.with(.sqlite) { ledger in
            let long = String(repeating: "a", count: 65)
            let rows = try await ledger.handle.read { database in
                try await (database as! any SQLDatabase).raw("SELECT \(CharValue.sha256(long)) AS v").first()!.decode(column: "v", as: String.self)
            }
            #expect(rows == long)
        }
    }
}
