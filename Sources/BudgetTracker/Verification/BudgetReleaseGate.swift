import FluentKit
import Foundation
import PersistKit
import PersistTooling
import SQLKit

/// The budget tracker's release gate: schema, crud, rollback, connection, queries, budgets and, when a
/// ledger is given, independent verification, in that order, stopping at the first failure.
///
/// Every row the gate writes is a scratch row (users `…@persist-gate.invalid`, categories
/// `persist-gate-…` with a random token), journalled in `gate_scratch` in the same transaction
/// that creates it, and removed again by id; a later run removes what a killed run left. The gate
/// never matches rows by name, so a user's own category named like a scratch row is never touched.
public enum BudgetReleaseGate {
    /// The report to verify against its raw ledger.
    public struct LedgerCheck: Sendable {
        /// The user whose report is verified.
        public let user: String
        /// The month verified.
        public let month: Month
        /// The raw ledger CSV.
        public let file: URL
        /// The largest disagreement, per category and in total, that still counts as agreement.
        public let tolerance: Decimal

        /// A ledger check; the tolerance defaults to zero (any difference blocks).
        public init(user: String, month: Month, file: URL, tolerance: Decimal = Ledger.defaultTolerance) {
            self.user = user
            self.month = month
            self.file = file
            self.tolerance = tolerance
        }
    }

    static let scratchDomain = "persist-gate.invalid"
    static let scratchPrefix = "persist-gate-"

    /// Runs the gate against `url` and returns its evidence (never throws); `starting` is told
    /// each gate's name as it starts, for a progress line.
    public static func run(
        _ url: DatabaseURL, limits: ConnectionLimits = ConnectionLimits(), ledgerCheck: LedgerCheck? = nil,
        starting: @Sendable (String) -> Void = { _ in }
    ) async -> Evidence {
        let handle: DatabaseHandle
        do {
            handle = try await DatabaseHandle.open(url, limits: limits)
        } catch {
            let gate = ReleaseGate(steps: [.init(name: "schema") { throw error }])
            return await gate.run(database: url, independentCheck: false, starting: starting)
        }
        let ledger = Ledger(handle)
        // This run's mark on the rows it creates (see `gate_scratch`).
        let runID = scratchToken()
        var steps: [ReleaseGate.Step] = [
            .init(name: "schema") { try await schema(ledger) },
            .init(name: "crud") { try await crud(ledger, run: runID) },
            .init(name: "rollback") { try await rollback(ledger) },
            .init(name: "connection") { try await connection(ledger) },
            .init(name: "queries") { try await queries(ledger, run: runID) },
            .init(name: "budgets") { try await budgets(ledger) },
        ]
        if let ledgerCheck {
            steps.append(.init(name: "verification") { try await verification(ledger, ledgerCheck) })
        }
        let evidence = await ReleaseGate(steps: steps).run(database: url, independentCheck: ledgerCheck != nil, starting: starting)
        try? await removeScratchRows(ledger, run: runID)
        await handle.close()
        return evidence
    }

    // MARK: schema

