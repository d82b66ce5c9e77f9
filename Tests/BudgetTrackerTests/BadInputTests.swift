import BudgetTracker
import Foundation
import PersistKit
import PersistTestSupport
import Testing

@Suite("Bad input is refused, names the field, and changes nothing")
struct BadInputTests {
    /// One bad call and the field its error must name.
    struct Case: Sendable, CustomStringConvertible {
        let description: String
        let field: String
        let call: @Sendable (Ledger) async throws -> Void
    }

    static let cases: [Case] = [
        Case(description: "duplicate email", field: "alice@example.com") { try await $0.addUser(email: "alice@example.com", name: "Again") },
        Case(description: "email without @", field: "email") { try await $0.addUser(email: "alice.example.com", name: "A") },
        Case(description: "email with a space", field: "email") { try await $0.addUser(email: "al ice@example.com", name: "A") },
        Case(description: "email of 101 characters", field: "email") {
            try await $0.addUser(email: String(repeating: "a", count: 89) + "@example.com", name: "A")
        },
        Case(description: "duplicate category", field: "Food") { try await $0.addCategory(name: "Food") },
        Case(description: "bad colour", field: "color") { try await $0.addCategory(name: "New", color: "red") },
        Case(description: "unknown user", field: "nobody@example.com") { try await $0.addExpense(expense(user: "nobody@example.com")) },
        Case(description: "unknown category", field: "Nowhere") { try await $0.addExpense(expense(category: "Nowhere")) },
        Case(description: "amount 0", field: "amount") { try await $0.addExpense(expense(amount: "-0.00")) },
        Case(description: "amount 0", field: "amount") { try await $0.addExpense(expense(amount: "0.00")) },
        Case(description: "description of 201 characters", field: "description") {
            try await $0.addExpense(expense(description: String(repeating: "d", count: 201)))
        },
        Case(description: "description with NUL", field: "description") { try await $0.addExpense(expense(description: "a\u{0}b")) },
        Case(description: "empty description", field: "description") { try await $0.addExpense(expense(description: "  ")) },
        Case(description: "category in use", field: "Food") { try await $0.deleteCategory(name: "Food") },
        Case(description: "unknown expense", field: "999") { try await $0.deleteExpense(id: 999) },
        Case(description: "update with nothing", field: "changes") { _ = try await $0.updateExpense(id: 1, ExpenseChanges()) },
        Case(description: "CSV missing a column", field: "amount") { try await $0.importExpenses(from: csv("date,user,category,description\n2024-01-01,alice@example.com,Food,x\n")) },
        Case(description: "CSV with a broken quote", field: "quote") {
            try await $0.importExpenses(from: csv("date,user,category,amount,description\n2024-01-01,alice@example.com,Food,1.00,\"open\n2024-01-02,alice@example.com,Food,2.00,x\n"))
        },
        Case(description: "CSV with a bad date", field: "date") {
            try await $0.importExpenses(from: csv("date,user,category,amount,description\n2024-01-01,alice@example.com,Food,1.00,ok\n2024-02-30,alice@example.com,Food,1.00,bad\n"))
        },
        Case(description: "CSV with an unknown user", field: "ghost@example.com") {
            try await $0.importExpenses(from: csv("date,user,category,amount,description\n2024-01-01,ghost@example.com,Food,1.00,x\n"))
        },
        Case(description: "CSV with a short row", field: "fields") {
            try await $0.importExpenses(from: csv("date,user,category,amount,description\n2024-01-01,alice@example.com,Food\n"))
        },
        Case(description: "empty CSV", field: "empty") { try await $0.importExpenses(from: csv("")) },
    ]

    @Test(arguments: TestBackend.available, cases)
    func refusedAndUnchanged(backend: TestBackend, bad: Case) async throws {
        try await LedgerFixture.with(backend) { ledger in
            _ = try await ledger.seedSampleData()
            let before = try await DatabaseSnapshot.take(ledger.handle)
            do {
                try await bad.call(ledger)
                Issue.record("\(bad) was accepted")
            } catch let error as LedgerError {
                #expect(error.description.contains(bad.field), "\(error)")
                #expect(!error.description.contains("\n"))
            }
            #expect(try await DatabaseSnapshot.take(ledger.handle) == before)
        }
    }

    @Test("dates", arguments: ["2024-02-30", "2024-13-01", "24-01-01", "2023-02-29", "2024-1-1", "2024/01/01", ""])
    func badDates(text: String) {
        #expect(throws: LedgerError.self) { try CalendarDate(parsing: text) }
    }

    @Test func leapDay() throws {
        #expect(try CalendarDate(parsing: "2024-02-29").description == "2024-02-29")
    }

    private static func expense(
        user: String = "alice@example.com", category: String = "Food", amount: String = "1.00", description: String = "x"
    ) throws -> NewExpense {
        NewExpense(user: user, category: category, amount: try Money(parsing: amount), description: description)
    }

    private static func csv(_ text: String) throws -> URL {
        let file = try TemporaryFolder.make().appendingPathComponent("bad.csv")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }
}
