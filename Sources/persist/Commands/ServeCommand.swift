import ArgumentParser
import BudgetServer
import BudgetTracker
import Foundation
import Logging
import PersistKit

extension Persist {
    /// `persist serve`: the budget tracker as a multi-user HTTP service.
    struct ServeCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Serve the budget tracker over HTTP: each signed-in user sees only their own data.",
            discussion: """
                Web pages at / (open http://127.0.0.1:8080 in a browser: sign up, the month's chart, \
                trend, expenses, categories, import, verify, export) and a JSON API under /api (sign \
                up, sign in, categories, expenses, imports, exports, reports, transfers, \
                verification), with /healthz and /readyz. The database is chosen \
                as for every command; on SQLite the schema is brought up to date at start, on \
                PostgreSQL it must be (`persist migrate`). Stops on SIGTERM or Ctrl-C after the \
                requests in flight finish. One line per request goes to stderr.

                Examples:
                  persist serve
                  persist serve --host 0.0.0.0 --port 9000
                  curl -s -X POST localhost:8080/api/signup -H 'Content-Type: application/json' \\
                    -d '{"email":"ann@example.com","name":"Ann","password":"correct horse battery"}'
                """
        )

        @OptionGroup var database: DatabaseOptions
        @Option(help: "The address to listen on (0.0.0.0 for every interface).") var host = "127.0.0.1"
        @Option(help: "The port to listen on (0 picks a free one).") var port = 8080

        func validate() throws {
            guard (0...65_535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
        }

        func run() async throws {
            _ = BudgetServer.runTasksOnEventLoops()
            var logger = Logger(label: "persist.serve")
            // One line per request at least; PERSIST_LOG_LEVEL=debug or trace shows more (the driver's).
            let requested = ProcessInfo.processInfo.environment["PERSIST_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) }
            logger.logLevel = min(.info, requested ?? .info)
            let resolved = try database.resolve()
            var limits = try database.limits()
            // A server's pool is shared by every request; the URL's pool_size still wins.
            if ProcessInfo.processInfo.environment["PERSIST_POOL_SIZE"] == nil { limits.poolSize = 10 }
            let handle = try await DatabaseHandle.open(resolved.url, limits: limits, placement: .shared, logger: logger)
            do {
                try await BudgetMigrations.migrator.ensureCurrent(on: handle)
                var settings = BudgetServer.Settings()
                settings.host = host
                settings.port = port
                let url = resolved.url.redacted
                try await BudgetServer.run(on: handle, settings: settings, logger: logger) { address in
                    try? StandardOutput.write("persist serve: listening on \(address) (database \(url), pool of \(handle.limits.poolSize))\n")
                    try? StandardOutput.finish()
                }
            } catch {
                await handle.close()
                throw error
            }
            await handle.close()
            print("persist serve: stopped")
        }
    }
}