    static func schema(_ ledger: Ledger) async throws -> [String: String] {
        // The live schema against what the migrations make: pending, newer, changed or drifted.
        let check = try await BudgetMigrations.migrator.check(on: ledger.handle)
        let status = check.status
        guard status.pending.isEmpty else {
            throw GateFailure(
                "\(status.pending.count.counted("migration")) pending (\(status.pending.joined(separator: ", "))); run `persist migrate`",
                figures: ["applied": String(status.applied.count), "pending": String(status.pending.count)]
            )
        }
        guard check.agrees else {
            throw GateFailure(
                "the schema does not agree with the migrations (`persist migrate --check`): \(check.problems.joined(separator: "; "))",
                figures: ["applied": String(status.applied.count), "pending": "0", "drift": String(check.drift.count),
                          "unknown": String(status.unknown.count), "changed": String(status.changed.count)]
            )
        }
        let token = scratchToken()
        let checks = try await ledger.handle.probe { database in
            let sql = database as! any SQLDatabase
            let now = Date()
            try await sql.raw("INSERT INTO users (email, name, created_at) VALUES (\(bind: "probe-\(token)@\(scratchDomain)"), 'probe', \(bind: now))").run()
            let user = try await sql.raw("SELECT id FROM users WHERE email = \(bind: "probe-\(token)@\(scratchDomain)")").first()!.decode(column: "id", as: Int.self)
            return [
                "duplicate email": try await sql.violatesConstraint(
                    "INSERT INTO users (email, name, created_at) VALUES (\(bind: "probe-\(token)@\(scratchDomain)"), 'again', \(bind: now))"
                ),
                "expense without a category": try await sql.violatesConstraint("""
                    INSERT INTO expenses (user_id, category_id, description, amount_cents, spent_on, created_at)
                    VALUES (\(bind: user), NULL, 'probe', 100, '2024-01-01', \(bind: now))
                    """),
                "expense with an unknown category": try await sql.violatesConstraint("""
                    INSERT INTO expenses (user_id, category_id, description, amount_cents, spent_on, created_at)
                    VALUES (\(bind: user), -1, 'probe', 100, '2024-01-01', \(bind: now))
                    """),
            ]
        }
        var figures = ["applied": String(status.applied.count), "pending": "0", "drift": "0"]
        for (check, rejected) in checks { figures[check] = rejected ? "rejected" : "ACCEPTED" }
        if let missing = checks.filter({ !$0.value }).keys.sorted().first {
            throw GateFailure("a constraint is missing: the database accepted a \(missing)", figures: figures)
        }
        return figures
    }

    // MARK: crud

    static func crud(_ ledger: Ledger, run: String) async throws -> [String: String] {
        try await removeScratchRows(ledger, run: run)
        let bounds = try await highestIDs(ledger.handle)
        let before = try await counts(ledger.handle, upTo: bounds)
        let token = scratchToken()
        let email = "crud-\(token)@\(scratchDomain)"
        let category = "\(scratchPrefix)\(token)"
        do {
            try await createScratchUser(email, name: "Gate check", in: ledger, run: run)
            try await createScratchCategory(category, in: ledger, run: run)
            let created = try await createScratchExpense(NewExpense(
                user: email, category: category, amount: Money(cents: 1234), date: try CalendarDate(parsing: "2024-01-15"), description: "gate check"
            ), in: ledger, run: run)
            guard try await inNewConnection(ledger, { try await $0.expense(id: created.id) }) == created else {
                throw GateFailure("a created expense did not read back the same in a new connection")
            }
            let updated = try await ledger.updateExpense(id: created.id, ExpenseChanges(amount: Money(cents: 4321)))
            guard try await inNewConnection(ledger, { try await $0.expense(id: created.id) }).amount == updated.amount else {
                throw GateFailure("an updated expense did not read back updated in a new connection")
            }
            try await ledger.deleteExpense(id: created.id)
            try await ledger.deleteUser(email: email)
            try await ledger.deleteCategory(name: category)
            let gone = try await inNewConnection(ledger) { try await $0.expenses(ExpenseFilter(category: nil)).contains { $0.id == created.id && $0.user == created.user } }
            guard !gone else { throw GateFailure("a deleted expense was still there in a new connection") }
        } catch {
            try? await removeScratchRows(ledger, run: run)
            throw error
        }
        let after = try await counts(ledger.handle, upTo: bounds)
        guard after == before else {
            throw GateFailure("the user's data changed during the crud check", figures: describe(before, after))
        }
        return describe(before, after).merging(["created, read, updated, deleted": "1 user, 1 category, 1 expense"]) { $1 }
    }

    // MARK: rollback

