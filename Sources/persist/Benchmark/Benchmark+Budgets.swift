import BudgetTracker
import Foundation

extension Benchmark {
    /// Sets each generated user a limit for every category, every month from the ledger's first
    /// (with `rollover`, every category rolls over, so each report reads all the months before
    /// its own), then times the budget report of every user and month.
    ///
    /// - Returns: each report's time in milliseconds, and the statements one report sends.
    static func budgetReports(_ ledger: Ledger, rollover: Bool) async throws -> (times: [Double], statementsPerReport: Int) {
        let (firstYear, firstMonth) = LedgerGenerator.months[0]
        let first = try Month(parsing: String(format: "%04d-%02d", firstYear, firstMonth))
        for user in LedgerGenerator.users {
            for category in LedgerGenerator.categories {
                try await ledger.setBudget(user: user, category: category, month: first, limit: Money(cents: 50_000), everyMonth: true, rollover: rollover)
            }
        }
        var times: [Double] = []
        let before = ledger.handle.statements.value
        for user in LedgerGenerator.users {
            for (year, month) in LedgerGenerator.months {
                let start = ContinuousClock.now
                _ = try await ledger.budgetReport(user: user, month: try Month(parsing: String(format: "%04d-%02d", year, month)))
                times.append((ContinuousClock.now - start).milliseconds)
            }
        }
        return (times, (ledger.handle.statements.value - before) / times.count)
    }
}
