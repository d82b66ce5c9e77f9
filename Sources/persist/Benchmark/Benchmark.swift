import Foundation
import PersistKit
import BudgetTracker
import PersistTooling
import SQLKit

/// What `persist bench` measured; times are medians over the runs.
struct BenchmarkResult: Sendable, Codable, Equatable {
    /// The backend measured: `sqlite` or `postgresql`.
    var backend: String
    /// Rows in the generated ledger.
    var rows: Int
    /// How many runs each median is taken over.
    var runs: Int
    /// Seconds the import took.
    var importSeconds: Double
    /// Rows imported per second.
    var importRowsPerSecond: Double
    /// The median monthly report, in milliseconds.
    var reportP50Milliseconds: Double
    /// The 95th-percentile monthly report, in milliseconds.
    var reportP95Milliseconds: Double
    /// All reports of a run together, in milliseconds.
    var reportsTotalMilliseconds: Double
    /// Reports per run: every user and month of the ledger.
    var reports: Int
    /// SQL statements one report sends.
    var statementsPerReport: Int
    /// All budget reports of a run together (every user and month, against limits set every
    /// month from the first), in milliseconds.
    var budgetReportsTotalMilliseconds: Double
    /// The median budget report, in milliseconds.
    var budgetReportP50Milliseconds: Double
    /// The same with every limit rolling over: each report reads every month before its own.
    var rolloverBudgetReportsTotalMilliseconds: Double
    /// SQL statements one budget report sends.
    var statementsPerBudgetReport: Int
    /// `persist proof read` as a whole process.
    var proofReadMilliseconds: Double?
    /// Peak resident memory of this benchmark's own process (generator, imports and reports).
    var peakResidentMiB: Double
    /// Peak resident memory of one `persist expense import` of the ledger as a whole process.
    var importProcessPeakResidentMiB: Double?
    /// The same import done by the `sqlite3` command (`.import` into staging, one INSERT … SELECT).
    var sqlite3ImportSeconds: Double?
    /// persist's import time divided by sqlite3's.
    var importRatioToSQLite3: Double?
}

/// The benchmark behind `persist bench`: a generated ledger through the real import, report and
/// proof paths, each on a fresh database.
enum Benchmark {
    /// Runs the benchmark.
    ///
    /// - Parameters:
    ///   - server: a PostgreSQL server to benchmark on (a scratch database is created on it and
    ///     dropped afterwards); `nil` for SQLite files in a temporary folder.
    ///   - persistExecutable: the `persist` binary, for timing `proof read` as a whole process.
    ///   - progress: told what is happening, for a terminal.
    static func run(
        rows: Int, runs: Int, server: DatabaseURL?, persistExecutable: URL?,
        progress: @Sendable (String) -> Void = { _ in }
    ) async throws -> BenchmarkResult {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("persist-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let ledgerFile = folder.appendingPathComponent("ledger.csv")
        progress("generating \(rows) rows")
        try LedgerGenerator.write(rows: rows, to: ledgerFile)

        var imports: [Double] = []
        var reportTimes: [[Double]] = []
        var budgetTimes: [[Double]] = [], rolloverTimes: [[Double]] = []
        var statements = 0, budgetStatements = 0
        var proofReads: [Double] = []
        for run in 1...runs {
            progress("run \(run) of \(runs)")
            try await withFreshDatabase(server: server, folder: folder, run: run) { url in
                try await DatabaseHandle.withOpen(url) { handle in
                    try await BudgetMigrations.migrator.migrate(on: handle)
                    let ledger = Ledger(handle)
                    let start = ContinuousClock.now
                    _ = try await ledger.importExpenses(from: ledgerFile, createMissing: true)
                    imports.append(seconds(since: start))
                    var times: [Double] = []
                    let before = handle.statements.value
                    for user in LedgerGenerator.users {
                        for (year, month) in LedgerGenerator.months {
                            let reportStart = ContinuousClock.now
                            _ = try await ledger.monthlyReport(user: user, month: try Month(parsing: "\(year)-\(month < 10 ? "0" : "")\(month)"))
                            times.append(seconds(since: reportStart) * 1000)
                        }
                    }
                    statements = (handle.statements.value - before) / times.count
                    reportTimes.append(times)
                    let (budgets, perReport) = try await budgetReports(ledger, rollover: false)
                    budgetTimes.append(budgets)
                    budgetStatements = perReport
                    rolloverTimes.append(try await budgetReports(ledger, rollover: true).times)
                    try await PersistenceProof.write(name: PersistenceProof.defaultName, to: handle)
                }
                if let persistExecutable {
                    let environment = url.environment(for: ProcessInfo.processInfo.environment)
                    for _ in 0..<5 {
                        let start = ContinuousClock.now
                        _ = try await ChildProcess.run(persistExecutable, ["proof", "read"], environment: environment, directory: folder)
                        proofReads.append(seconds(since: start) * 1000)
                    }
                }
            }
        }
        var result = BenchmarkResult(
            backend: server?.backend.rawValue ?? "sqlite", rows: rows, runs: runs,
            importSeconds: median(imports), importRowsPerSecond: Double(rows) / median(imports),
            reportP50Milliseconds: median(reportTimes.map { percentile($0, 0.5) }),
            reportP95Milliseconds: median(reportTimes.map { percentile($0, 0.95) }),
            reportsTotalMilliseconds: median(reportTimes.map { $0.reduce(0, +) }),
            reports: reportTimes.first?.count ?? 0, statementsPerReport: statements,
            budgetReportsTotalMilliseconds: median(budgetTimes.map { $0.reduce(0, +) }),
            budgetReportP50Milliseconds: median(budgetTimes.map { percentile($0, 0.5) }),
            rolloverBudgetReportsTotalMilliseconds: median(rolloverTimes.map { $0.reduce(0, +) }), statementsPerBudgetReport: budgetStatements,
            proofReadMilliseconds: proofReads.isEmpty ? nil : median(proofReads),
            peakResidentMiB: peakResidentMiB(children: false)
        )
        if let persistExecutable {
            progress("importing in a separate process, for its memory")
            try await withFreshDatabase(server: server, folder: folder, run: runs + 1) { url in
                _ = try await DatabaseHandle.withOpen(url) { try await BudgetMigrations.migrator.migrate(on: $0) }
                let environment = url.environment(for: ProcessInfo.processInfo.environment)
                let result = try await ChildProcess.run(persistExecutable, ["expense", "import", ledgerFile.path, "--create-missing"], environment: environment, directory: folder)
                guard result.status == 0 else { throw CommandFailure("persist expense import failed: \(result.firstErrorLine)") }
            }
            // The largest child waited for so far: the import (the proof reads are far smaller).
            result.importProcessPeakResidentMiB = peakResidentMiB(children: true)
        }
        if server == nil, let sqlite3 = ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3"].first(where: FileManager.default.isExecutableFile) {
            progress("timing the sqlite3 command")
            var times: [Double] = []
            for run in 1...runs {
                times.append(try await sqlite3Import(URL(fileURLWithPath: sqlite3), ledger: ledgerFile, folder: folder, run: run))
            }
            result.sqlite3ImportSeconds = median(times)
            result.importRatioToSQLite3 = result.importSeconds / median(times)
        }
        return result
    }