    static func rollback(_ ledger: Ledger) async throws -> [String: String] {
        let bounds = try await highestIDs(ledger.handle)
        let before = try await counts(ledger.handle, upTo: bounds)
        let token = scratchToken()
        do {
            try await ledger.handle.transaction { database in
                let sql = database as! any SQLDatabase
                try await sql.raw("INSERT INTO users (email, name, created_at) VALUES (\(bind: "rollback-\(token)@\(scratchDomain)"), 'rollback', \(bind: Date()))").run()
                try await sql.raw("INSERT INTO categories (name, color) VALUES (\(bind: "\(scratchPrefix)\(token)"), '#000000')").run()
                // The forced failure: an expense for a user that does not exist.
                try await sql.raw("""
                    INSERT INTO expenses (user_id, category_id, description, amount_cents, spent_on, created_at)
                    VALUES (-1, -1, 'forced failure', 100, '2024-01-01', \(bind: Date()))
                    """).run()
            }
            throw GateFailure("the forced failure was accepted: the expenses foreign keys are missing")
        } catch where Ledger.isConstraintFailure(error) {
            // Expected: the third insert failed and the transaction rolled back.
        }
        let after = try await counts(ledger.handle, upTo: bounds)
        // The two rows written before the failure, found by their unique keys (other people's
        // new rows, with higher ids, neither hide nor fake a leftover).
        let remained = try await ledger.handle.read { database in
            let sql = database as! any SQLDatabase
            let users = try await sql.raw("SELECT COUNT(*) AS n FROM users WHERE email = \(bind: "rollback-\(token)@\(scratchDomain)")").first()!.decode(column: "n", as: Int.self)
            let categories = try await sql.raw("SELECT COUNT(*) AS n FROM categories WHERE name = \(bind: "\(scratchPrefix)\(token)")").first()!.decode(column: "n", as: Int.self)
            return users + categories
        }
        guard after == before, remained == 0 else {
            throw GateFailure("rows remained after a rolled-back write", figures: describe(before, after).merging(["rows remained": String(remained)]) { $1 })
        }
        return describe(before, after).merging(["forced failure": "foreign key violation, rolled back"]) { $1 }
    }

    // MARK: connection

    static func connection(_ ledger: Ledger) async throws -> [String: String] {
        let handle = ledger.handle
        let report = await DatabaseDoctor.examine(ResolvedDatabaseURL(url: handle.url, source: .flag), limits: handle.limits)
        guard report.usable else { throw GateFailure(report.failure?.error ?? "the database is not usable") }
        var figures = ["latency ms": report.latencyMilliseconds.map { String($0) } ?? "?", "server": report.serverVersion ?? "?"]
        if let tls = report.tls {
            figures["tls"] = tls.encrypted.map { $0 ? "on \(tls.protocolVersion ?? "")" : "off" } ?? "not visible (pooler)"
            figures["sslmode"] = tls.sslMode
            figures["certificate verified"] = tls.certificateVerified
        }
        if handle.url.backend == .postgresql {
            // The backend ends itself, inside the one statement: it is the backend serving this
            // statement for this client, also behind a transaction-mode pooler, so no other
            // client's connection is ever touched (a pid read in one statement and killed in
            // another could belong to someone else by then).
            let ended: Bool = try await handle.unprotectedDatabase.withConnection { connection in
                do {
                    try await (connection as! any SQLDatabase).raw("SELECT pg_terminate_backend(pg_backend_pid())").run()
                    return false
                } catch {
                    return true
                }
            }
            guard ended else { throw GateFailure("the server did not end the gate's own connection when asked") }
            try await Task.sleep(for: .milliseconds(100))
            let answer = try await handle.read { try await ($0 as! any SQLDatabase).raw("SELECT 42 AS answer").first()!.decode(column: "answer", as: Int.self) }
            guard answer == 42 else { throw GateFailure("the query after a killed backend gave a wrong answer") }
            figures["killed backend"] = "the gate's own"
            figures["next query"] = "succeeded on a new connection"
        }
        return figures
    }

    // MARK: queries

