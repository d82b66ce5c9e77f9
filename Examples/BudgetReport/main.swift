// Models, CRUD, a transaction, a one-query report and its independent verification, end to end.
// Run: DATABASE_URL=sqlite:///budget.db swift run example-budget-report
import BudgetTracker
import Foundation
import Logging
import PersistKit

func run() async throws {
    let url = try ResolvedDatabaseURL.resolve(flag: nil).url
    var logger = Logger(label: "example.database")
    logger.logLevel = .critical  // connection trouble is reported once, below, not also by the driver
    try await DatabaseHandle.withOpen(url, logger: logger) { handle in
        try await BudgetMigrations.migrator.migrate(on: handle)  // versioned, idempotent, one migrator at a time
        let ledger = Ledger(handle)
        let email = "example-\(UUID().uuidString.prefix(8).lowercased())@example.com"
        _ = try await ledger.addUser(email: email, name: "Example")
        do {
            for category in ["Food", "Travel"] {
                do {
                    _ = try await ledger.addCategory(name: category)
                } catch let error as LedgerError where error.code == .duplicate {
                    // Shared categories: another run (perhaps at this moment) made it already.
                }
            }

            // The independent source: the month's statement as the bank sent it, written down before
            // anything is stored and never read from the database.
            let statement = FileManager.default.temporaryDirectory.appendingPathComponent("\(email)-statement.csv")
            defer { try? FileManager.default.removeItem(at: statement) }
            try """
                date,user,category,amount,description
                2024-01-15,\(email),Food,52.50,Groceries
                2024-01-20,\(email),Food,-10.00,Transfer to Travel
                2024-01-20,\(email),Travel,10.00,Transfer from Food

                """.write(to: statement, atomically: true, encoding: .utf8)

            // Every write has a rollback path: the transfer's two rows are written together or not at all.
            let january = try Month(parsing: "2024-01")
            _ = try await ledger.addExpense(NewExpense(user: email, category: "Food", amount: Money(parsing: "52.50"),
                                                       date: CalendarDate(parsing: "2024-01-15"), description: "Groceries"))
            _ = try await ledger.transfer(user: email, from: "Food", to: "Travel", amount: Money(parsing: "10.00"),
                                          date: CalendarDate(parsing: "2024-01-20"))

            // One SQL statement, however many categories; then the check against the statement, by a
            // second path (its own CSV parser and arithmetic): release only when the two agree.
            let report = try await ledger.monthlyReport(user: email, month: january)
            for line in report.categories { print("\(line.category): \(line.total) (\(line.count))") }
            let verification = try await ledger.verifyMonthlyReport(user: email, month: january, ledger: statement)
            print(verification.permitted ? "Release permitted. Total \(report.total)" : "Release BLOCKED")
        } catch {
            try? await ledger.deleteUser(email: email)  // a failed run leaves no example user behind
            throw error
        }
        try await ledger.deleteUser(email: email)  // clean up: the user's expenses go with them
    }
}

do {
    try await run()
} catch {
    // persist's errors are one line for a person, without the password.
    // A server's message may hold line breaks or escape codes: shown as one line, controls replaced.
    let line = String(describing: error).unicodeScalars.map { $0.properties.generalCategory == .control ? "\u{FFFD}" : String($0) }.joined()
    FileHandle.standardError.write(Data("example-budget-report: error: \(line)\n".utf8))
    exit(1)
}
