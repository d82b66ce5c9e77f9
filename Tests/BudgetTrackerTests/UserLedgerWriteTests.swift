import BudgetTracker
import Foundation
import PersistKit
import PersistTestSupport
import Testing

@Suite("A signed-in user's expenses: the one-statement add")
struct UserLedgerWriteTests {
    @Test("adds to a shared or own category, never another user's; the record is what a read gives back", arguments: TestBackend.available)
    func addExpense(backend: TestBackend) async throws {
        try await LedgerFixture.with(backend) { ledger in
            try await ledger.addCategory(name: "Food")
            let ana = UserLedger(ledger, for: try await ledger.signUp(email: "ana@example.com", name: "Ana", password: "correct horse 1").user)
            let bo = UserLedger(ledger, for: try await ledger.signUp(email: "bo@example.com", name: "Bo", password: "correct horse 2").user)
            try await ana.addCategory(name: "Gym")
            let date = try CalendarDate(parsing: "2024-02-29")

            let shared = try await ana.addExpense(category: "Food", amount: Money(cents: 1234), date: date, description: "lunch, \"à la carte\"")
            let own = try await ana.addExpense(category: "Gym", amount: Money(cents: -500), date: date, description: "refund")
            #expect(try await ana.expense(id: shared.id) == shared)
            #expect(try await ana.expense(id: own.id) == own)
            #expect(shared.user == "ana@example.com" && shared.category == "Food" && shared.amount == Money(cents: 1234))

            // Ana's own category is not Bo's: not found, as one that does not exist, and nothing written.
            let before = try await DatabaseSnapshot.counts(ledger.handle)
            await #expect(throws: LedgerError.notFound(kind: "category", key: "Gym")) {
                try await bo.addExpense(category: "Gym", amount: Money(cents: 1), date: date, description: "x")
            }
            await #expect(throws: LedgerError.notFound(kind: "category", key: "Nope")) {
                try await bo.addExpense(category: "Nope", amount: Money(cents: 1), date: date, description: "x")
            }
            #expect(try await DatabaseSnapshot.counts(ledger.handle) == before)

            // The report sees both, in cents exactly.
            let report = try await ana.monthlyReport(month: try Month(parsing: "2024-02"))
            #expect(report.total == Money(cents: 734) && report.count == 2)
        }
    }

    /// PostgreSQL only: on SQLite the delete holds the write lock from its count to its delete
    /// (`BEGIN IMMEDIATE`), so no expense can come in between.
    @Test("a category that gets an expense while it is being deleted stays, and the answer is a conflict, not a failure",
          arguments: TestBackend.available.filter { $0 != .sqlite })
    func deleteRacingAnAdd(backend: TestBackend) async throws {
        try await LedgerFixture.with(backend) { ledger in
            let ana = UserLedger(ledger, for: try await ledger.signUp(email: "ana@example.com", name: "Ana", password: "correct horse 1").user)
            try await ana.addCategory(name: "Gym")
            let id = ana.user.id
            // The race, made certain: the delete itself adds the expense another request would have.
            let sql = ledger.handle.unprotectedSQL
            try await sql.raw("""
                CREATE FUNCTION sneak() RETURNS trigger AS $$ BEGIN
                INSERT INTO expenses (user_id, category_id, description, amount_cents, spent_on, created_at) VALUES (\(unsafeRaw: String(id)), OLD.id, 'sneaked', 1, '2024-01-01', now());
                RETURN OLD; END $$ LANGUAGE plpgsql
                """).run()
            try await sql.raw("CREATE TRIGGER sneak BEFORE DELETE ON categories FOR EACH ROW EXECUTE FUNCTION sneak()").run()
            let before = try await DatabaseSnapshot.counts(ledger.handle)
            do {
                try await ana.deleteCategory(name: "Gym")
                Issue.record("the category was deleted under its new expense")
            } catch let error as LedgerError {
                #expect(error.code == .categoryInUse, "\(error)")
            }
            #expect(try await DatabaseSnapshot.counts(ledger.handle) == before)
            #expect(try await ana.categories().map(\.name).contains("Gym"))
        }
    }

    @Test("sign-ups from one address stop at the limit before any password is hashed; another address and the command line are not limited", arguments: TestBackend.available)
    func signUpsPerAddress(backend: TestBackend) async throws {
        try await LedgerFixture.with(backend) { ledger in
            var limits = SignInLimits()
            limits.signUpsPerAddress = 2
            for index in 1...2 {
                _ = try await ledger.signUp(email: "u\(index)@example.com", name: "U", password: "correct horse \(index)", address: "192.0.2.7", limits: limits)
            }
            let before = try await DatabaseSnapshot.counts(ledger.handle)
            do {
                _ = try await ledger.signUp(email: "u3@example.com", name: "U", password: "correct horse 3", address: "192.0.2.7", limits: limits)
                Issue.record("a third sign-up from the address went through")
            } catch SignInError.tooManySignUps(let wait) {
                #expect(wait > 0 && wait <= limits.window)
            }
            #expect(try await DatabaseSnapshot.counts(ledger.handle)["users"] == before["users"])
            _ = try await ledger.signUp(email: "u4@example.com", name: "U", password: "correct horse 4", address: "198.51.100.1", limits: limits)
            _ = try await ledger.signUp(email: "u5@example.com", name: "U", password: "correct horse 5", limits: limits)
        }
    }

    @Test("a bad e-mail or name at sign-up is refused before it counts against the address")
    func badSignUpsDoNotCount() async throws {
        try await LedgerFixture.with(.sqlite) { ledger in
            var limits = SignInLimits()
            limits.signUpsPerAddress = 1
            for (email, name) in [("not-an-e-mail", "U"), ("u@example.com", "")] {
                await #expect(throws: LedgerError.self) {
                    _ = try await ledger.signUp(email: email, name: name, password: "correct horse 1", address: "192.0.2.7", limits: limits)
                }
            }
            _ = try await ledger.signUp(email: "u@example.com", name: "U", password: "correct horse 1", address: "192.0.2.7", limits: limits)
        }
    }

    @Test("limits count an IPv4 client once on any listener, and an IPv6 client by its /64")
    func clientAddressKeys() {
        #expect(ClientAddress.key("127.0.0.1") == "127.0.0.1")
        #expect(ClientAddress.key("::ffff:127.0.0.1") == "127.0.0.1")
        #expect(ClientAddress.key("2001:db8:1:2:aaaa::1") == "2001:db8:1:2::/64")
        #expect(ClientAddress.key("2001:db8:1:2:ffff:ffff:ffff:ffff") == "2001:db8:1:2::/64")
        #expect(ClientAddress.key("2001:db8:1:3::1") == "2001:db8:1:3::/64")
        #expect(ClientAddress.key("::1") == "0:0:0:0::/64")
        #expect(ClientAddress.key("fe80::1%eth0") == "fe80::1%eth0")
        #expect(ClientAddress.key("unknown") == "unknown")
        #expect(ClientAddress.key(String(repeating: "a", count: 300)).count == 180)
    }
}
