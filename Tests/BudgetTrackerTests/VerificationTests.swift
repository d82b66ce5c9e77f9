import BudgetTracker
import Foundation
import PersistKit
import PersistTooling
import PersistTestSupport
import SQLKit
import Testing

@Suite("Independent verification and the release gate")
struct VerificationTests {
    /// A generated ledger of 600 rows over three users, Dec 2023 to Feb 2024, with awkward text.
    private func writeLedger(in folder: URL) throws -> URL {
        var generator = SplitMix(seed: 7)
        var csv = "date,user,category,amount,description\n"
        let days = ["2023-12-31", "2024-01-01", "2024-01-15", "2024-01-31", "2024-02-01"]
        for index in 0..<600 {
            let cents = Int(generator.next() % 50_000) + 1
            csv += "\(days[index % days.count]),user\(index % 3)@example.com,Cat \(index % 4),\(cents / 100).\(String(format: "%02d", cents % 100)),\"item \(index), \"\"x\"\"\"\n"
        }
        let file = folder.appendingPathComponent("ledger.csv")
        try csv.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    private let january = try! Month(parsing: "2024-01")

    @Test("an imported ledger verifies; tampering behind persist's back blocks", arguments: TestBackend.available)
    func verification(backend: TestBackend) async throws {
        try await LedgerFixture.with(backend) { ledger in
            let file = try writeLedger(in: try TemporaryFolder.make())
            _ = try await ledger.importExpenses(from: file, createMissing: true)
            let clean = try await ledger.verifyMonthlyReport(user: "user1@example.com", month: january, ledger: file)
            #expect(clean.permitted)
            #expect(clean.comparison.lines.count == 4)

            // One amount changed with raw SQL: blocked, naming the category and the exact delta.
            let sql = ledger.handle.unprotectedSQL
            let row = try await sql.raw("""
                SELECT e.id, c.name FROM expenses e JOIN users u ON u.id = e.user_id JOIN categories c ON c.id = e.category_id
                WHERE u.email = 'user1@example.com' AND e.spent_on = '2024-01-15' ORDER BY e.id LIMIT 1
                """).first()!
            let id = try row.decode(column: "id", as: Int.self)
            let category = try row.decode(column: "name", as: String.self)
            try await sql.raw("UPDATE expenses SET amount_cents = amount_cents + 7 WHERE id = \(bind: id)").run()
            let tampered = try await ledger.verifyMonthlyReport(user: "user1@example.com", month: january, ledger: file)
            #expect(!tampered.permitted)
            #expect(tampered.comparison.mismatches.map(\.key) == [category, TotalsComparison.totalKey])
            #expect(tampered.comparison.mismatches.first?.delta == Decimal(string: "0.07"))
            try await sql.raw("UPDATE expenses SET amount_cents = amount_cents - 7 WHERE id = \(bind: id)").run()

            // A row moved across the month boundary: blocked.
            try await sql.raw("UPDATE expenses SET spent_on = '2024-02-01' WHERE id = \(bind: id)").run()
            #expect(try await !ledger.verifyMonthlyReport(user: "user1@example.com", month: january, ledger: file).permitted)
            try await sql.raw("UPDATE expenses SET spent_on = '2024-01-15' WHERE id = \(bind: id)").run()

            // A ledger row for another user does not concern this report.
            try (String(contentsOf: file, encoding: .utf8) + "2024-01-20,stranger@example.com,Cat 0,999.99,other\n")
                .write(to: file, atomically: true, encoding: .utf8)
            #expect(try await ledger.verifyMonthlyReport(user: "user1@example.com", month: january, ledger: file).permitted)
        }
    }

    @Test("December rolls over into January")
    func decemberWindow() throws {
        let file = try TemporaryFolder.make().appendingPathComponent("december.csv")
        try "date,user,category,amount,description\n2023-12-31,a@x.io,Food,1.00,in\n2024-01-01,a@x.io,Food,2.00,out\n2023-11-30,a@x.io,Food,4.00,out\n"
            .write(to: file, atomically: true, encoding: .utf8)
        #expect(try LedgerFileTotals.totals(in: file, user: "A@x.io", year: 2023, month: 12) == ["Food": 1])
    }

    @Test("unusable ledgers are errors, never silent skips", arguments: [
        "date,user,amount,description\n2024-01-01,a@x.io,1.00,x\n",
        "date,user,category,amount,description\n2024-01-01,a@x.io,Food,1.0.0,x\n",
        "date,user,category,amount,description\n2024-01-01,a@x.io,Food,abc,x\n",
        "date,user,category,amount,description\n2024-02-30,a@x.io,Food,1.00,x\n",
        "date,user,category,amount,description\n01/02/2024,a@x.io,Food,1.00,x\n",
        "date,user,category,amount,description\n2024-01-01,a@x.io,Food\n",
    ])
    func unusableLedgers(text: String) throws {
        let file = try TemporaryFolder.make().appendingPathComponent("bad.csv")
        try text.write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: LedgerFileTotals.Failure.self) { try LedgerFileTotals.totals(in: file, user: "a@x.io", year: 2024, month: 1) }
    }