    static func queries(_ ledger: Ledger, run: String) async throws -> [String: String] {
        let token = scratchToken()
        let email = "queries-\(token)@\(scratchDomain)"
        let month = try Month(parsing: "2024-01")
        do {
            try await createScratchUser(email, name: "Gate queries", in: ledger, run: run)
            var counts: [Int: (report: Int, listing: Int)] = [:]
            for size in [1, 10] {
                while try await ledger.categories().filter({ $0.name.hasPrefix("\(scratchPrefix)\(token)") }).count < size {
                    let name = "\(scratchPrefix)\(token)-\(UUID().uuidString.prefix(6))"
                    try await createScratchCategory(name, in: ledger, run: run)
                    try await createScratchExpense(NewExpense(
                        user: email, category: name, amount: Money(cents: 100), date: try CalendarDate(parsing: "2024-01-10"), description: "gate"
                    ), in: ledger, run: run)
                }
                let report = try await statements(ledger) { _ = try await $0.monthlyReport(user: email, month: month) }
                let listing = try await statements(ledger) { _ = try await $0.expenses(ExpenseFilter(user: email, month: month)) }
                counts[size] = (report, listing)
            }
            try await removeScratchRows(ledger, run: run)
            let figures = [
                "report statements (1 / 10 categories)": "\(counts[1]!.report) / \(counts[10]!.report)",
                "listing statements (1 / 10 categories)": "\(counts[1]!.listing) / \(counts[10]!.listing)",
            ]
            guard counts[1]!.report == 1, counts[10]!.report == 1, counts[1]!.listing == counts[10]!.listing else {
                throw GateFailure("statement counts grow with the data (N+1)", figures: figures)
            }
            return figures
        } catch {
            try? await removeScratchRows(ledger, run: run)
            throw error
        }
    }

    // MARK: verification

    static func verification(_ ledger: Ledger, _ check: LedgerCheck) async throws -> [String: String] {
        let result = try await ledger.verifyMonthlyReport(user: check.user, month: check.month, ledger: check.file, tolerance: check.tolerance)
        var figures = ["user": result.user, "month": result.month, "tolerance": "\(check.tolerance)", "categories": String(result.comparison.lines.count)]
        for line in result.comparison.lines {
            figures["delta \(line.key)"] = "\(line.delta)"
        }
        let mismatches = result.comparison.mismatches
        guard mismatches.isEmpty else {
            throw GateFailure("\(result.comparison.disagreement) with the ledger (\(mismatches.map { "\($0.key) \($0.delta)" }.joined(separator: ", ")))", figures: figures)
        }
        return figures
    }

    // MARK: helpers

    /// Creates a scratch user through the ledger, journalled in the same transaction.
    static func createScratchUser(_ email: String, name: String, in ledger: Ledger, run: String) async throws {
        try await ledger.addUser(email: email, name: name) { database, id in
            try await journal(column: "user_id", id: id, key: email, run: run, on: database)
        }
    }

    /// Creates a scratch category through the ledger, journalled in the same transaction.
    static func createScratchCategory(_ name: String, in ledger: Ledger, run: String) async throws {
        try await ledger.addCategory(name: name) { database, id in
            try await journal(column: "category_id", id: id, key: name, run: run, on: database)
        }
    }

    /// Creates a scratch expense through the ledger, journalled (by id) in the same transaction.
    @discardableResult
    static func createScratchExpense(_ new: NewExpense, in ledger: Ledger, run: String) async throws -> ExpenseRecord {
        try await ledger.addExpense(new) { database, id in
            try await journal(column: "expense_id", id: id, key: new.user, run: run, on: database, table: "gate_scratch_expenses")
        }
    }

    private static func journal(
        column: String, id: Int, key: String, run: String, on database: any Database, table: String = "gate_scratch"
    ) async throws {
        try await (database as! any SQLDatabase).insert(into: table)
            .columns("run", "created_at", column, "row_key")
            .values(SQLBind(run), SQLBind(ISO8601DateFormatter().string(from: Date())), SQLBind(id), SQLBind(key))
            .run()
    }

    /// How old another run's journal entries must be before a gate takes that run for dead.
    static let deadRunAge: TimeInterval = 600

