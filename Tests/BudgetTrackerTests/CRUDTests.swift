import FluentKit
import BudgetTracker
import Foundation
import PersistKit
import PersistTestSupport
import Testing

@Suite("CRUD on every model, read back through a new connection")
struct CRUDTests {
    @Test(arguments: TestBackend.available)
    func users(backend: TestBackend) async throws {
        try await LedgerFixture.with(backend) { ledger in
            let added = try await ledger.addUser(email: " Bob@Example.com ", name: "Bob")
            #expect(added.email == "bob@example.com")
            #expect(abs(added.createdAt.timeIntervalSinceNow) < 60)
            let users = try await reopened(ledger) { try await $0.users() }
            #expect(users.map(\.id) == [added.id])
            #expect(users.map(\.email) == ["bob@example.com"])
            #expect(users.map(\.name) == ["Bob"])
            _ = try await ledger.renameUser(email: "bob@example.com", to: "Robert")
            #expect(try await reopened(ledger) { try await $0.users() }.map(\.name) == ["Robert"])
            try await ledger.deleteUser(email: "bob@example.com")
            #expect(try await reopened(ledger) { try await $0.users() }.isEmpty)
        }
    }

    @Test(arguments: TestBackend.available)
    func categories(backend: TestBackend) async throws {
        try await LedgerFixture.with(backend) { ledger in
            let food = try await ledger.addCategory(name: "Food")
            // Without a colour, the palette's colour for the name.
            #expect(food.color == Category.color(for: "Food") && Category.palette.contains(food.color))
            _ = try await ledger.addCategory(name: "Fun", color: "#00aa00")
            #expect(try await reopened(ledger) { try await $0.categories() }.map(\.color) == [Category.color(for: "Food"), "#00AA00"])
            _ = try await ledger.recolorCategory(name: "Food", to: "#123456")
            #expect(try await reopened(ledger) { try await $0.categories() }.map(\.color) == ["#123456", "#00AA00"])
            try await ledger.deleteCategory(name: "Fun")
            #expect(try await reopened(ledger) { try await $0.categories() }.map(\.name) == ["Food"])
        }
    }

    @Test(arguments: TestBackend.available)
    func expenses(backend: TestBackend) async throws {
        try await LedgerFixture.with(backend) { ledger in
            _ = try await ledger.addUser(email: "a@example.com", name: "A")
            _ = try await ledger.addCategory(name: "Food")
            _ = try await ledger.addCategory(name: "Travel")
            let added = try await ledger.addExpense(NewExpense(
                user: "a@example.com", category: "Food", amount: Money(parsing: "12.34"),
                date: CalendarDate(parsing: "2024-03-05"), description: "'; DROP TABLE expenses; --"
            ))
            #expect(try await reopened(ledger) { try await $0.expenses() } == [added])
            #expect(added.description == "'; DROP TABLE expenses; --")
            let updated = try await ledger.updateExpense(id: added.id, ExpenseChanges(
                amount: Money(parsing: "20"), category: "Travel", date: CalendarDate(parsing: "2024-03-06"), description: "Train"
            ))
            #expect(try await reopened(ledger) { try await $0.expense(id: added.id) } == updated)
            #expect(updated.amount == Money(cents: 2000))
            #expect(updated.category == "Travel")
            #expect(updated.date.description == "2024-03-06")
            try await ledger.deleteExpense(id: added.id)
            #expect(try await reopened(ledger) { try await $0.expenses() }.isEmpty)
        }
    }