    @Test func notUTF8IsAnError() throws {
        let file = try TemporaryFolder.make().appendingPathComponent("latin1.csv")
        try (Data("date,user,category,amount,description\n2024-01-01,a@x.io,Caf".utf8) + Data([0xE9]) + Data(",1.00,x\n".utf8)).write(to: file)
        #expect(throws: LedgerFileTotals.Failure.self) { try LedgerFileTotals.totals(in: file, user: "a@x.io", year: 2024, month: 1) }
    }

    @Test("the gate passes a clean database and leaves no scratch rows", arguments: TestBackend.available)
    func gateOnCleanDatabase(backend: TestBackend) async throws {
        try await LedgerFixture.with(backend) { ledger in
            let file = try writeLedger(in: try TemporaryFolder.make())
            _ = try await ledger.importExpenses(from: file, createMissing: true)
            let before = try await DatabaseSnapshot.take(ledger.handle)
            let demo = await BudgetReleaseGate.run(ledger.handle.url)
            #expect(demo.decision == .readyForDemo, "\(demo.gates)")
            #expect(demo.gates.map(\.name) == ["schema", "crud", "rollback", "connection", "queries", "budgets"])
            let release = await BudgetReleaseGate.run(
                ledger.handle.url, ledgerCheck: .init(user: "user2@example.com", month: january, file: file)
            )
            #expect(release.decision == .readyForRelease, "\(release.gates)")
            #expect(try await DatabaseSnapshot.take(ledger.handle) == before)
            if backend != .sqlite {
                #expect(release.gates.first { $0.name == "connection" }?.figures["next query"] == "succeeded on a new connection")
            }
        }
    }

    @Test("an unapplied migration stops the gate at schema", arguments: TestBackend.available)
    func gateStopsAtSchema(backend: TestBackend) async throws {
        try await LedgerFixture.with(backend) { ledger in
            try await BudgetMigrations.migrator.revertLastBatch(on: ledger.handle)
            try await SchemaMigrator(Array(BudgetMigrations.all.dropLast())).migrate(on: ledger.handle)
            let evidence = await BudgetReleaseGate.run(ledger.handle.url)
            #expect(evidence.decision == .blocked(gate: "schema", reason: "1 migration pending (M0016_CreateRecurring); run `persist migrate`"))
            #expect(evidence.gates.count == 1)
        }
    }

    @Test("a dropped constraint stops the gate at schema", .enabled(if: TestBackend.available.contains(.postgresql)))
    func gateFindsDroppedConstraint() async throws {
        try await LedgerFixture.with(.postgresql) { ledger in
            try await ledger.handle.unprotectedSQL.raw("ALTER TABLE users DROP CONSTRAINT users_email_key").run()
            let evidence = await BudgetReleaseGate.run(ledger.handle.url)
            // migrate --check sees the constraint gone before the probes try a duplicate e-mail.
            guard case .blocked(let gate, let reason) = evidence.decision else { Issue.record("not blocked: \(evidence.decision)"); return }
            #expect(gate == "schema")
            #expect(reason.hasPrefix("the schema does not agree with the migrations"), "\(reason)")
            #expect(reason.contains("constraint users.users_email_key: made by the migrations (UNIQUE (email)) but missing from the database"), "\(reason)")
        }
    }

