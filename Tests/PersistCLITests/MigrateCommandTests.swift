import BudgetTracker
import Foundation
import PersistKit
import PersistTooling
import PersistTestSupport
import SQLKit
import Testing

@Suite("persist migrate: plans, checks, newer and changed databases")
struct MigrateCommandTests {
    static let backends = TestBackend.available.filter { $0 != .pgbouncer }

    /// Runs `statements` directly on the scratch database, behind persist's back.
    static func execute(_ statements: [String], on scratch: ScratchDatabase) async throws {
        try await DatabaseHandle.withOpen(try scratch.url) { handle in
            for statement in statements { try await handle.unprotectedSQL.raw(SQLQueryString(statement)).run() }
        }
    }

    static func snapshot(of scratch: ScratchDatabase) async throws -> SchemaSnapshot {
        try await DatabaseHandle.withOpen(try scratch.url) { try await SchemaSnapshot.read(on: $0.unprotectedSQL) }
    }

    @Test("the --sql script, run by sqlite3 or psql, makes exactly the schema migrate makes", arguments: backends)
    func scriptMatchesMigrate(backend: TestBackend) async throws {
        try await ScratchDatabase.with(backend) { scripted in
            let name: DatabaseURL.Backend = backend == .sqlite ? .sqlite : .postgresql
            // Offline: no database is opened, none is created.
            let plan = try await PersistBinary.run(["migrate", "--sql", "--backend", name.rawValue], in: scripted.folder)
            #expect(plan.status == 0, "\(plan.errorOutput)")
            #expect(!FileManager.default.fileExists(atPath: scripted.folder.appendingPathComponent("persist.db").path))
            let file = scripted.folder.appendingPathComponent("plan.sql")
            try plan.output.write(to: file, atomically: true, encoding: .utf8)
            let applied: ChildProcess
            if backend == .sqlite {
                applied = try await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), ["sqlite3", "-bail", "persist.db", ".read plan.sql"], environment: [:], directory: scripted.folder)
            } else {
                let psql = URL(fileURLWithPath: try TestBackend.url(from: "PERSIST_TEST_PG_CTL")).deletingLastPathComponent().appendingPathComponent("psql")
                applied = try await ChildProcess.run(psql, [ScratchDatabase.libpqURL(scripted.urlText), "-q", "-v", "ON_ERROR_STOP=1", "-f", file.path], environment: [:], directory: scripted.folder)
            }
            #expect(applied.status == 0, "\(applied.errorOutput)")

            let environment = ["DATABASE_URL": scripted.urlText]
            let check = try await PersistBinary.run(["migrate", "--check"], in: scripted.folder, environment: environment)
            #expect(check.status == 0 && check.output == "The schema agrees with the migrations (16 applied)\n", "\(check.output)\(check.errorOutput)")
            #expect(try await PersistBinary.run(["migrate"], in: scripted.folder, environment: environment).output == "Schema is up to date\n")

