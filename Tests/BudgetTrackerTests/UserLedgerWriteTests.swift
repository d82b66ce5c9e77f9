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
}
