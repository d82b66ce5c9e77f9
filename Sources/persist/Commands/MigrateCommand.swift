import ArgumentParser
import BudgetTracker
import Foundation
import PersistKit

extension Persist {
    /// `persist migrate`: apply, plan, rehearse, check, list, revert or repair the schema's migrations.
    struct MigrateCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "migrate",
            abstract: "Apply pending migrations (or plan, rehearse, check, list or revert them).",
            discussion: """
                Idempotent: running it again when nothing is pending changes nothing. One migrator \
                runs at a time; others wait, then find nothing to do. Uses DIRECT_URL when it is \
                set (migrations belong on the direct host, not on a transaction-mode pooler such \
                as Neon's), otherwise the usual database. On PostgreSQL, pending migrations are \
                linted (NOT NULL without a default, an index without CONCURRENTLY on a large \
                table, a drop or rename the running release still reads, no lock_timeout): \
                warnings, or errors with --strict.

                Examples:
                  persist migrate --sql --backend postgresql > schema.sql
                  persist migrate --dry-run
                  persist migrate
                  persist migrate --check
                  persist migrate --status --format json
                  persist migrate --revert-to M0004_AddExpenseIndexes
                  persist migrate --repair M0005_LinkTransfers --yes
                """
        )
        @OptionGroup var database: DatabaseOptions
        @Flag(help: "List applied and pending migrations; change nothing.") var status = false
        @Flag(help: "Print the statements migrate would run (a script for psql or sqlite3); change nothing.") var sql = false
        @Option(help: "With --sql: write for this backend (sqlite or postgresql) from an empty database, without opening one.")
        var backend: DatabaseURL.Backend?
        @Flag(name: .customLong("dry-run"), help: "Apply the pending migrations, time them and undo them (a copy on SQLite); change nothing.")
        var dryRun = false
        @Flag(help: "Compare the live schema with what the migrations make; exit 1 on drift.") var check = false
        @Flag(help: "Undo the most recent batch of migrations.") var revert = false
        @Option(name: .customLong("revert-to"), help: ArgumentHelp("Undo every migration applied after NAME.", valueName: "NAME"))
        var revertTo: String?
        @Option(help: ArgumentHelp("Record this program's checksum for an applied migration edited on purpose.", valueName: "NAME"))
        var repair: String?
        @Flag(help: "With --revert or --revert-to: revert even when tables or columns that hold data are dropped.") var force = false
        @Flag(help: "Refuse (apply nothing) when a pending migration breaks a lint rule.") var strict = false
        @Flag(help: "With --repair: confirm that the edited migration makes the same schema as the one applied.") var yes = false
        @Option(help: "With --status: table, json or csv; with --check: table or json (default: table).") var format: OutputFormat?

        func validate() throws {
            let actions = [status, sql, dryRun, check, revert, revertTo != nil, repair != nil].filter { $0 }.count
            if actions > 1 { throw ValidationError("choose one of --status, --sql, --dry-run, --check, --revert, --revert-to and --repair") }
            if backend != nil && !sql { throw ValidationError("--backend only goes with --sql") }
            if force && !(revert || revertTo != nil) { throw ValidationError("--force only goes with --revert or --revert-to") }
            if yes && repair == nil { throw ValidationError("--yes only goes with --repair") }
            if strict && (status || check || revert || revertTo != nil || repair != nil) {
                throw ValidationError("--strict only goes with migrate, --sql and --dry-run")
            }
            if format != nil && !(status || check) { throw ValidationError("--format only goes with --status or --check") }
            if format == .csv && check { throw ValidationError("--check writes table or json") }
        }

        func run() async throws {
            var migrator = BudgetMigrations.migrator
            migrator.onLockWait = {
                FileHandle.standardError.write(Data("persist: another migration is running; waiting for it to finish…\n".utf8))
            }
            if status {
                try await showStatus(migrator)
            } else if sql {
                try await printPlan(migrator)
            } else if dryRun {
                try DatabaseHandle.requireExisting(try database.resolve(for: .migrations).url)
                // Ctrl-C unwinds the rehearsal, so the SQLite copy is removed on the way out.
                let timings = try await CancelOnSignal.run(doing: "dry run") { [database, strict, migrator] _ in
                    try await database.withDatabase(for: .migrations) { try await Self.warnAndRehearse(migrator, strict: strict, on: $0) }
                }
                print(timings.isEmpty ? "Dry run: nothing to apply" : "Dry run: \(timings.count.counted("migration")) applied and rolled back")
                let width = timings.map(\.name.count).max() ?? 0
                for timing in timings {
                    print("  \(timing.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(String(format: "%8.1f", timing.milliseconds)) ms")
                }
                print("Nothing was changed.")
            } else if check {
                try DatabaseHandle.requireExisting(try database.resolve(for: .migrations).url)
                let result = try await database.withDatabase(mode: .readOnly, for: .migrations) { try await migrator.check(on: $0) }
                try report(result)
            } else if revert || revertTo != nil {
                try DatabaseHandle.requireExisting(try database.resolve(for: .migrations).url)
                let names = try await database.withDatabase(for: .migrations) { [revertTo, force] handle in
                    if let revertTo { return try await migrator.revert(to: revertTo, on: handle, force: force) }
                    return try await migrator.revertLastBatch(on: handle, force: force)
                }
                print(names.isEmpty ? "Nothing to revert" : "Reverted \(names.count): \(names.joined(separator: ", "))")
            } else if let repair {
                try DatabaseHandle.requireExisting(try database.resolve(for: .migrations).url)
                try confirmRepair(repair)
                let (before, after) = try await database.withDatabase(for: .migrations) { try await migrator.repair(repair, on: $0) }
                if before == after {
                    print("The checksum of \(repair) already matches this persist's; nothing was recorded")
                } else {
                    let was = before.map { $0.isEmpty ? "empty" : Renderer.oneLine(String($0.prefix(12))) } ?? "none"
                    print("Recorded the new checksum of \(repair): \(after.prefix(12)) (was \(was))")
                }
            } else {
                let names = try await database.withDatabase(for: .migrations) { handle in
                    if handle.url.backend == .postgresql { try warn(try await migrator.lint(on: handle)) }
                    return try await migrator.migrate(on: handle, strict: strict)
                }
                print(names.isEmpty ? "Schema is up to date" : "Applied \(names.count): \(names.joined(separator: ", "))")
            }
        }
    }
}
