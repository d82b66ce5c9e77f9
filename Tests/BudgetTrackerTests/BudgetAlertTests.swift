import BudgetTracker
import Foundation
import PersistKit
import PersistTestSupport
import Testing

@Suite("Budget alerts")
struct BudgetAlertTests {
    private static let user = "alice@example.com"

    private static func alertRows(_ handle: DatabaseHandle) async throws -> Int {
        try await handle.unprotectedSQL.raw("SELECT COUNT(*) AS n FROM budget_alerts").first()!.decode(column: "n", as: Int.self)
    }

    @Test("80 % and 100 % by default, exact at the boundary; recorded once, reported again with their first record; thresholds per user", arguments: TestBackend.available)
    func thresholds(backend: TestBackend) async throws {
        try await LedgerFixture.with(backend) { ledger in
            _ = try await ledger.addUser(email: Self.user, name: "Alice")
            _ = try await ledger.addUser(email: "bob@example.com", name: "Bob")
            for name in ["Food", "Fun", "Rent", "Zero"] { _ = try await ledger.addCategory(name: name) }
            let month = try Month(parsing: "2024-01")
            try await ledger.setBudget(user: Self.user, category: "Food", month: month, limit: Money(parsing: "100"))
            try await ledger.setBudget(user: Self.user, category: "Fun", month: month, limit: Money(parsing: "100"))
            try await ledger.setBudget(user: Self.user, category: "Rent", month: month, limit: Money(parsing: "100"))
            try await ledger.setBudget(user: Self.user, category: "Zero", month: month, limit: .zero)
            let day = try CalendarDate(parsing: "2024-01-10")
            for (category, amount) in [("Food", "79.99"), ("Fun", "80.00"), ("Rent", "100.00"), ("Zero", "0.01")] {
                _ = try await ledger.addExpense(NewExpense(user: Self.user, category: category, amount: Money(parsing: amount), date: day, description: "x"))
            }
            let first = try await ledger.checkBudgetAlerts(user: Self.user, month: month)
            #expect(first.thresholds == [80, 100])
            #expect(first.alerts.map { "\($0.category) \($0.percent) \($0.isNew)" } == ["Fun 80 true", "Rent 80 true", "Rent 100 true", "Zero 80 true", "Zero 100 true"])
            let again = try await ledger.checkBudgetAlerts(user: Self.user, month: month)
            #expect(again.alerts.map(\.isNew) == [false, false, false, false, false])
            #expect(again.alerts.map(\.recordedAt) == first.alerts.map(\.recordedAt))
            #expect(try await Self.alertRows(ledger.handle) == 5)
            // Food crosses 80 % later: only that one is new.
            _ = try await ledger.addExpense(NewExpense(user: Self.user, category: "Food", amount: Money(cents: 1), date: day, description: "x"))
            #expect(try await ledger.checkBudgetAlerts(user: Self.user, month: month).alerts.filter(\.isNew).map { "\($0.category) \($0.percent)" } == ["Food 80"])
            // Bob has no budget: nothing. Thresholds are his own.
            #expect(try await ledger.checkBudgetAlerts(user: "bob@example.com", month: month).alerts.isEmpty)
            #expect(try await ledger.setAlertThresholds(user: "bob@example.com", percents: [90, 50, 90]) == [50, 90])
            #expect(try await ledger.checkBudgetAlerts(user: "bob@example.com", month: month).thresholds == [50, 90])
            #expect(try await ledger.checkBudgetAlerts(user: Self.user, month: month).thresholds == [80, 100])
            for bad in [[], [0], [1001], Array(1...11)] {
                await #expect(throws: LedgerError.self) { try await ledger.setAlertThresholds(user: Self.user, percents: bad) }
            }
            await #expect(throws: LedgerError.notFound(kind: "user", key: "nobody@example.com")) { try await ledger.checkBudgetAlerts(user: "nobody@example.com", month: month) }
            #expect(try await Self.alertRows(ledger.handle) == 6)
        }
    }

    @Test("ten checks at once record each alert once, and exactly one of them calls it new", arguments: TestBackend.available)
    func concurrentChecks(backend: TestBackend) async throws {
        try await LedgerFixture.with(backend) { ledger in
            _ = try await ledger.addUser(email: Self.user, name: "Alice")
            let month = try Month(parsing: "2024-02")
            for index in 0..<5 {
                _ = try await ledger.addCategory(name: "C\(index)")
                try await ledger.setBudget(user: Self.user, category: "C\(index)", month: month, limit: Money(parsing: "10"))
                _ = try await ledger.addExpense(NewExpense(user: Self.user, category: "C\(index)", amount: Money(parsing: "12"), date: try CalendarDate(parsing: "2024-02-02"), description: "x"))
            }
            // A check that finds the database busy (SQLite in one busy process) records nothing.
            let results = try await withThrowingTaskGroup(of: BudgetAlerts?.self) { group in
                for _ in 0..<10 {
                    group.addTask {
                        do {
                            return try await ledger.checkBudgetAlerts(user: Self.user, month: month)
                        } catch let error as DatabaseError where backend == .sqlite && [.poolExhausted, .queryFailed].contains(error.code) {
                            return nil
                        }
                    }
                }
                return try await group.reduce(into: [BudgetAlerts]()) { if let result = $1 { $0.append(result) } }
            }
            let final = try await ledger.checkBudgetAlerts(user: Self.user, month: month)
            #expect(results.allSatisfy { $0.alerts.count == 10 } && final.alerts.count == 10)
            #expect((results + [final]).flatMap(\.alerts).filter(\.isNew).count == 10)
            #expect(try await Self.alertRows(ledger.handle) == 10)
        }
    }
}