            try await ScratchDatabase.with(backend) { migrated in
                let run = try await PersistBinary.run(["migrate"], in: migrated.folder, environment: ["DATABASE_URL": migrated.urlText])
                #expect(run.status == 0)
                #expect(try await Self.snapshot(of: scripted) == (try await Self.snapshot(of: migrated)))
                let status = { (scratch: ScratchDatabase) in
                    try await PersistBinary.run(["migrate", "--status", "--format", "csv"], in: scratch.folder, environment: ["DATABASE_URL": scratch.urlText]).output
                }
                #expect(try await status(scripted) == (try await status(migrated)))
            }
        }
    }

    @Test("drift made by hand: migrate --check lists it and exits 1; the gate's schema step blocks", arguments: backends)
    func driftByHand(backend: TestBackend) async throws {
        try await CLIDatabase.with(backend) { database in
            try await Self.execute(["ALTER TABLE expenses ADD COLUMN note VARCHAR(20)", "DROP INDEX expenses_category"], on: database.scratch)
            let check = try await database.run(["migrate", "--check"])
            #expect(check.status == 1)
            #expect(check.output.contains("column expenses.note: in the database"))
            #expect(check.output.contains("index expenses_category: made by the migrations"))
            #expect(check.errorLines == ["persist: error: the schema does not agree with the migrations: 2 differences between the schema and the migrations"])
            let json = try await database.run(["migrate", "--check", "--format", "json"])
            #expect(json.status == 1 && json.output.contains("\"agrees\" : false"))
            let gate = try await database.run(["gate"])
            #expect(gate.status == 3, "\(gate.output)\(gate.errorOutput)")
            #expect(gate.output.contains("column expenses.note"), "\(gate.output)")
        }
    }

    @Test("a database a newer persist migrated: reports still run, changes are refused naming the version", arguments: backends)
    func newerDatabase(backend: TestBackend) async throws {
        try await CLIDatabase.with(backend, seeded: true) { database in
            try await Self.execute([
                "INSERT INTO persist_migrations (name, batch, applied_at, checksum, applied_by) VALUES ('M0042_FromTheFuture', 2, '2030-01-01T00:00:00Z', NULL, 'persist 9.9.9')",
            ], on: database.scratch)
            let before = try await database.snapshot()
            #expect(try await database.run(["report", "monthly", "--user", "alice@example.com", "--month", "2024-01"]).status == 0)
            #expect(try await database.run(["expense", "list", "--user", "alice@example.com"]).status == 0)
            for arguments in [["user", "add", "--email", "new@example.com", "--name", "New"], ["migrate"], ["migrate", "--revert"], ["migrate", "--dry-run"]] {
                let refused = try await database.run(arguments)
                #expect(refused.status == 1, "\(arguments)")
                #expect(refused.errorLines.count == 1 && refused.errorOutput.contains("persist 9.9.9 or later"), "\(arguments): \(refused.errorOutput)")
            }
            #expect(try await database.snapshot() == before)
            let status = try await database.run(["migrate", "--status"])
            #expect(status.output.contains("M0042_FromTheFuture        unknown      2  persist 9.9.9"), "\(status.output)")
        }
    }

    @Test("an applied migration that changed: every command refuses and names it; --repair needs a confirmation", arguments: backends)
    func changedMigration(backend: TestBackend) async throws {
        try await CLIDatabase.with(backend) { database in
            try await Self.execute(["UPDATE persist_migrations SET checksum = 'edited' WHERE name = 'M0005_LinkTransfers'"], on: database.scratch)
            let refused = try await database.run(["user", "list"])
            #expect(refused.status == 1)
            #expect(refused.errorLines.count == 1 && refused.errorOutput.contains("`persist migrate --repair M0005_LinkTransfers --yes`"), "\(refused.errorOutput)")
            #expect(!refused.errorOutput.contains("reset"))
            #expect(try await database.run(["migrate", "--check"]).output.contains("changed since applied: M0005_LinkTransfers"))
            let unconfirmed = try await database.run(["migrate", "--repair", "M0005_LinkTransfers"])
            #expect(unconfirmed.status == 2 && unconfirmed.errorOutput.contains("--yes"))
            #expect(try await database.run(["user", "list"]).status == 1)
            let unknown = try await database.run(["migrate", "--repair", "M0404_Nothing", "--yes"])
            #expect(unknown.status == 1 && unknown.errorOutput.contains("M0404_Nothing"))
            let repaired = try await database.run(["migrate", "--repair", "M0005_LinkTransfers", "--yes"])
            #expect(repaired.status == 0 && repaired.output.hasPrefix("Recorded the new checksum of M0005_LinkTransfers"), "\(repaired.errorOutput)")
            #expect(try await database.run(["user", "list"]).status == 0)
        }
    }

    @Test("revert-to with and without data; dry run and plan change nothing", arguments: backends)
    func revertTo(backend: TestBackend) async throws {
        try await CLIDatabase.with(backend, seeded: true) { database in
            let before = try await database.snapshot()
            let dry = try await database.run(["migrate", "--dry-run"])
            #expect(dry.status == 0 && dry.output.contains("nothing to apply"), "\(dry.output)\(dry.errorOutput)")
            let guarded = try await database.run(["migrate", "--revert-to", "M0002_CreateCategories"])
            #expect(guarded.status == 1 && guarded.errorOutput.contains("expenses:"), "\(guarded.errorOutput)")
            #expect(try await database.snapshot() == before)
            let reverted = try await database.run(["migrate", "--revert-to", "M0004_AddExpenseIndexes"])
            #expect(reverted.output == "Reverted 12: M0016_CreateRecurring, M0015_CreateBudgetAlerts, M0014_CreateBudgets, M0013_CreateSubmissions, M0012_CoverMonthlyTotals, M0011_CreateAccounts, M0010_OwnCategories, M0009_JournalGateExpenses, M0008_AddExpenseDateIndex, M0007_CreateGateScratch, M0006_CreateImports, M0005_LinkTransfers\n", "\(reverted.errorOutput)")
            let rehearsal = try await database.run(["migrate", "--dry-run"])
            #expect(rehearsal.status == 0 && rehearsal.output.contains("12 migrations applied and rolled back"), "\(rehearsal.output)\(rehearsal.errorOutput)")
            let plan = try await database.run(["migrate", "--sql"])
            #expect(plan.output.contains("-- M0005_LinkTransfers\n") && !plan.output.contains("-- M0004_AddExpenseIndexes"))
            #expect(try await database.run(["migrate", "--check"]).output.contains("12 migrations pending"))
            #expect(try await database.run(["migrate"]).output.hasPrefix("Applied 12:"))
            #expect(try await database.run(["migrate", "--check"]).status == 0)
            let missing = try await database.run(["migrate", "--revert-to", "M0404_Nothing"])
            #expect(missing.status == 1 && missing.errorLines.count == 1)
        }
    }

    @Test("the transfer link (M0005) goes through the workflow: lint-clean on a table with rows, guarded revert, reapplied, checked", arguments: backends)
    func transferLinkMigration(backend: TestBackend) async throws {
        try await CLIDatabase.with(backend, seeded: true) { database in
            let transfer = try await database.run(["transfer", "--user", "alice@example.com", "--from", "Food", "--to", "Entertainment", "--amount", "5", "--date", "2024-01-20"])
            #expect(transfer.status == 0, "\(transfer.errorOutput)")
            let before = try await database.snapshot()
            let guarded = try await database.run(["migrate", "--revert-to", "M0004_AddExpenseIndexes"])
            #expect(guarded.status == 1 && guarded.errorOutput.contains("expenses.transfer_id: 2 rows"), "\(guarded.errorOutput)")
            #expect(try await database.snapshot() == before)
            // Without the transfer, the link column holds nothing: the revert goes through.
            let legs = try await database.run(["expense", "list", "--format", "csv"]).output.split(separator: "\n").filter { $0.contains("Transfer") }
            #expect(legs.count == 2)
            let id = String(legs[0].split(separator: ",")[0])
            #expect(try await database.run(["expense", "delete", id]).status == 0)
            #expect(try await database.run(["migrate", "--revert-to", "M0004_AddExpenseIndexes"]).status == 0)
            // Adding the nullable link column to a table with rows breaks no lint rule.
            let applied = try await database.run(["migrate", "--strict"])
            #expect(applied.status == 0 && applied.output.hasPrefix("Applied 12: M0005_LinkTransfers"), "\(applied.output)\(applied.errorOutput)")
            #expect(!applied.errorOutput.contains("warning"))
            #expect(try await database.run(["migrate", "--check"]).status == 0)
        }
    }
}

