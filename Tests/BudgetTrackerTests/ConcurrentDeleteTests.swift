import BudgetTracker
import Foundation
import PersistKit
import PersistTestSupport
import Testing

@Suite("Deleting and changing one expense from several requests at once")
struct ConcurrentDeleteTests {
    @Test("one delete succeeds, the others find nothing; a change racing a delete never reports success for a row that is gone",
          arguments: TestBackend.available)
    func racingDeletes(backend: TestBackend) async throws {
        try await LedgerFixture.with(backend) { ledger in
            try await ledger.addCategory(name: "Food")
            try await ledger.addCategory(name: "Fun")
            let ana = UserLedger(ledger, for: try await ledger.signUp(email: "ana@example.com", name: "Ana", password: "correct horse 1").user)
            let date = try CalendarDate(parsing: "2024-04-01")
            for round in 0..<8 {
                // The same expense, four deletes at once.
                let expense = try await ana.addExpense(category: "Food", amount: Money(cents: 100), date: date, description: "round \(round)")
                let deleted = await Self.successes(4) { _ in _ = try await ana.deleteExpense(id: expense.id) }
                #expect(deleted == 1, "round \(round): \(deleted) deletes reported success")

                // Both legs of one transfer, deleted at once: one delete takes both.
                let transfer = try await ana.transfer(from: "Food", to: "Fun", amount: Money(cents: 50), date: date)
                let legs = [transfer.debit.id, transfer.credit.id]
                let legDeletes = await Self.successes(2) { index in _ = try await ana.deleteExpense(id: legs[index]) }
                #expect(legDeletes == 1, "round \(round): \(legDeletes) leg deletes reported success")

                // A change and a delete at once: if the change reports success, it came first.
                let target = try await ana.addExpense(category: "Food", amount: Money(cents: 300), date: date, description: "target \(round)")
                async let changed: Bool = (try? await ana.updateExpense(id: target.id, ExpenseChanges(amount: Money(cents: 900)))) != nil
                async let removed: [ExpenseRecord]? = try? await ana.deleteExpense(id: target.id)
                let (didChange, deletedRows) = await (changed, removed)
                #expect(deletedRows != nil, "round \(round): the delete failed")
                if didChange, let row = deletedRows?.first {
                    #expect(row.amount == Money(cents: 900), "round \(round): the change reported success but the deleted row had \(row.amount)")
                }
            }
            #expect(try await ana.expenses(ExpenseFilter()).isEmpty)
        }
    }

    /// How many of `count` concurrent runs of `body` did not throw.
    private static func successes(_ count: Int, _ body: @escaping @Sendable (Int) async throws -> Void) async -> Int {
        await withTaskGroup(of: Bool.self) { group in
            for index in 0..<count { group.addTask { (try? await body(index)) != nil } }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
    }
}