    @Test("scratch rows a killed gate left behind are removed by the next run", arguments: TestBackend.available)
    func gateCleansUpAfterAKilledRun(backend: TestBackend) async throws {
        try await LedgerFixture.with(backend) { ledger in
            _ = try await ledger.seedSampleData()
            let before = try await DatabaseSnapshot.take(ledger.handle)
            // What a run killed in the middle of the crud gate leaves: committed scratch rows, each
            // journalled (by id) when it was created, long enough ago for its run to be dead.
            let user = try await Self.deadRunScratch(ledger, email: "crud-dead@persist-gate.invalid", category: "persist-gate-dead")
            let expense = try await ledger.addExpense(NewExpense(user: "crud-dead@persist-gate.invalid", category: "persist-gate-dead", amount: Money(cents: 1), description: "gate check"))
            try await ledger.handle.unprotectedSQL.raw("INSERT INTO gate_scratch_expenses (run, created_at, expense_id, row_key) VALUES ('dead', '2000-01-01T00:00:00Z', \(bind: expense.id), \(bind: user.email))").run()
            let evidence = await BudgetReleaseGate.run(ledger.handle.url)
            #expect(evidence.decision == .readyForDemo, "\(evidence.gates)")
            #expect(try await DatabaseSnapshot.take(ledger.handle) == before)
        }
    }

    @Test("the journal cannot outlive its rows: a deleted scratch row's id or name, reused, is never the gate's", arguments: TestBackend.available)
    func journalFollowsItsRows(backend: TestBackend) async throws {
        try await LedgerFixture.with(backend) { ledger in
            _ = try await ledger.seedSampleData()
            // A scratch row of a dead run, deleted by hand: its journal entry goes with it.
            let scratch = try await ledger.addCategory(name: "persist-gate-0000")
            try await ledger.handle.unprotectedSQL.raw("INSERT INTO gate_scratch (run, created_at, category_id, row_key) VALUES ('dead', '2000-01-01T00:00:00Z', \(bind: scratch.id), 'persist-gate-0000')").run()
            try await ledger.deleteCategory(name: "persist-gate-0000")
            let entries = try await ledger.handle.unprotectedSQL.raw("SELECT COUNT(*) AS n FROM gate_scratch").first()!.decode(column: "n", as: Int.self)
            #expect(entries == 0)
            // A real row with the same name (on SQLite, maybe the same id too) stays.
            _ = try await ledger.addCategory(name: "persist-gate-0000")
            // A gate running beside this one (recent entry of another run) keeps its rows.
            let other = try await ledger.addUser(email: "crud-other@persist-gate.invalid", name: "Gate check")
            try await ledger.handle.unprotectedSQL.raw("INSERT INTO gate_scratch (run, created_at, user_id, row_key) VALUES ('other', \(bind: ISO8601DateFormatter().string(from: Date())), \(bind: other.id), \(bind: other.email))").run()
            let before = try await DatabaseSnapshot.take(ledger.handle)
            let evidence = await BudgetReleaseGate.run(ledger.handle.url)
            #expect(evidence.decision == .readyForDemo, "\(evidence.gates)")
            #expect(try await DatabaseSnapshot.take(ledger.handle) == before)
        }
    }

    @Test("a leftover scratch row someone filed a real expense under is kept, with that expense", arguments: TestBackend.available)
    func gateKeepsUsedLeftovers(backend: TestBackend) async throws {
        try await LedgerFixture.with(backend) { ledger in
            _ = try await ledger.seedSampleData()
            // A dead run's scratch user and category, each then used by a real expense.
            try await Self.deadRunScratch(ledger, email: "crud-used@persist-gate.invalid", category: "persist-gate-used")
            _ = try await ledger.addExpense(NewExpense(user: "crud-used@persist-gate.invalid", category: "Food", amount: Money(cents: 700), description: "real, in a real category"))
            _ = try await ledger.addExpense(NewExpense(user: "alice@example.com", category: "persist-gate-used", amount: Money(cents: 900), description: "real, by a real user"))
            let before = try await DatabaseSnapshot.take(ledger.handle)
            for _ in 0..<2 {
                let evidence = await BudgetReleaseGate.run(ledger.handle.url)
                #expect(evidence.decision == .readyForDemo, "\(evidence.gates)")
                #expect(try await DatabaseSnapshot.take(ledger.handle) == before)
                let entries = try await ledger.handle.unprotectedSQL.raw("SELECT COUNT(*) AS n FROM gate_scratch").first()!.decode(column: "n", as: Int.self)
                #expect(entries == 2, "the kept rows stay journalled")
            }
        }
    }

