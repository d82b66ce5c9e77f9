import Foundation
import NIOConcurrencyHelpers
@testable import BudgetTracker
import PersistKit
import PersistTestSupport
import SQLKit
import Testing

@Suite("Seed and the monthly report")
struct ReportTests {
    @Test("the chapter's sample month", arguments: TestBackend.available)
    func sampleMonth(backend: TestBackend) async throws {
        try await LedgerFixture.with(backend) { ledger in
            #expect(try await ledger.seedSampleData())
            #expect(try await !ledger.seedSampleData())
            let report = try await ledger.monthlyReport(user: "alice@example.com", month: Month(parsing: "2024-01"))
            #expect(report.categories.map(\.category) == ["Food", "Transportation", "Entertainment"])
            #expect(report.categories.map(\.total.description) == ["71.25", "45.00", "30.00"])
            #expect(report.categories.map(\.count) == [2, 1, 1])
            #expect(report.categories.map(\.share) == [48.7, 30.8, 20.5])
            #expect(report.total.description == "146.25")
            #expect(report.count == 4)
        }
    }

    @Test("month bounds: first day in, next month's first day out, December too", arguments: TestBackend.available)
    func monthWindow(backend: TestBackend) async throws {
        try await LedgerFixture.with(backend) { ledger in
            _ = try await ledger.addUser(email: "a@example.com", name: "A")
            _ = try await ledger.addCategory(name: "Food")
            for date in ["2023-11-30", "2023-12-01", "2023-12-31", "2024-01-01", "2024-02-29", "2024-03-01"] {
                _ = try await ledger.addExpense(NewExpense(
                    user: "a@example.com", category: "Food", amount: Money(cents: 100), date: CalendarDate(parsing: date), description: date
                ))
            }
            #expect(try await ledger.monthlyReport(user: "a@example.com", month: Month(parsing: "2023-12")).count == 2)
            #expect(try await ledger.monthlyReport(user: "a@example.com", month: Month(parsing: "2024-02")).count == 1)
            let empty = try await ledger.monthlyReport(user: "a@example.com", month: Month(parsing: "2025-01"))
            #expect(empty.categories.isEmpty)
            #expect(empty.total == .zero)
            await #expect(throws: LedgerError.notFound(kind: "user", key: "b@example.com")) {
                try await ledger.monthlyReport(user: "b@example.com", month: Month(parsing: "2024-01"))
            }
        }
    }

    @Test("export, then import into an empty database, gives the same rows", arguments: TestBackend.available)
    func exportImportRoundTrip(backend: TestBackend) async throws {
        let folder = try TemporaryFolder.make()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("export.csv")
        let exported = try await LedgerFixture.with(backend) { ledger in
            _ = try await ledger.seedSampleData()
            _ = try await ledger.addExpense(NewExpense(
                user: "alice@example.com", category: "Food", amount: Money(cents: 1),
                date: CalendarDate(parsing: "2024-02-01"), description: "comma, \"quote\" and\nnewline — ünïcode"
            ))
            // A refund and a transfer: negative amounts must come back too.
            _ = try await ledger.addExpense(NewExpense(
                user: "alice@example.com", category: "Food", amount: Money(cents: -500), date: CalendarDate(parsing: "2024-02-02"), description: "refund"
            ))
            _ = try await ledger.transfer(user: "alice@example.com", from: "Food", to: "Entertainment", amount: Money(cents: 2000), date: CalendarDate(parsing: "2024-02-03"))
            let text = TextCollector()
            try await ledger.exportExpenses { text.append($0) }
            try text.text.write(to: file, atomically: true, encoding: .utf8)
            return text.text
        }
        let again = try await LedgerFixture.with(backend) { ledger in
            _ = try await ledger.importExpenses(from: file, createMissing: true)
            let text = TextCollector()
            #expect(try await ledger.exportExpenses { text.append($0) } == 8)
            return text.text
        }
        #expect(again == exported)
        #expect(exported.contains("-20.00") && exported.contains("-5.00"))
    }

    @Test("export pages through more rows on one day than a page holds, each row once, in order", arguments: TestBackend.available)
    func exportPagesThroughOneBusyDay(backend: TestBackend) async throws {
        let folder = try TemporaryFolder.make()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("busy.csv")
        let rows = Ledger.exportPageSize * 2 + 7
        let lines = (0..<rows).map { "2024-01-\($0 % 3 == 0 ? "02" : "01"),alice@example.com,Food,1.00,row \($0)\n" }
        try ("date,user,category,amount,description\n" + lines.joined()).write(to: file, atomically: true, encoding: .utf8)
        try await LedgerFixture.with(backend) { ledger in
            _ = try await ledger.seedSampleData()
            _ = try await ledger.importExpenses(from: file)
            let text = TextCollector()
            let count = try await ledger.exportExpenses(ExpenseFilter(month: Month(parsing: "2024-01"))) { text.append($0) }
            let exported = text.text.split(separator: "\n").dropFirst().filter { $0.contains(",row ") }
            #expect(exported.count == rows)
            #expect(Set(exported).count == rows)
            #expect(count == rows + 4)
            // Oldest first: every 2024-01-01 row before every 2024-01-02 row, each day in import order.
            let days = exported.map { $0.prefix(10) }
            #expect(days == days.sorted())
            let firstDay = exported.filter { $0.hasPrefix("2024-01-01") }.map { Int($0.split(separator: " ").last!.split(separator: ",").first!)! }
            #expect(firstDay == firstDay.sorted())
        }
    }

    /// A server's export holds no connection for its whole length, so other writes land while it
    /// runs. An expense whose date changes then must still be written once: paging on date and id
    /// left out one moved back before the page being read and wrote twice one moved past it
    /// (found by an attack on `GET /api/export`).
    @Test("an export without a snapshot writes an expense whose date changes meanwhile exactly once", arguments: TestBackend.available.filter { $0 != .pgbouncer })
    func exportWithoutSnapshotUnderChanges(backend: TestBackend) async throws {
        let rows = Ledger.exportPageSize * 2 + 7
        try await ScratchDatabase.with(backend) { scratch in
            let file = scratch.folder.appendingPathComponent("month.csv")
            let lines = (0..<rows).map { "2024-01-\(String(format: "%02d", $0 % 28 + 1)),alice@example.com,Food,1.00,row \($0)\n" }
            try ("date,user,category,amount,description\n" + lines.joined()).write(to: file, atomically: true, encoding: .utf8)
            try await DatabaseHandle.withOpen(try scratch.url) { handle in
                try await BudgetMigrations.migrator.migrate(on: handle)
                let ledger = Ledger(handle)
                _ = try await ledger.seedSampleData()
                _ = try await ledger.importExpenses(from: file)
                // Once the first page is written, another process moves `row 0` (on the first
                // page) to the month's last day and `row 27` (on the last page) to its first.
                // The rows at the first page's end and the second page's start become a transfer,
                // which the other process then deletes whole (both legs at once).
                let pair = try await handle.read { database in
                    try await (database as! any SQLDatabase).raw("""
                        SELECT e.id, e.description FROM expenses e JOIN users u ON u.id = e.user_id
                        WHERE u.email = 'alice@example.com' AND e.spent_on BETWEEN '2024-01-01' AND '2024-01-31'
                        ORDER BY e.spent_on, e.id LIMIT 2 OFFSET \(literal: Ledger.exportPageSize - 1)
                        """).all().map { (try $0.decode(column: "id", as: Int.self), try $0.decode(column: "description", as: String.self)) }
                }
                try #require(pair.count == 2 && !pair.contains { ["row 0", "row 27"].contains($0.1) })
                try await handle.transaction { database in
                    try await (database as! any SQLDatabase).raw("UPDATE expenses SET transfer_id = \(literal: pair[0].0) WHERE id IN (\(literal: pair[0].0), \(literal: pair[1].0))").run()
                }
                let change = "UPDATE expenses SET spent_on = '2024-01-28' WHERE description = 'row 0'; UPDATE expenses SET spent_on = '2024-01-01' WHERE description = 'row 27'; DELETE FROM expenses WHERE transfer_id = \(pair[0].0);"
                let (tool, arguments) = backend == .sqlite
                    ? ("/usr/bin/sqlite3", [scratch.folder.appendingPathComponent("persist.db").path, change])
                    : (URL(fileURLWithPath: try TestBackend.url(from: "PERSIST_TEST_PG_CTL")).deletingLastPathComponent().appendingPathComponent("psql").path,
                       [ScratchDatabase.libpqURL(scratch.urlText), "-q", "-v", "ON_ERROR_STOP=1", "-c", change])
                let text = TextCollector(), writes = NIOLockedValueBox(0)
                _ = try await ledger.exportExpenses(ExpenseFilter(user: "alice@example.com", month: Month(parsing: "2024-01")), snapshot: false) { chunk in
                    text.append(chunk)
                    guard writes.withLockedValue({ $0 += 1; return $0 }) == 2 else { return }
                    try BlockingTool.run(tool, arguments)
                }
                let exported = text.text.split(separator: "\n").filter { $0.contains(",row ") }.map { String($0.split(separator: ",")[4]) }
                #expect(exported.count == rows, "\(exported.count) rows exported for \(rows)")
                #expect(Set(exported).count == rows, "some rows were written twice")
                #expect(exported.filter { $0 == "row 0" || $0 == "row 27" }.count == 2)
                // Read in one page before the delete: both legs, never one.
                #expect(exported.filter { $0 == pair[0].1 || $0 == pair[1].1 }.count == 2, "one leg of a transfer was exported without the other")
            }
        }
    }

    /// With `again` the same file may be imported any number of times, also at the same moment:
    /// on PostgreSQL two such imports took the same occurrence number and one was refused as
    /// "already imported" (found by an attack on `POST /api/imports?again=true`). SQLite's write
    /// lock runs imports one after the other (and one handle has one connection), so only
    /// PostgreSQL can race.
    @Test("the same file imported again by 6 at once: every import is kept, each with its own occurrence", arguments: TestBackend.available.filter { $0 != .sqlite })
    func concurrentImportsAgain(backend: TestBackend) async throws {
        try await LedgerFixture.with(backend) { ledger in
            _ = try await ledger.seedSampleData()
            let folder = try TemporaryFolder.make()
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("again.csv")
            let lines = (0..<200).map { "2024-02-\(String(format: "%02d", $0 % 28 + 1)),alice@example.com,Food,1.25,again \($0)\n" }
            try ("date,user,category,amount,description\n" + lines.joined()).write(to: file, atomically: true, encoding: .utf8)
            try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<6 { group.addTask { try await ledger.importExpenses(from: file, again: true).rows } }
                for try await rows in group { #expect(rows == 200) }
            }
            let recorded = try await ledger.handle.read { database in
                try await (database as! any SQLDatabase).raw("SELECT occurrence FROM imports ORDER BY occurrence").all().map { try $0.decode(column: "occurrence", as: Int.self) }
            }
            #expect(recorded == Array(1...6))
            let rows = try await ledger.handle.read { database in
                try await (database as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM expenses WHERE description LIKE 'again %'").first()!.decode(column: "n", as: Int.self)
            }
            #expect(rows == 1_200)
        }
    }
}