    /// Removes the scratch rows of this run and of runs that died (entries older than
    /// ``deadRunAge``), as the journals name them by id: the expenses the gate wrote, then the
    /// users and categories no other expense uses by now.
    /// A scratch row someone has since used for a real expense is kept, and stays journalled (its
    /// entry goes with the row, by `ON DELETE CASCADE`). A gate running beside this one keeps its rows.
    static func removeScratchRows(_ ledger: Ledger, run: String) async throws {
        let cutoff = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-deadRunAge))
        try await ledger.handle.transaction { database in
            let sql = database as! any SQLDatabase
            // Each row by its id *and* the key it had when the gate made it (see M0009). The
            // subqueries start from the journal (a few rows), never from the users' tables.
            try await sql.raw("""
                DELETE FROM expenses WHERE id IN (
                    SELECT x.id FROM gate_scratch_expenses j
                    JOIN expenses x ON x.id = j.expense_id
                    JOIN users u ON u.id = x.user_id AND u.email = j.row_key
                    WHERE (j.run = \(bind: run) OR j.created_at < \(bind: cutoff)))
                """).run()
            try await sql.raw("""
                DELETE FROM users WHERE id IN (
                    SELECT u.id FROM gate_scratch g JOIN users u ON u.id = g.user_id AND u.email = g.row_key
                    WHERE (g.run = \(bind: run) OR g.created_at < \(bind: cutoff)))
                AND NOT EXISTS (SELECT 1 FROM expenses e WHERE e.user_id = users.id)
                """).run()
            try await sql.raw("""
                DELETE FROM categories WHERE id IN (
                    SELECT c.id FROM gate_scratch g JOIN categories c ON c.id = g.category_id AND c.name = g.row_key
                    WHERE (g.run = \(bind: run) OR g.created_at < \(bind: cutoff)))
                AND NOT EXISTS (SELECT 1 FROM expenses e WHERE e.category_id = categories.id)
                """).run()
        }
    }

    /// The highest id in each table: the rows that existed when a check began.
    static func highestIDs(_ handle: DatabaseHandle) async throws -> [String: Int] {
        try await handle.readSnapshot { database in
            let sql = database as! any SQLDatabase
            var highest: [String: Int] = [:]
            for table in ["users", "categories", "expenses"] {
                highest[table] = try await sql.raw("SELECT COALESCE(MAX(id), 0) AS n FROM \(ident: table)").first()!.decode(column: "n", as: Int.self)
            }
            return highest
        }
    }

    /// The users' own rows among those that existed at `bounds` (ids up to each table's bound):
    /// what the gate must leave as it found them. Rows the users add meanwhile (higher ids) and the
    /// scratch rows of any gate (journalled) do not count, so people working while the gate runs
    /// do not block it.
    static func counts(_ handle: DatabaseHandle, upTo bounds: [String: Int]) async throws -> [String: Int] {
        try await handle.readSnapshot { database in
            let sql = database as! any SQLDatabase
            let scratchUsers: SQLQueryString = "SELECT user_id FROM gate_scratch WHERE user_id IS NOT NULL"
            let scratchCategories: SQLQueryString = "SELECT category_id FROM gate_scratch WHERE category_id IS NOT NULL"
            let queries: [String: SQLQueryString] = [
                "users": "SELECT COUNT(*) AS n FROM users WHERE id <= \(bind: bounds["users"]!) AND id NOT IN (\(scratchUsers))",
                "categories": "SELECT COUNT(*) AS n FROM categories WHERE id <= \(bind: bounds["categories"]!) AND id NOT IN (\(scratchCategories))",
                "expenses": "SELECT COUNT(*) AS n FROM expenses WHERE id <= \(bind: bounds["expenses"]!) AND user_id NOT IN (\(scratchUsers))",
            ]
            var counts: [String: Int] = [:]
            for (table, query) in queries {
                counts[table] = try await sql.raw(query).first()!.decode(column: "n", as: Int.self)
            }
            return counts
        }
    }

    private static func describe(_ before: [String: Int], _ after: [String: Int]) -> [String: String] {
        var figures: [String: String] = [:]
        for table in before.keys.sorted() { figures["\(table) before/after"] = "\(before[table]!) / \(after[table] ?? -1)" }
        return figures
    }

    private static func inNewConnection<T: Sendable>(_ ledger: Ledger, _ read: (Ledger) async throws -> T) async throws -> T {
        try await DatabaseHandle.withOpen(ledger.handle.url) { try await read(Ledger($0)) }
    }

    private static func statements(_ ledger: Ledger, _ call: (Ledger) async throws -> Void) async throws -> Int {
        let before = ledger.handle.statements.value
        try await call(ledger)
        return ledger.handle.statements.value - before
    }

    private static func scratchToken() -> String {
        UUID().uuidString.prefix(8).lowercased()
    }
}