    /// The same work with the sqlite3 command into the same schema: `.import` into a staging
    /// table, then one INSERT … SELECT in a transaction (no validation).
    private static func sqlite3Import(_ sqlite3: URL, ledger: URL, folder: URL, run: Int) async throws -> Double {
        let file = folder.appendingPathComponent("sqlite3-\(run).db")
        let url = try DatabaseURL("sqlite:///\(file.path)")
        try await DatabaseHandle.withOpen(url) { handle in
            try await BudgetMigrations.migrator.migrate(on: handle)
            let ledger = Ledger(handle)
            for user in LedgerGenerator.users { _ = try await ledger.addUser(email: user, name: user) }
            for category in LedgerGenerator.categories { _ = try await ledger.addCategory(name: category) }
        }
        let start = ContinuousClock.now
        let result = try await ChildProcess.run(sqlite3, [
            file.path, ".mode csv", ".import \(ledger.path) staging",
            """
            BEGIN; INSERT INTO expenses (user_id, category_id, description, amount_cents, spent_on, created_at)
            SELECT u.id, c.id, s.description, CAST(ROUND(s.amount * 100) AS INTEGER), s.date, datetime('now')
            FROM staging s JOIN users u ON u.email = s.user JOIN categories c ON c.name = s.category; COMMIT;
            """,
        ], environment: ProcessInfo.processInfo.environment)
        let elapsed = seconds(since: start)
        guard result.status == 0 else { throw CommandFailure("sqlite3 failed: \(result.firstErrorLine)") }
        return elapsed
    }

    static func withFreshDatabase(
        server: DatabaseURL?, folder: URL, run: Int, _ body: (DatabaseURL) async throws -> Void
    ) async throws {
        guard let server, server.backend == .postgresql else {
            return try await body(try DatabaseURL("sqlite:///\(folder.appendingPathComponent("bench-\(run).db").path)"))
        }
        let name = "persist_bench_\(UUID().uuidString.prefix(8).lowercased())"
        do {
            try await DatabaseHandle.withOpen(server) { try await $0.unprotectedSQL.raw("CREATE DATABASE \(ident: name)").run() }
        } catch let error as DatabaseError where error.sqlState == "42501" {  // insufficient_privilege
            throw CommandFailure("bench measures in databases of its own, and this role may not create them: grant it CREATEDB (ALTER ROLE … CREATEDB), or run bench on the embedded SQLite default")
        }
        do {
            try await body(try server.replacingDatabase(with: name))
        } catch {
            try? await DatabaseHandle.withOpen(server) { try await $0.unprotectedSQL.raw("DROP DATABASE \(ident: name) WITH (FORCE)").run() }
            throw error
        }
        try await DatabaseHandle.withOpen(server) { try await $0.unprotectedSQL.raw("DROP DATABASE \(ident: name) WITH (FORCE)").run() }
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        (ContinuousClock.now - start).milliseconds / 1000
    }

    static func median(_ values: [Double]) -> Double { percentile(values, 0.5) }

    static func percentile(_ values: [Double], _ fraction: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * fraction).rounded()))]
    }

    /// Peak resident memory of this process (or, with `children`, of its largest reaped child).
    private static func peakResidentMiB(children: Bool) -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage((children ? RUSAGE_CHILDREN : RUSAGE_SELF).rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024  // KiB on Linux
        #else
        getrusage(children ? RUSAGE_CHILDREN : RUSAGE_SELF, &usage)
        return Double(usage.ru_maxrss) / (1024 * 1024)  // bytes on Darwin
        #endif
    }
}