    @Test("a real expense filed under a leftover scratch user and category (even of one run) is kept", arguments: TestBackend.available)
    func gateKeepsRealExpensesInScratchRows(backend: TestBackend) async throws {
        try await LedgerFixture.with(backend) { ledger in
            _ = try await ledger.seedSampleData()
            // A dead run's scratch user and category, both journalled under the same run.
            try await Self.deadRunScratch(ledger, email: "crud-dead2@persist-gate.invalid", category: "persist-gate-dead2")
            // Someone files real money under both: not the gate's (its expenses are journalled by id).
            _ = try await ledger.addExpense(NewExpense(user: "crud-dead2@persist-gate.invalid", category: "persist-gate-dead2", amount: Money(cents: 9900), description: "real rent"))
            let before = try await DatabaseSnapshot.take(ledger.handle)
            let evidence = await BudgetReleaseGate.run(ledger.handle.url)
            #expect(evidence.decision == .readyForDemo, "\(evidence.gates)")
            #expect(try await DatabaseSnapshot.take(ledger.handle) == before)
        }
    }

    @Test("journal entries whose rows were replaced behind persist's back (a reused id) match nothing", arguments: TestBackend.available)
    func gateIgnoresReusedIDs(backend: TestBackend) async throws {
        try await LedgerFixture.with(backend) { ledger in
            _ = try await ledger.seedSampleData()
            // What a hand deletion with foreign keys off leaves: entries of a dead run whose ids
            // now belong to real rows (SQLite hands a freed top id to the next row).
            let user = try await ledger.users().first!
            let category = try await ledger.categories().first!
            let expense = try await ledger.expenses().first!
            try await ledger.handle.unprotectedSQL.raw("""
                INSERT INTO gate_scratch (run, created_at, user_id, category_id, row_key)
                VALUES ('dead', '2000-01-01T00:00:00Z', \(bind: user.id), NULL, 'crud-gone@persist-gate.invalid'),
                       ('dead', '2000-01-01T00:00:00Z', NULL, \(bind: category.id), 'persist-gate-gone')
                """).run()
            try await ledger.handle.unprotectedSQL.raw("""
                INSERT INTO gate_scratch_expenses (run, created_at, expense_id, row_key)
                VALUES ('dead', '2000-01-01T00:00:00Z', \(bind: expense.id), 'crud-gone@persist-gate.invalid')
                """).run()
            let before = try await DatabaseSnapshot.take(ledger.handle)
            let evidence = await BudgetReleaseGate.run(ledger.handle.url)
            #expect(evidence.decision == .readyForDemo, "\(evidence.gates)")
            #expect(try await DatabaseSnapshot.take(ledger.handle) == before)
        }
    }

    /// What a gate run that died leaves: a scratch user and category, journalled as the gate
    /// journals them, long enough ago for the run to count as dead.
    @discardableResult
    private static func deadRunScratch(_ ledger: Ledger, email: String, category name: String) async throws -> UserRecord {
        let user = try await ledger.addUser(email: email, name: "Gate check")
        let category = try await ledger.addCategory(name: name)
        try await ledger.handle.unprotectedSQL.raw("""
            INSERT INTO gate_scratch (run, created_at, user_id, category_id, row_key)
            VALUES ('dead', '2000-01-01T00:00:00Z', \(bind: user.id), NULL, \(bind: user.email)),
                   ('dead', '2000-01-01T00:00:00Z', NULL, \(bind: category.id), \(bind: category.name))
            """).run()
        return user
    }
}
