import BudgetTracker
import PersistKit
import PersistTestSupport
import Testing

@Suite("No N+1: statements per call do not grow with the data")
struct StatementCountTests {
    @Test("1, 10 and 100 categories", arguments: TestBackend.available)
    func constantStatements(backend: TestBackend) async throws {
        var counts: [[String: Int]] = []
        for size in [1, 10, 100] {
            counts.append(try await LedgerFixture.with(backend) { ledger in
                _ = try await ledger.addUser(email: "a@example.com", name: "A")
                for index in 0..<size {
                    _ = try await ledger.addCategory(name: "Category \(index)")
                    let from = try Month(parsing: index % 2 == 0 ? "2023-06" : "2024-01")
                    try await ledger.setBudget(user: "a@example.com", category: "Category \(index)", month: from, limit: Money(cents: 5_000), everyMonth: true, rollover: index % 3 == 0)
                    for day in 1...2 {
                        _ = try await ledger.addExpense(NewExpense(
                            user: "a@example.com", category: "Category \(index)", amount: Money(cents: Int64(100 + index)),
                            date: try CalendarDate(year: 2024, month: 1, day: day), description: "e"
                        ))
                    }
                }
                let month = try Month(parsing: "2024-01")
                return [
                    "report": try await statements(ledger) { _ = try await $0.monthlyReport(user: "a@example.com", month: month) },
                    "budget": try await statements(ledger) { _ = try await $0.budgetReport(user: "a@example.com", month: month) },
                    "expenses": try await statements(ledger) { _ = try await $0.expenses(ExpenseFilter(user: "a@example.com", month: month)) },
                    "top": try await statements(ledger) { _ = try await $0.topExpenses(user: "a@example.com") },
                    "users": try await statements(ledger) { _ = try await $0.users() },
                    "categories": try await statements(ledger) { _ = try await $0.categories() },
                ]
            })
        }
        #expect(counts[0] == counts[1])
        #expect(counts[1] == counts[2])
        #expect(counts[0] == ["report": 1, "budget": 1, "expenses": 1, "top": 1, "users": 1, "categories": 1])
    }

    private func statements(_ ledger: Ledger, _ call: (Ledger) async throws -> Void) async throws -> Int {
        let before = ledger.handle.statements.value
        try await call(ledger)
        return ledger.handle.statements.value - before
    }
}