extension MigrateCommandTests {
    @Test("dry run on SQLite: the copy is private to the user and gone afterwards; an unusable TMPDIR is one line")
    func dryRunCopy() async throws {
        try await CLIDatabase.with(.sqlite, seeded: true) { database in
            _ = try await database.run(["migrate", "--revert-to", "M0007_CreateGateScratch"])
            let temporary = database.scratch.folder.appendingPathComponent("tmp")
            try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
            let dry = try await database.run(["migrate", "--dry-run"], environment: ["TMPDIR": temporary.path])
            #expect(dry.status == 0 && dry.output.hasPrefix("Dry run: 9 migrations applied and rolled back"), "\(dry.output)\(dry.errorOutput)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).isEmpty)
            let refused = try await database.run(["migrate", "--dry-run"], environment: ["TMPDIR": "/proc"])
            #expect(refused.status == 1 && refused.errorLines.count == 1, "\(refused.errorOutput)")
            #expect(refused.errorOutput.contains("cannot make a temporary folder in /proc"), "\(refused.errorOutput)")
            let unreadable = try await database.run(["migrate", "--status"])
            #expect(unreadable.output.contains("9 pending"))
        }
    }

    @Test("a hand-edited bookkeeping row: every command says so in one line, no crash")
    func editedBookkeeping() async throws {
        try await CLIDatabase.with(.sqlite) { database in
            try await Self.execute(["UPDATE persist_migrations SET batch = 'two' WHERE name = 'M0009_JournalGateExpenses'"], on: database.scratch)
            for arguments in [["user", "list"], ["migrate"], ["migrate", "--check"], ["migrate", "--sql"]] {
                let refused = try await database.run(arguments)
                #expect(refused.status == 1 && refused.errorLines.count == 1, "\(arguments): \(refused.errorOutput)")
                #expect(refused.errorOutput.contains("persist_migrations has a row this program cannot read"), "\(arguments): \(refused.errorOutput)")
            }
        }
    }
}