    @Test("imported expenses read back exactly through the models, creation time included", arguments: TestBackend.available)
    func imported(backend: TestBackend) async throws {
        try await LedgerFixture.with(backend) { ledger in
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("import-\(UUID().uuidString).csv")
            defer { try? FileManager.default.removeItem(at: file) }
            try Data(#"""
                date,user,category,amount,description
                2024-03-05, A@Example.com ,Food,12.34,"multi
                line, with ""quotes"" and \backslash\ and a	tab"
                2024-03-06,a@example.com, Food ,0.01,naïve café — 😀
                2024-03-07,b@example.com,Travel,99999999.99,'; DROP TABLE expenses; --
                """#.utf8).write(to: file)
            let summary = try await ledger.importExpenses(from: file, createMissing: true)
            #expect(summary.rows == 3)
            #expect(summary.total == Money(cents: 10_000_001_234))
            #expect(summary.createdUsers == 2)
            #expect(summary.createdCategories == 2)
            let expenses = try await reopened(ledger) { try await $0.expenses() }.sorted { $0.id < $1.id }
            #expect(expenses.map(\.description) == ["multi\nline, with \"quotes\" and \\backslash\\ and a\ttab", "naïve café — 😀", "'; DROP TABLE expenses; --"])
            #expect(expenses.map(\.user) == ["a@example.com", "a@example.com", "b@example.com"])
            #expect(expenses.map(\.category) == ["Food", "Food", "Travel"])
            #expect(expenses.map(\.amount.cents) == [1234, 1, 9_999_999_999])
            #expect(expenses.map(\.date.description) == ["2024-03-05", "2024-03-06", "2024-03-07"])
            let stamps = try await Expense.query(on: ledger.handle.unprotectedDatabase).all().map(\.createdAt)
            #expect(stamps.count == 3)
            #expect(stamps.allSatisfy { $0.map { abs($0.timeIntervalSinceNow) < 60 } ?? false }, "\(stamps)")
        }
    }

    @Test("listings filter, order newest first, and limit", arguments: TestBackend.available)
    func listings(backend: TestBackend) async throws {
        try await LedgerFixture.with(backend) { ledger in
            for email in ["a@example.com", "b@example.com"] { _ = try await ledger.addUser(email: email, name: "x") }
            for name in ["Food", "Travel"] { _ = try await ledger.addCategory(name: name) }
            for (user, category, amount, date) in [
                ("a@example.com", "Food", "1.00", "2024-01-31"), ("a@example.com", "Travel", "9.00", "2024-02-01"),
                ("b@example.com", "Food", "5.00", "2024-01-15"), ("a@example.com", "Food", "3.00", "2023-12-31"),
            ] {
                _ = try await ledger.addExpense(NewExpense(
                    user: user, category: category, amount: Money(parsing: amount), date: CalendarDate(parsing: date), description: "e"
                ))
            }
            let january = try Month(parsing: "2024-01")
            #expect(try await ledger.expenses(ExpenseFilter(user: "a@example.com")).map(\.date.description) == ["2024-02-01", "2024-01-31", "2023-12-31"])
            #expect(try await ledger.expenses(ExpenseFilter(month: january)).map(\.amount.description) == ["1.00", "5.00"])
            #expect(try await ledger.expenses(ExpenseFilter(category: "Food", limit: 2)).count == 2)
            #expect(try await ledger.topExpenses(user: "a@example.com", limit: 2).map(\.amount.description) == ["9.00", "3.00"])
            await #expect(throws: LedgerError.notFound(kind: "user", key: "nobody@example.com")) {
                try await ledger.expenses(ExpenseFilter(user: "nobody@example.com"))
            }
        }
    }

    @Test("deleting a user takes their expenses; a used category cannot be deleted", arguments: TestBackend.available)
    func relationships(backend: TestBackend) async throws {
        try await LedgerFixture.with(backend) { ledger in
            _ = try await ledger.addUser(email: "a@example.com", name: "A")
            _ = try await ledger.addUser(email: "b@example.com", name: "B")
            _ = try await ledger.addCategory(name: "Food")
            for user in ["a@example.com", "a@example.com", "b@example.com"] {
                _ = try await ledger.addExpense(NewExpense(user: user, category: "Food", amount: Money(cents: 100), description: "x"))
            }
            await #expect(throws: LedgerError.categoryInUse(name: "Food", expenses: 3)) { try await ledger.deleteCategory(name: "Food") }
            #expect(try await ledger.deleteUser(email: "a@example.com") == 2)
            #expect(try await ledger.expenses().map(\.user) == ["b@example.com"])
            // The database itself refuses, too, if the application check were bypassed.
            let error = await #expect(throws: (any Error).self) {
                try await ledger.handle.unprotectedSQL.raw("DELETE FROM categories WHERE name = 'Food'").run()
            }
            #expect(DriverRefusal.isConstraintFailure(error), "\(String(describing: error))")
        }
    }

    /// Runs `read` on a second, newly opened handle to the same database.
    private func reopened<T: Sendable>(_ ledger: Ledger, _ read: (Ledger) async throws -> T) async throws -> T {
        try await DatabaseHandle.withOpen(ledger.handle.url) { try await read(Ledger($0)) }
    }
}
