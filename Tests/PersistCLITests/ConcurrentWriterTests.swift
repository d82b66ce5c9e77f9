import BudgetTracker
import Foundation
import PersistKit
import PersistTooling
import PersistTestSupport
import SQLKit
import Testing

extension Reliability {
/// Many `persist` processes writing at the same moment: nothing lost, nothing locked, and readers
/// never see half of a transaction.
@Suite("Concurrent writers and readers")
struct ConcurrentWriterTests {
    static let workers = 8

    /// 1,600 processes per backend: PgBouncer is left to the transfer test, which is lighter.
    @Test("8 processes each adding 200 expenses at once: all 1,600 rows, no 'database is locked'",
          arguments: TestBackend.available.filter { $0 != .pgbouncer })
    func concurrentAdds(backend: TestBackend) async throws {
        try await CLIDatabase.with(backend, seeded: true) { database in
            let before = try await database.count("expenses")
            // Each worker is a shell running 200 separate `persist expense add` processes.
            let script = #"""
                failures=0
                for i in $(seq 1 200); do
                  "$0" expense add --user alice@example.com --category Food --amount "0.0$((i % 9 + 1))" --description "worker $1 item $i" >/dev/null || failures=$((failures + 1))
                done
                echo "failures=$failures"
                """#
            let results = try await runWorkers(database) { worker in ["-c", script, PersistBinary.url.path, String(worker)] }
            for result in results {
                #expect(result.status == 0)
                #expect(result.output == "failures=0\n", "\(result.errorOutput)")
                #expect(!result.errorOutput.contains("locked"), "\(result.errorOutput)")
            }
            #expect(try await database.count("expenses") == before + 1_600)
            let distinct = try await DatabaseHandle.withOpen(try database.scratch.url) { handle in
                try await handle.unprotectedSQL.raw("SELECT COUNT(DISTINCT description) AS n FROM expenses WHERE description LIKE 'worker %'").first()!.decode(column: "n", as: Int.self)
            }
            #expect(distinct == 1_600)
        }
    }

    @Test("8 processes transferring between the same two categories: both rows of every transfer, summing to zero; readers never see half",
          arguments: TestBackend.available)
    func concurrentTransfers(backend: TestBackend) async throws {
        try await CLIDatabase.with(backend, seeded: true) { database in
            let url = try database.scratch.url
            let total = try await sum(url)
            // Worker w's transfer i moves (w * 100 + i) cents, so every transfer is told apart by its amount.
            let script = #"""
                failures=0
                for i in $(seq 1 25); do
                  cents=$(( $1 * 100 + i )); from=Food; to=Entertainment
                  if [ $((i % 2)) = 0 ]; then from=Entertainment; to=Food; fi
                  "$0" transfer --user alice@example.com --from "$from" --to "$to" --amount "$((cents / 100)).$(printf %02d $((cents % 100)))" >/dev/null || failures=$((failures + 1))
                done
                echo "failures=$failures"
                """#
            let (firstRead, signalFirstRead) = AsyncStream<Void>.makeStream()
            let reader = Task { try await readUntilCancelled(url, expecting: total, afterFirstRead: signalFirstRead) }
            // The reader is reading before the writers start, however busy the machine is.
            for await _ in firstRead { break }
            let results = try await runWorkers(database) { worker in ["-c", script, PersistBinary.url.path, String(worker + 1)] }
            reader.cancel()
            let (reads, torn) = try await reader.value
            for result in results {
                #expect(result.output == "failures=0\n", "\(result.errorOutput)")
            }
            #expect(torn == 0, "\(torn) of \(reads) reads saw a total other than \(total)")
            #expect(reads >= 2)
            let rows = try await DatabaseHandle.withOpen(url) { handle in
                try await handle.unprotectedSQL.raw("SELECT amount_cents AS cents FROM expenses WHERE description LIKE 'Transfer %'").all()
                    .map { try $0.decode(column: "cents", as: Int.self) }
            }
            #expect(rows.count == Self.workers * 25 * 2)
            #expect(rows.reduce(0, +) == 0)
            for worker in 1...Self.workers {
                for transfer in 1...25 {
                    let cents = worker * 100 + transfer
                    #expect(rows.filter { $0 == cents }.count == 1 && rows.filter { $0 == -cents }.count == 1, "transfer of \(cents) cents")
                }
            }
            #expect(try await sum(url) == total)
            progressLine("transfers on \(backend): \(Self.workers * 25) transfers, \(reads) concurrent reads, \(torn) torn")
        }
    }

    @Test("a reader during a 50,000-row import sees none of it or all of it", arguments: TestBackend.available)
    func readerDuringImport(backend: TestBackend) async throws {
        try await CLIDatabase.with(backend, seeded: true) { database in
            let url = try database.scratch.url
            let ledger = database.file("ledger.csv")
            try await offPool { [ledger] in try LedgerGenerator.write(rows: 50_000, to: ledger) }
            let before = try await database.count("expenses")
            // The reader reads until it has seen the import's result, every count it sees recorded.
            let (reads, signalRead) = AsyncStream<Int>.makeStream()
            let reader = Task {
                var seen: Set<Int> = []
                while !Task.isCancelled && !seen.contains(before + 50_000) {
                    let count = try await DatabaseHandle.withOpen(url) { handle in
                        try await handle.read { try await ($0 as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM expenses").first()!.decode(column: "n", as: Int.self) }
                    }
                    seen.insert(count)
                    signalRead.yield(count)
                }
                return seen
            }
            for await _ in reads { break }
            let result = try await database.run(["expense", "import", ledger.path, "--create-missing"])
            if result.status != 0 { reader.cancel() }
            let seen = try await reader.value
            #expect(result.status == 0, "\(result.errorOutput)")
            #expect(seen.isSubset(of: [before, before + 50_000]), "counts seen: \(seen.sorted())")
            #expect(seen.contains(before))
        }
    }

    /// Starts the workers at the same moment and waits for all of them.
    @Test("50 writers of every kind at once on SQLite: every one succeeds, none sees 'database is locked'")
    func fiftyWritersOfEveryKind() async throws {
        try await CLIDatabase.with(.sqlite, seeded: true) { database in
            for index in 0..<5 {
                try "date,user,category,amount,description\n2024-03-0\(index + 1),alice@example.com,Food,1.00,file \(index)\n"
                    .write(to: database.file("f\(index).csv"), atomically: true, encoding: .utf8)
            }
            let before = try await database.count("expenses")
            let results = try await withThrowingTaskGroup(of: (Int, ChildProcess).self) { group in
                for worker in 0..<50 {
                    group.addTask { (worker, try await database.run(Self.writer(worker))) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            for (worker, result) in results {
                #expect(result.status == 0, "\(Self.writer(worker)): \(result.errorOutput)")
                #expect(!result.errorOutput.contains("locked"))
            }
            // 5 adds, 5 refunds, 5 transfers (2 rows each), 5 imports of 1 row.
            #expect(try await database.count("expenses") == before + 5 + 5 + 10 + 5)
        }
    }

    /// Worker `n`'s write: ten kinds, in turn.
    static func writer(_ worker: Int) -> [String] {
        switch worker % 10 {
        case 0: ["proof", "write", "--name", "w\(worker)"]
        case 1: ["expense", "add", "--user", "alice@example.com", "--category", "Food", "--amount", "1.00", "--description", "w\(worker)"]
        case 2: ["expense", "add", "--user", "alice@example.com", "--category", "Food", "--amount", "-1.00", "--description", "refund \(worker)"]
        case 3: ["user", "add", "--email", "u\(worker)@example.com", "--name", "U"]
        case 4: ["category", "add", "C\(worker)"]
        case 5: ["transfer", "--user", "alice@example.com", "--from", "Food", "--to", "Entertainment", "--amount", "1", "--date", "2024-01-02"]
        case 6: ["expense", "import", "f\(worker / 10).csv", "--again"]
        case 7: ["user", "rename", "alice@example.com", "--name", "Alice \(worker)"]
        case 8: ["category", "recolor", "Food", "--color", "#00FF00"]
        default: ["expense", "update", "1", "--description", "updated \(worker)"]
        }
    }

    private func runWorkers(_ database: CLIDatabase, arguments: @escaping @Sendable (Int) -> [String]) async throws -> [ChildProcess] {
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = database.scratch.urlText
        let shell = URL(fileURLWithPath: "/bin/sh")
        return try await withThrowingTaskGroup(of: ChildProcess.self) { group in
            for worker in 0..<Self.workers {
                group.addTask { [environment] in
                    try await ChildProcess.run(shell, arguments(worker), environment: environment, directory: database.scratch.folder)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    /// Reads the sum of all amounts again and again until cancelled; counts reads that differ from `total`.
    private func readUntilCancelled(
        _ url: DatabaseURL, expecting total: Int, afterFirstRead: AsyncStream<Void>.Continuation
    ) async throws -> (reads: Int, torn: Int) {
        try await DatabaseHandle.withOpen(url) { handle in
            var reads = 0
            var torn = 0
            while !Task.isCancelled {
                let value = try await handle.read { try await Self.sum(on: $0 as! any SQLDatabase) }
                reads += 1
                if value != total { torn += 1 }
                afterFirstRead.yield()
                try? await Task.sleep(for: .milliseconds(5))
            }
            return (reads, torn)
        }
    }

    private func sum(_ url: DatabaseURL) async throws -> Int {
        try await DatabaseHandle.withOpen(url) { handle in try await Self.sum(on: handle.unprotectedSQL) }
    }

    private static func sum(on sql: any SQLDatabase) async throws -> Int {
        try await sql.raw("SELECT CAST(COALESCE(SUM(amount_cents), 0) AS BIGINT) AS total FROM expenses").first()!.decode(column: "total", as: Int.self)
    }
}
}