extension MigrateCommandTests {
    @Test("a --sql script that fails half way (a table already there) commits and records nothing", arguments: backends)
    func scriptStopsAtTheFirstError(backend: TestBackend) async throws {
        try await ScratchDatabase.with(backend) { scratch in
            try await Self.execute(["CREATE TABLE imports (id INTEGER PRIMARY KEY, note TEXT)"], on: scratch)
            let name = backend == .sqlite ? "sqlite" : "postgresql"
            let plan = try await PersistBinary.run(["migrate", "--sql", "--backend", name], in: scratch.folder)
            let file = scratch.folder.appendingPathComponent("plan.sql")
            try plan.output.write(to: file, atomically: true, encoding: .utf8)
            // As a user would run them: no -bail for sqlite3 (the script asks for it), no ON_ERROR_STOP for psql.
            let applied: ChildProcess
            if backend == .sqlite {
                applied = try await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), ["sqlite3", "persist.db", ".read plan.sql"], environment: [:], directory: scratch.folder)
            } else {
                let psql = URL(fileURLWithPath: try TestBackend.url(from: "PERSIST_TEST_PG_CTL")).deletingLastPathComponent().appendingPathComponent("psql")
                applied = try await ChildProcess.run(psql, [ScratchDatabase.libpqURL(scratch.urlText), "-q", "-f", file.path], environment: [:], directory: scratch.folder)
            }
            #expect(applied.errorOutput.contains("already exists"), "\(applied.errorOutput)")
            let tables = try await Self.snapshot(of: scratch).objects.keys.filter { $0.hasPrefix("table ") }
            #expect(tables == ["table imports"], "\(tables)")
        }
    }

    @Test("batches edited out of order, or text from the database with terminal escapes: refused or shown escaped, in one line")
    func hostileBookkeeping() async throws {
        try await CLIDatabase.with(.sqlite) { database in
            try await Self.execute(["UPDATE persist_migrations SET batch = 5 WHERE name = 'M0007_CreateGateScratch'"], on: database.scratch)
            let refused = try await database.run(["migrate", "--revert"])
            #expect(refused.status == 1 && refused.errorLines.count == 1 && refused.errorOutput.contains("edited out of order"), "\(refused.errorOutput)")
            #expect(try await database.run(["user", "list"]).status == 1)
            try await Self.execute([
                "UPDATE persist_migrations SET batch = 1 WHERE name = 'M0007_CreateGateScratch'",
                "INSERT INTO persist_migrations VALUES ('M0010_Fu' || char(10) || 'ture' || char(27) || '[31m', 2, '2030', 'abc', 'persist 9.9.9' || char(27) || '[2J' || printf('%.500c', 'x'))",
            ], on: database.scratch)
            for arguments in [["migrate", "--status"], ["migrate", "--check"], ["doctor"], ["user", "add", "--email", "a@b.co", "--name", "A"], ["gate"]] {
                let run = try await database.run(arguments)
                let all = run.output + run.errorOutput
                #expect(!all.contains("\u{1b}"), "\(arguments): raw escape")
                #expect(!all.contains("Fu\nture"), "\(arguments): raw line break")
                #expect(run.errorLines.count <= 1, "\(arguments): \(run.errorOutput)")
            }
        }
    }

    @Test("indexes built beforehand with CREATE INDEX CONCURRENTLY: migrate records them, check agrees")
    func indexesBuiltBeforehand() async throws {
        guard TestBackend.available.contains(.postgresql) else { return }
        try await CLIDatabase.with(.postgresql, seeded: true) { database in
            #expect(try await database.run(["migrate", "--revert-to", "M0003_CreateExpenses", "--force"]).status == 0)
            for statement in [
                "CREATE INDEX CONCURRENTLY expenses_user_date ON expenses (user_id, spent_on)",
                "CREATE INDEX CONCURRENTLY expenses_category ON expenses (category_id)",
                "CREATE INDEX CONCURRENTLY expenses_date_id ON expenses (spent_on, id)",
            ] { try await Self.execute([statement], on: database.scratch) }
            let applied = try await database.run(["migrate", "--strict"])
            #expect(applied.status == 0 && applied.output.hasPrefix("Applied 13:"), "\(applied.output)\(applied.errorOutput)")
            #expect(try await database.run(["migrate", "--check"]).status == 0)
        }
    }

    @Test("a revert that would drop the gate's journal of a dead run's rows is guarded", arguments: backends)
    func gateJournalGuarded(backend: TestBackend) async throws {
        try await CLIDatabase.with(backend) { database in
            try await Self.execute([
                "INSERT INTO users (email, name, created_at) VALUES ('dead@persist-gate.invalid', 'gate', '2024-01-01 00:00:00')",
                "INSERT INTO gate_scratch (run, created_at, user_id, row_key) VALUES ('dead', '2024-01-01T00:00:00Z', (SELECT id FROM users), 'dead@persist-gate.invalid')",
            ], on: database.scratch)
            let refused = try await database.run(["migrate", "--revert-to", "M0006_CreateImports"])
            #expect(refused.status == 1 && refused.errorOutput.contains("gate_scratch: 1 row"), "\(refused.errorOutput)")
        }
    }
}

