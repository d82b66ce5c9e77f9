import PersistKit

extension Ledger {
    /// Writes matching expenses, oldest first, in the ledger CSV format that
    /// ``importExpenses(from:createMissing:progress:stop:)`` reads back.
    ///
    /// - Parameter write: receives the header line, then one line per expense.
    /// - Returns: the number of expenses written.
    @discardableResult
    public func exportExpenses(_ filter: ExpenseFilter = ExpenseFilter(), to write: (String) throws -> Void) async throws -> Int {
        var filter = filter
        filter.oldestFirst = true
        let records = try await expenses(filter)
        try write(CSVWriter.line(LedgerCSV.columns))
        for record in records {
            try write(CSVWriter.line([record.date.description, record.user, record.category, record.amount.description, record.description]))
        }
        return records.count
    }
}
