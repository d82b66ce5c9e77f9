import Foundation
import FluentKit
import FluentSQL
import PersistKit
import SQLKit

extension Ledger {
    /// Expenses read per statement while exporting: memory stays flat however many there are.
    static let exportPageSize = 5_000

    /// Writes matching expenses, oldest first, in the ledger CSV format that
    /// ``importExpenses(from:createMissing:again:progress:stop:)`` reads back.
    ///
    /// The rows are read page by page (keyset pagination on date and id) inside one read
    /// snapshot, so the export is one consistent moment of the database and memory does not grow
    /// with the number of rows. If the connection is lost part way (PostgreSQL), the export fails
    /// rather than starting over, so nothing is written twice.
    ///
    /// - Parameter write: receives the header line, then lines of expenses, a page at a time.
    /// - Returns: the number of expenses written.
    @discardableResult
    public func exportExpenses(_ filter: ExpenseFilter = ExpenseFilter(), to write: @escaping @Sendable (String) throws -> Void) async throws -> Int {
        let email = try filter.user.map { email throws(LedgerError) in try Validation.email(email) }
        let started = ExportStart()
        return try await handle.readSnapshot { database in
            guard started.begin() else {
                throw LedgerError.invalid(field: "export", reason: "the database connection was lost part way; the export is incomplete, run it again")
            }
            if let email { _ = try await Self.user(email: email, on: database) }
            try write(CSVWriter.line(LedgerCSV.exportColumns))
            var count = 0
            // A transfer's two rows share a number, counted from 1 in the order the export meets
            // them: ids are not carried over, so a round trip writes the same numbers again.
            var transfers: [Int: Int] = [:]
            var after: (date: String, id: Int)?
            while true {
                var query = Self.joinedExpenses(on: database)
                if let email { query = query.filter(User.self, \.$email == email) }
                if let month = filter.month {
                    query = query.filter(\.$spentOn >= month.firstDay.description).filter(\.$spentOn <= month.lastDay.description)
                }
                if let after {
                    // `(spent_on, id) > (…, …)`: one range of the expenses_date_id index, so each
                    // page costs the same however far into the ledger it is.
                    query = query.filter(.sql(SQLBinaryExpression(
                        SQLGroupExpression([SQLColumn("spent_on", table: Expense.schema), SQLColumn("id", table: Expense.schema)]),
                        .greaterThan,
                        SQLGroupExpression([SQLBind(after.date), SQLBind(after.id)])
                    )))
                }
                let page = try await query.sort(\.$spentOn, .ascending).sort(\.$id, .ascending).limit(Self.exportPageSize).all()
                guard let last = page.last else { break }
                var text = ""
                for expense in page {
                    let record = try Self.record(expense)
                    var tag = ""
                    if let transfer = expense.transferID {
                        if transfers[transfer] == nil { transfers[transfer] = transfers.count + 1 }
                        tag = String(transfers[transfer]!)
                    }
                    text += CSVWriter.line([record.date.description, record.user, record.category, record.amount.description, record.description, tag])
                }
                try write(text)
                count += page.count
                after = (last.spentOn, last.id!)
                if page.count < Self.exportPageSize { break }
            }
            return count
        }
    }
}

/// Whether an export's read has begun: a second start means the connection was lost after
/// lines were already written.
private final class ExportStart: @unchecked Sendable {
    private var started = false
    private let lock = NSLock()

    func begin() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if started { return false }
        started = true
        return true
    }
}
