// Models, CRUD, a transaction, a one-query report and its independent verification, end to end.
// Run: DATABASE_URL=sqlite:///budget.db swift run example-budget-report
import BudgetTracker
import Foundation
import PersistKit

let url = try ResolvedDatabaseURL.resolve(flag: nil).url
try await DatabaseHandle.withOpen(url) { handle in
    try await BudgetMigrations.migrator.migrate(on: handle)  // versioned, idempotent
    let ledger = Ledger(handle)
    let email = "example-\(UUID().uuidString.prefix(8).lowercased())@example.com"
    _ = try await ledger.addUser(email: email, name: "Example")
    for category in ["Food", "Travel"] where try await !ledger.categories().contains(where: { $0.name == category }) {
        _ = try await ledger.addCategory(name: category)
    }

    // Every write has a rollback path: the transfer's two rows are written together or not at all.
    let january = try Month(parsing: "2024-01")
    _ = try await ledger.addExpense(NewExpense(user: email, category: "Food", amount: Money(parsing: "52.50"),
                                               date: CalendarDate(parsing: "2024-01-15"), description: "Groceries"))
    _ = try await ledger.transfer(user: email, from: "Food", to: "Travel", amount: Money(parsing: "10.00"),
                                  date: CalendarDate(parsing: "2024-01-20"))

    // One SQL statement, however many categories; then an independent check from the raw ledger.
    let report = try await ledger.monthlyReport(user: email, month: january)
    for line in report.categories { print("\(line.category): \(line.total) (\(line.count))") }
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(email).csv")
    let rows = try await ledger.expenses(ExpenseFilter(user: email, oldestFirst: true))
    let csv = CSVWriter.line(LedgerCSV.columns) + rows.map {
        CSVWriter.line([$0.date.description, $0.user, $0.category, $0.amount.description, $0.description])
    }.joined()
    try csv.write(to: file, atomically: true, encoding: .utf8)
    let verification = try await ledger.verifyMonthlyReport(user: email, month: january, ledger: file)
    print(verification.permitted ? "Release permitted. Total \(report.total)" : "Release BLOCKED")
    try await ledger.deleteUser(email: email)  // clean up: the user's expenses go with them
}
