import BudgetTracker
import Foundation
import PersistKit
import PersistTestSupport
import SQLKit
import Testing

@Suite("Rollback drill: a failure inside a multi-row write leaves the row counts as they were")
struct RollbackTests {
    @Test("a bad foreign key after a good row", arguments: TestBackend.available)
    func badForeignKey(backend: TestBackend) async throws {
        try await LedgerFixture.with(backend) { ledger in
            let (userID, categoryID) = try await seedOne(ledger)
            let before = try await DatabaseSnapshot.counts(ledger.handle)
            let error = await #expect(throws: (any Error).self) {
                try await ledger.handle.transaction { database in
                    let sql = database as! any SQLDatabase
                    try await insertExpense(sql, userID: userID, categoryID: categoryID)
                    try await insertExpense(sql, userID: 999_999, categoryID: categoryID)
                }
            }
            #expect(DriverRefusal.isConstraintFailure(error), "\(String(describing: error))")
            #expect(try await DatabaseSnapshot.counts(ledger.handle) == before)
            // The connection is usable again: the failed transaction was not reused.
            _ = try await ledger.addExpense(NewExpense(user: "a@example.com", category: "Food", amount: Money(cents: 1), description: "after"))
        }
    }

    @Test("a duplicate email in the middle of several users", arguments: TestBackend.available)
    func duplicateEmail(backend: TestBackend) async throws {
        try await LedgerFixture.with(backend) { ledger in
            _ = try await seedOne(ledger)
            let before = try await DatabaseSnapshot.counts(ledger.handle)
            let error = await #expect(throws: (any Error).self) {
                try await ledger.handle.transaction { database in
                    try await User(email: "new@example.com", name: "New").create(on: database)
                    try await User(email: "a@example.com", name: "Duplicate").create(on: database)
                }
            }
            #expect(DriverRefusal.isConstraintFailure(error), "\(String(describing: error))")
            #expect(try await DatabaseSnapshot.counts(ledger.handle) == before)
            await #expect(throws: LedgerError.duplicate(kind: "user", key: "a@example.com")) {
                try await ledger.addUser(email: "A@example.com", name: "Again")
            }
            #expect(try await DatabaseSnapshot.counts(ledger.handle) == before)
        }
    }

    @Test("a transfer whose credit row fails in the database", arguments: TestBackend.available)
    func failingTransfer(backend: TestBackend) async throws {
        try await LedgerFixture.with(backend) { ledger in
            _ = try await seedOne(ledger)
            _ = try await ledger.addCategory(name: "Fun")
            try await installCreditFailure(on: ledger.handle.unprotectedSQL, backend: backend)
            let before = try await DatabaseSnapshot.take(ledger.handle)
            let error = await #expect(throws: (any Error).self) {
                try await ledger.transfer(user: "a@example.com", from: "Food", to: "Fun", amount: Money(cents: 500))
            }
            // The trigger's own message: the database refused the credit row, nothing else did.
            #expect(error.map { DatabaseError.translating($0, for: ledger.handle.url).description.contains("forced failure") } == true)
            #expect(try await DatabaseSnapshot.take(ledger.handle) == before)
        }
    }

    @Test("a transfer writes both rows, summing to zero", arguments: TestBackend.available)
    func transfer(backend: TestBackend) async throws {
        try await LedgerFixture.with(backend) { ledger in
            _ = try await seedOne(ledger)
            _ = try await ledger.addCategory(name: "Fun")
            let transfer = try await ledger.transfer(
                user: "a@example.com", from: "Food", to: "Fun", amount: Money(parsing: "20.00"), date: CalendarDate(parsing: "2024-01-20")
            )
            #expect(transfer.debit.amount == Money(cents: -2000))
            #expect(transfer.debit.description == "Transfer to Fun")
            #expect(transfer.debit.category == "Food")
            #expect(transfer.credit.amount == Money(cents: 2000))
            #expect(transfer.credit.description == "Transfer from Food")
            #expect(transfer.credit.category == "Fun")
            let before = try await DatabaseSnapshot.take(ledger.handle)
            for (from, to, amount) in [("Food", "Food", "1.00"), ("Food", "Nowhere", "1.00"), ("Nowhere", "Fun", "1.00"), ("Food", "Fun", "0.00")] {
                await #expect(throws: LedgerError.self) {
                    try await ledger.transfer(user: "a@example.com", from: from, to: to, amount: Money(parsing: amount))
                }
            }
            await #expect(throws: LedgerError.self) {
                try await ledger.transfer(user: "nobody@example.com", from: "Food", to: "Fun", amount: Money(cents: 1))
            }
            #expect(try await DatabaseSnapshot.take(ledger.handle) == before)
        }
    }

    @Test("an import whose last row is bad writes nothing", arguments: TestBackend.available)
    func importWithBadLastRow(backend: TestBackend) async throws {
        try await LedgerFixture.with(backend) { ledger in
            _ = try await seedOne(ledger)
            var csv = "date,user,category,amount,description\n"
            for day in 1...1_200 { csv += "2024-01-\(String(format: "%02d", day % 28 + 1)),a@example.com,Food,1.00,row \(day)\n" }
            csv += "2024-01-05,a@example.com,Food,abc,broken\n"
            let file = try TemporaryFolder.make().appendingPathComponent("ledger.csv")
            try csv.write(to: file, atomically: true, encoding: .utf8)
            let before = try await DatabaseSnapshot.take(ledger.handle)
            await #expect(throws: LedgerError.importFailed(row: 1_202, reason: "invalid amount: 'abc' is not a decimal amount such as 12.34")) {
                try await ledger.importExpenses(from: file)
            }
            #expect(try await DatabaseSnapshot.take(ledger.handle) == before)
        }
    }

    private func seedOne(_ ledger: Ledger) async throws -> (user: Int, category: Int) {
        let user = try await ledger.addUser(email: "a@example.com", name: "A")
        let category = try await ledger.addCategory(name: "Food")
        _ = try await ledger.addExpense(NewExpense(user: "a@example.com", category: "Food", amount: Money(cents: 250), description: "first"))
        return (user.id, category.id)
    }

    private func insertExpense(_ sql: any SQLDatabase, userID: Int, categoryID: Int) async throws {
        try await sql.insert(into: "expenses")
            .columns("user_id", "category_id", "description", "amount_cents", "spent_on", "created_at")
            .values(SQLBind(userID), SQLBind(categoryID), SQLBind("x"), SQLBind(100), SQLBind("2024-01-01"), SQLBind(Date()))
            .run()
    }

    /// A trigger that rejects the credit half of a transfer, after the debit has been written.
    private func installCreditFailure(on sql: any SQLDatabase, backend: TestBackend) async throws {
        switch backend {
        case .sqlite:
            try await sql.raw("""
                CREATE TRIGGER fail_credit BEFORE INSERT ON expenses
                WHEN NEW.description LIKE 'Transfer from%'
                BEGIN SELECT RAISE(ABORT, 'forced failure'); END
                """).run()
        case .postgresql, .pgbouncer:
            try await sql.raw("""
                CREATE FUNCTION fail_credit() RETURNS trigger AS $$
                BEGIN
                    IF NEW.description LIKE 'Transfer from%' THEN RAISE EXCEPTION 'forced failure'; END IF;
                    RETURN NEW;
                END $$ LANGUAGE plpgsql
                """).run()
            try await sql.raw("CREATE TRIGGER fail_credit BEFORE INSERT ON expenses FOR EACH ROW EXECUTE FUNCTION fail_credit()").run()
        }
    }
}