extension MigrateCommandTests {
    @Test("a bookkeeping table from an older persist: --sql adds its two columns first; run by sqlite3, check agrees")
    func olderBookkeepingPlan() async throws {
        try await CLIDatabase.with(.sqlite) { database in
            #expect(try await database.run(["migrate", "--revert"]).status == 0)
            try await Self.execute(["ALTER TABLE persist_migrations DROP COLUMN checksum", "ALTER TABLE persist_migrations DROP COLUMN applied_by"], on: database.scratch)
            let plan = try await database.run(["migrate", "--sql"])
            #expect(plan.output.contains("ALTER TABLE \"persist_migrations\" ADD \"checksum\" VARCHAR(64);\nALTER TABLE \"persist_migrations\" ADD \"applied_by\" VARCHAR(100);\n"), "\(plan.output)")
            try plan.output.write(to: database.file("plan.sql"), atomically: true, encoding: .utf8)
            let applied = try await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), ["sqlite3", "persist.db", ".read plan.sql"], environment: [:], directory: database.scratch.folder)
            #expect(applied.status == 0, "\(applied.errorOutput)")
            #expect(try await database.run(["migrate", "--check"]).output == "The schema agrees with the migrations (16 applied)\n")
        }
    }
}

extension Reliability {
    @Suite("Migrating processes at once")
    struct ConcurrentMigrateCommandTests {
        @Test("ten persist migrate processes at once, three rounds: one applies, nine wait and find nothing; no error",
              arguments: TestBackend.available.filter { $0 != .pgbouncer })
        func tenProcesses(backend: TestBackend) async throws {
            try await ScratchDatabase.with(backend) { scratch in
                let environment = ["DATABASE_URL": scratch.urlText]
                let rounds: [(prepare: [String]?, applied: Int)] = [(nil, 16), (["migrate", "--revert-to", "M0004_AddExpenseIndexes"], 12), (["migrate", "--revert"], 12)]
                for (round, (prepare, expected)) in rounds.enumerated() {
                    if let prepare { #expect(try await PersistBinary.run(prepare, in: scratch.folder, environment: environment).status == 0) }
                    let start = ContinuousClock.now
                    let runs = try await withThrowingTaskGroup(of: ChildProcess.self) { group in
                        for _ in 0..<10 { group.addTask { try await PersistBinary.run(["migrate"], in: scratch.folder, environment: environment) } }
                        return try await group.reduce(into: [ChildProcess]()) { $0.append($1) }
                    }
                    print("ten migrators, \(backend), round \(round + 1): \(ContinuousClock.now - start)")
                    #expect(runs.allSatisfy { $0.status == 0 }, "\(runs.map(\.errorOutput))")
                    #expect(runs.filter { $0.output.hasPrefix("Applied \(expected):") }.count == 1, "\(runs.map(\.output))")
                    #expect(runs.filter { $0.output == "Schema is up to date\n" }.count == 9)
                    let check = try await PersistBinary.run(["migrate", "--check"], in: scratch.folder, environment: environment)
                    #expect(check.status == 0, "\(check.output)")
                }
            }
        }
    }
}
