import BudgetTracker
import Foundation
import PersistKit
import PersistTestSupport
import Testing

@Suite("Renaming a user's own category")
struct CategoryRenameTests {
    @Test("the expenses follow the new name; a taken name, a shared category and another user's are refused, changing nothing", arguments: TestBackend.available)
    func rename(backend: TestBackend) async throws {
        try await LedgerFixture.with(backend) { ledger in
            try await ledger.addCategory(name: "Food")
            let ana = UserLedger(ledger, for: try await ledger.signUp(email: "ana@example.com", name: "Ana", password: "correct horse 1").user)
            let bo = UserLedger(ledger, for: try await ledger.signUp(email: "bo@example.com", name: "Bo", password: "correct horse 2").user)
            try await ana.addCategory(name: "Gym", color: "#123456")
            try await ana.addCategory(name: "Books")
            try await bo.addCategory(name: "Climbing")
            let date = try CalendarDate(parsing: "2024-03-01")
            let expense = try await ana.addExpense(category: "Gym", amount: Money(cents: 4_000), date: date, description: "March")

            let renamed = try await ana.renameCategory("Gym", to: "  Fitness ")
            #expect(renamed.name == "Fitness" && renamed.color == "#123456")
            #expect(try await ana.expense(id: expense.id).category == "Fitness")
            #expect(try await ana.monthlyReport(month: try Month(parsing: "2024-03")).categories.map(\.category) == ["Fitness"])
            // Bo may use the freed name, and a name Bo has is still free for Ana.
            try await bo.addCategory(name: "Gym")
            try await ana.renameCategory("Books", to: "Climbing")

            let before = try await DatabaseSnapshot.counts(ledger.handle)
            let names = try await ana.categories().map(\.name)
            await #expect(throws: LedgerError.duplicate(kind: "category", key: "Food")) { try await ana.renameCategory("Fitness", to: "Food") }
            await #expect(throws: LedgerError.duplicate(kind: "category", key: "Climbing")) { try await ana.renameCategory("Fitness", to: "Climbing") }
            await #expect(throws: LedgerError.self) { try await ana.renameCategory("Food", to: "Meals") }
            await #expect(throws: LedgerError.notFound(kind: "category", key: "Gym")) { try await ana.renameCategory("Gym", to: "Mine") }
            await #expect(throws: LedgerError.self) { try await ana.renameCategory("Fitness", to: "") }
            #expect(try await DatabaseSnapshot.counts(ledger.handle) == before)
            #expect(try await ana.categories().map(\.name) == names)
            #expect(try await bo.categories().map(\.name) == ["Climbing", "Food", "Gym"])
        }
    }
}
