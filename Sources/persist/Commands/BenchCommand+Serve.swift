import ArgumentParser
import Foundation
import PersistKit

extension Persist.BenchCommand {
    /// `persist bench serve`: `persist serve` under wrk, beside the chapter's FastAPI peer.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Benchmark persist serve with wrk: the monthly report and adding expenses, start-up and memory.",
            discussion: """
                Imports a ledger (--ledger FILE, or a generated one of --rows rows) into a fresh \
                database (SQLite in a temporary folder, or a scratch database on the PostgreSQL of \
                DATABASE_URL), starts `persist serve` on it, and measures with wrk over loopback: \
                start-up to ready, GET /api/reports/monthly for user3@example.com, 2024-07, and POST \
                /api/expenses, each at --connections for --seconds, and the server's peak memory at \
                200 connections. With --peer URL it measures that service's report \
                (GET /users/user3@example.com/reports/2024-07) the same way, in the same run.

                Example:
                  swift run -c release persist bench serve --rows 100000 --connections 32

                The peer is the chapter's own stack, FastAPI + SQLAlchemy (../shared/peers in this \
                project's workspace; pool_size=5, max_overflow=10, pool_pre_ping=True, two uvicorn \
                workers), on the same ledger with an index on (user, date):
                  python3 -m venv .venv-peer && .venv-peer/bin/pip install sqlalchemy fastapi uvicorn
                  .venv-peer/bin/python peers/gen_ledger.py 100000 l.csv 4242
                  .venv-peer/bin/python peers/peer_budget.py sqlite:///b.db l.csv import
                  sqlite3 b.db "CREATE INDEX ix_user_date ON expenses(user_id, date)"
                  PEER_DB_URL=sqlite:///b.db .venv-peer/bin/uvicorn --app-dir peers fastapi_peer:app \\
                    --port 58080 --workers 2 --log-level warning &
                  swift run -c release persist bench serve --ledger l.csv --peer http://127.0.0.1:58080

                Build with -c release for figures worth comparing.
                """
        )
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Rows in the generated ledger (without --ledger).") var rows: Int = 100_000
        @Option(help: ArgumentHelp("Import this ledger CSV instead of generating one.", valueName: "file")) var ledger: String?
        @Option(help: "Concurrent connections for the timed runs.") var connections: Int = 32
        @Option(help: "Seconds each timed run lasts.") var seconds: Int = 10
        @Option(help: ArgumentHelp("A peer service to measure the same way (its base URL).", valueName: "url")) var peer: String?
        @Option(help: "Output format: table or json.") var format: DocumentFormat = .table

        func validate() throws {
            guard rows >= 1, rows <= 10_000_000 else { throw ValidationError("--rows must be from 1 to 10000000") }
            guard (1...1_000).contains(connections) else { throw ValidationError("--connections must be from 1 to 1000") }
            guard (1...600).contains(seconds) else { throw ValidationError("--seconds must be from 1 to 600") }
        }

        func run() async throws {
            let resolved = try database.resolve()
            let server = resolved.source == .embeddedDefault || resolved.url.backend == .sqlite ? nil : resolved.url
            let file = try ledger.map { path -> URL in
                let url = URL(fileURLWithPath: path)
                guard FileManager.default.isReadableFile(atPath: url.path) else { throw CommandFailure("cannot read the ledger \(path)") }
                return url
            }
            #if DEBUG
            FileHandle.standardError.write(Data("note: a debug build; use `swift run -c release persist bench serve` for real figures\n".utf8))
            #endif
            let progress = ProgressLine(label: "bench serve:")
            let result = try await ServiceBenchmark.run(
                rows: rows, ledger: file, connections: connections, seconds: seconds, peer: peer, server: server,
                executable: Persist.Proof.Run.currentExecutable(), progress: { progress.note($0) }
            )
            progress.finish()
            if format == .json {
                print(try Renderer.json(result), terminator: "")
                return
            }
            func load(_ load: ServiceBenchmark.Load) -> String {
                String(format: "%.0f requests/s, p50 %.1f ms, p99 %.1f ms", load.requestsPerSecond, load.p50Milliseconds, load.p99Milliseconds)
                    + (load.errors > 0 ? ", \(load.errors) errors" : "")
            }
            var rows: [[String]] = [
                ["backend", result.backend],
                ["rows", String(result.rows)],
                ["connections, seconds", "\(result.connections), \(result.seconds)"],
                ["start-up to ready", String(format: "%.0f ms", result.startupMilliseconds)],
                ["monthly report", load(result.report)],
                ["add expense", load(result.writes)],
                ["month page, 1 connection", load(result.monthPage.server)],
                ["month page weight", String(format: "%.1f KB", Double(result.monthPage.weightBytes) / 1000)],
                ["month page load in Chromium (median)", result.monthPage.browserLoadMilliseconds.map { String(format: "%.1f ms", $0) } ?? "not measured: \(result.monthPage.browserProblem ?? "")"],
                ["peak memory (200 connections)", String(format: "%.1f MiB", result.peakMemoryMiB)],
            ]
            if let peer = result.peer, let ratio = result.peerRatio {
                rows.append(["peer's monthly report", load(peer)])
                rows.append(["persist / peer", String(format: "%.1f×", ratio)])
            }
            print(Renderer.table(headers: ["measure", "value"], rows: rows, numeric: []), terminator: "")
        }
    }
}
