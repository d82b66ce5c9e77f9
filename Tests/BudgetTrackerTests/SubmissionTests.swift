import BudgetTracker
import Foundation
import PersistKit
import PersistTestSupport
import Testing

@Suite("A form's money rows are added once per submission key")
struct SubmissionTests {
    @Test("the same key again, or ten times at once, adds one expense and one transfer; another key or user adds again", arguments: TestBackend.available)
    func once(backend: TestBackend) async throws {
        try await LedgerFixture.with(backend) { ledger in
            try await ledger.addCategory(name: "Food")
            try await ledger.addCategory(name: "Fun")
            let ana = UserLedger(ledger, for: try await ledger.signUp(email: "ana@example.com", name: "Ana", password: "correct horse 1").user)
            let bo = UserLedger(ledger, for: try await ledger.signUp(email: "bo@example.com", name: "Bo", password: "correct horse 2").user)
            let date = try CalendarDate(parsing: "2024-04-01")
            let key = "k" + String(repeating: "a", count: 31)

            try await ana.addExpense(category: "Food", amount: Money(cents: 700), date: date, description: "lunch", submission: key)
            await #expect(throws: LedgerError.alreadySubmitted()) {
                try await ana.addExpense(category: "Food", amount: Money(cents: 700), date: date, description: "lunch", submission: key)
            }
            // Ten sends of one form at once (a double click, retries): one expense.
            let burst = "b" + String(repeating: "b", count: 31)
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<10 {
                    group.addTask {
                        (try? await ana.addExpense(category: "Food", amount: Money(cents: 100), date: date, description: "burst", submission: burst)) != nil
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
            // A transfer's two legs, once.
            let moved = "t" + String(repeating: "c", count: 31)
            _ = try await ana.transfer(from: "Food", to: "Fun", amount: Money(cents: 250), date: date, submission: moved)
            await #expect(throws: LedgerError.alreadySubmitted()) {
                _ = try await ana.transfer(from: "Food", to: "Fun", amount: Money(cents: 250), date: date, submission: moved)
            }
            // Keys are per user; a new key adds again; a malformed key is refused.
            try await bo.addExpense(category: "Food", amount: Money(cents: 700), date: date, description: "lunch", submission: key)
            try await ana.addExpense(category: "Food", amount: Money(cents: 700), date: date, description: "lunch", submission: "n" + String(repeating: "d", count: 31))
            await #expect(throws: LedgerError.self) {
                try await ana.addExpense(category: "Food", amount: Money(cents: 1), date: date, description: "x", submission: "short")
            }

            let report = try await ana.monthlyReport(month: try Month(parsing: "2024-04"))
            #expect(report.count == 5 && report.total == Money(cents: 700 + 100 + 700))
            #expect(Dictionary(uniqueKeysWithValues: report.categories.map { ($0.category, $0.total) }) == ["Food": Money(cents: 1_250), "Fun": Money(cents: 250)])
            #expect(try await bo.monthlyReport(month: try Month(parsing: "2024-04")).count == 1)
        }
    }
}
