import ArgumentParser
import BudgetTracker
import PersistKit

extension Persist {
    /// `persist migrate`: apply, list or revert the schema's migrations.
    struct MigrateCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "migrate",
            abstract: "Apply pending migrations (or list them, or revert the last batch).",
            discussion: """
                Idempotent: running it again when nothing is pending changes nothing. Uses \
                DIRECT_URL when it is set (migrations belong on the direct host, not on a \
                transaction-mode pooler such as Neon's), otherwise the usual database.

                Examples:
                  persist migrate
                  persist migrate --status
                  persist migrate --status --format json
                  persist migrate --revert
                """
        )
        @OptionGroup var database: DatabaseOptions
        @Flag(help: "List applied and pending migrations; change nothing.") var status = false
        @Flag(help: "Undo the most recent batch of migrations (refused when that would delete rows, unless --force).") var revert = false
        @Flag(help: "With --revert: revert even when tables or columns that hold data are dropped.") var force = false
        @Option(help: "With --status: table, json or csv (default: table).") var format: OutputFormat?

        func validate() throws {
            if status && revert { throw ValidationError("--status and --revert cannot be used together") }
            if force && !revert { throw ValidationError("--force only goes with --revert") }
            if format != nil && !status { throw ValidationError("--format only goes with --status") }
        }

        func run() async throws {
            let migrator = BudgetMigrations.migrator
            if status {
                let status = try await database.withDatabase(mode: .readOnly, for: .migrations) { try await migrator.status(on: $0) }
                let rows = status.applied.map { [$0.name, "applied", String($0.batch)] } + status.pending.map { [$0, "pending", ""] }
                switch format ?? .table {
                case .json: print(try Renderer.json(status), terminator: "")
                case .csv: print(Renderer.csv(headers: ["migration", "state", "batch"], rows: rows), terminator: "")
                case .table:
                    print(Renderer.table(headers: ["migration", "state", "batch"], rows: rows, numeric: [2]), terminator: "")
                    print("\(status.applied.count) applied, \(status.pending.count) pending")
                }
            } else if revert {
                try DatabaseHandle.requireExisting(try database.resolve(for: .migrations).url)
                let names = try await database.withDatabase(for: .migrations) { try await migrator.revertLastBatch(on: $0, force: force) }
                print(names.isEmpty ? "Nothing to revert" : "Reverted \(names.count): \(names.joined(separator: ", "))")
            } else {
                let names = try await database.withDatabase(for: .migrations) { try await migrator.migrate(on: $0) }
                print(names.isEmpty ? "Schema is up to date" : "Applied \(names.count): \(names.joined(separator: ", "))")
            }
        }
    }
}
