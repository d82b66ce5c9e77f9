import ArgumentParser
import BudgetTracker
import Foundation
import PersistKit

extension Persist {
    /// `persist bench`: how fast real work goes through persist, as a library (`bench ledger`,
    /// the default) and as a service (`bench serve`).
    struct BenchCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bench",
            abstract: "Benchmark persist: the ledger's import and reports (default), or persist serve.",
            discussion: "Examples:\n  swift run -c release persist bench --rows 100000\n  swift run -c release persist bench serve --seconds 10",
            subcommands: [LedgerBench.self, Serve.self],
            defaultSubcommand: LedgerBench.self
        )
    }
}

extension Persist.BenchCommand {
    /// `persist bench ledger` (also plain `persist bench`).
    struct LedgerBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ledger",
            abstract: "Benchmark import, monthly reports and the proof read on a fresh database.",
            discussion: """
                Generates a deterministic ledger of --rows rows (10 users, 8 categories, two years), \
                imports it through the real import path, runs the monthly report for every user and \
                month, and times `persist proof read` as a whole process; each figure is the median of \
                --runs runs. SQLite files go in a temporary folder; with DATABASE_URL pointing at \
                PostgreSQL a scratch database is created there and dropped afterwards. Build with \
                -c release for figures worth comparing.

                Examples:
                  swift run -c release persist bench --rows 100000
                  persist bench --rows 1000000 --write-ledger big.csv   # a ledger to import by hand
                """
        )
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Rows in the generated ledger.") var rows: Int = 100_000
        @Option(help: "Runs; each figure is the median.") var runs: Int = 3
        @Option(help: "Also write the figures as JSON to this file (an existing file only with --force).") var out: String?
        @Flag(help: "Replace the --out or --write-ledger file if it exists.") var force = false
        @Option(help: "Output format: table or json.") var format: DocumentFormat = .table
        @Option(help: ArgumentHelp("Only write the generated ledger of --rows rows to this file, and stop.", valueName: "file"))
        var writeLedger: String?

        func validate() throws {
            guard rows >= 1, rows <= 10_000_000 else { throw ValidationError("--rows must be from 1 to 10000000") }
            guard runs >= 1, runs <= 20 else { throw ValidationError("--runs must be from 1 to 20") }
        }

        func run() async throws {
            let resolved = try database.resolve()
            if let writeLedger {
                let file = try OutputFile(path: writeLedger, force: force, protecting: resolved.url)
                try LedgerGenerator.write(rows: rows) { try file.write($0) }
                try file.commit()
                print("wrote \(rows.counted("row")) to \(writeLedger)")
                return
            }
            let outFile = try out.map { try OutputFile(path: $0, force: force, protecting: resolved.url) }
            let server = resolved.source == .embeddedDefault || resolved.url.backend == .sqlite ? nil : resolved.url
            #if DEBUG
            FileHandle.standardError.write(Data("note: a debug build; use `swift run -c release persist bench` for real figures\n".utf8))
            #endif
            let progress = ProgressLine(label: "bench:")
            let result = try await Benchmark.run(
                rows: rows, runs: runs, server: server, persistExecutable: Persist.Proof.Run.currentExecutable(),
                progress: { progress.note($0) }
            )
            progress.finish()
            if let outFile {
                try outFile.write(try Renderer.json(result))
                try outFile.commit()
            }
            if format == .json {
                print(try Renderer.json(result), terminator: "")
                return
            }
            func ms(_ value: Double) -> String { String(format: "%.1f ms", value) }
            var rows: [[String]] = [
                ["backend", result.backend],
                ["rows", String(result.rows)],
                ["runs (median of)", String(result.runs)],
                ["import", String(format: "%.2f s, %.0f rows/s", result.importSeconds, result.importRowsPerSecond)],
                ["reports", "\(result.reports): p50 \(ms(result.reportP50Milliseconds)), p95 \(ms(result.reportP95Milliseconds)), total \(ms(result.reportsTotalMilliseconds))"],
                ["statements per report", String(result.statementsPerReport)],
                ["budget reports", "\(result.reports): p50 \(ms(result.budgetReportP50Milliseconds)), total \(ms(result.budgetReportsTotalMilliseconds))"],
                ["budget reports, all rolling over", "\(result.reports): total \(ms(result.rolloverBudgetReportsTotalMilliseconds))"],
                ["statements per budget report", String(result.statementsPerBudgetReport)],
                ["proof read (process)", result.proofReadMilliseconds.map(ms) ?? "not measured"],
                ["peak memory (bench process)", String(format: "%.1f MiB", result.peakResidentMiB)],
                ["peak memory (import process)", result.importProcessPeakResidentMiB.map { String(format: "%.1f MiB", $0) } ?? "not measured"],
            ]
            if let sqlite3 = result.sqlite3ImportSeconds, let ratio = result.importRatioToSQLite3 {
                rows.append(["sqlite3 import", String(format: "%.2f s (persist/sqlite3 = %.2f)", sqlite3, ratio)])
            }
            print(Renderer.table(headers: ["measure", "value"], rows: rows, numeric: []), terminator: "")
        }
    }
}
