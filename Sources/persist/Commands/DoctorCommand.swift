import ArgumentParser
import BudgetTracker
import Foundation
import PersistKit
import PersistTooling

extension Persist {
    /// `persist doctor`: is the configured database usable, and is it set up safely?
    struct DoctorCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "doctor",
            abstract: "Check the configured database and report how it is reached.",
            discussion: """
                Reports the backend, the URL (redacted) and where it came from, the server version, \
                TLS, authentication, the latency of SELECT 1, the pool settings and migrations, with \
                warnings; on failure, the likely cause and the fix. Exits 0 when the database is usable.

                Example:
                  DATABASE_URL='postgresql://app:…@ep-x-pooler.neon.tech/app?sslmode=require' persist doctor
                """
        )
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Output format: table or json.") var format: DocumentFormat = .table

        func run() async throws {
            var report = await DatabaseDoctor.examine(try database.resolve(), migrator: BudgetMigrations.migrator, limits: try database.limits())
            if await DotEnvGitCheck.isNotIgnored(in: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) {
                report.warnings.append(".env holds credentials but git does not ignore it; add .env to .gitignore")
            }
            if format == .json {
                print(try Renderer.json(report), terminator: "")
            } else {
                print(Self.text(report), terminator: "")
            }
            if !report.usable { throw ExitCode(ExitStatus.failure) }
        }

        static func text(_ report: DoctorReport) -> String {
            var rows: [(String, String)] = [
                ("backend", report.backend), ("database", report.database), ("source", report.source),
            ]
            if let version = report.serverVersion { rows.append(("server", version)) }
            if let pooled = report.pooled { rows.append(("pooler", pooled ? "yes (a pooler such as PgBouncer answers, not the server)" : "no (direct)")) }
            if let tls = report.tls {
                let state: String
                switch tls.encrypted {
                case true?: state = "on" + (tls.protocolVersion.map { " (\($0))" } ?? "")
                case false?: state = "off"
                case nil: state = "not visible behind the pooler"
                }
                rows.append(("TLS", "\(state), sslmode=\(tls.sslMode), certificate verified: \(tls.certificateVerified)"))
            }
            if let authentication = report.authentication { rows.append(("auth", authentication)) }
            if let latency = report.latencyMilliseconds {
                rows.append(("latency", "\(String(format: "%.2f", latency)) ms (median of \(DatabaseDoctor.latencySamples) SELECT 1)"))
            }
            if let pool = report.pool {
                rows.append(("pool", "\(pool.size) connections, \(pool.acquireTimeoutSeconds) s acquire timeout, \(pool.connectTimeoutSeconds) s connect timeout"))
            }
            if let migrations = report.migrations {
                let pending = migrations.pending.isEmpty ? "" : " (\(migrations.pending.joined(separator: ", ")))"
                rows.append(("migrations", "\(migrations.applied) applied, \(migrations.pending.count) pending\(pending)"))
            }
            rows += report.warnings.map { ("warning", $0) }
            rows.append(("status", status(report)))
            if let failure = report.failure {
                rows += [("error", failure.error), ("cause", failure.cause), ("fix", failure.fix)]
            }
            // A fixed label column, as wide as the longest label ("migrations"), so reports line up.
            let width = "migrations".count
            return rows.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }.joined(separator: "\n") + "\n"
        }

        /// "usable", or what stands between the database and the budget commands.
        static func status(_ report: DoctorReport) -> String {
            guard report.usable else { return "NOT usable" }
            // A newer persist's database is for it to repair; this one only reads it.
            if report.migrations?.unknown.isEmpty == false {
                return "readable, but this version refuses changes (a newer persist migrated it)"
            }
            if let changed = report.migrations?.changed.first.map({ PrintableText.oneLine($0, limit: 100) }) {
                return "reachable, but every command refuses it until migration \(changed) is restored or `persist migrate --repair \(changed) --yes` records it"
            }
            guard let pending = report.migrations?.pending, !pending.isEmpty else { return "usable" }
            return report.backend == "sqlite"
                ? "usable (the next command applies the \(pending.count.counted("pending migration")))"
                : "reachable, but the budget commands refuse until you run `persist migrate` (\(pending.count.counted("migration")) pending)"
        }
    }
}
