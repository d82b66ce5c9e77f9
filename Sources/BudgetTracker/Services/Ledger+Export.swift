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
        try await exportExpenses(filter, snapshot: true, to: write)
    }

    /// ``exportExpenses(_:to:)``; without `snapshot`, no connection is held while the rows are
    /// read and written (a server's other users wait for no one): the matching ids are listed
    /// first, in the export's order, in one read snapshot (ids only: a fraction of the export's
    /// time), and the rows are then read a page of those ids at a time, each in a unit of its
    /// own. An expense changed meanwhile is written once, as it is when its page is read (if it
    /// still matches the filter); one deleted meanwhile is left out (a transfer's two legs
    /// together); one added meanwhile is not in it (on SQLite, unless it took the id of one
    /// deleted meanwhile: ids there are reused). (Paging on date and id instead, an expense whose date was changed during the export
    /// was left out or written twice.) The ids take 8 bytes per expense in memory.
    func exportExpenses(_ filter: ExpenseFilter, snapshot: Bool, to write: @escaping @Sendable (String) throws -> Void) async throws -> Int {
        // A server shutting down cancels what is still running after its grace period: an export
        // stops at its next page instead of holding the shutdown up.
        try await CancellationFlag.watching { cancellation in
            try await exportExpenses(try CheckedFilter(filter), snapshot: snapshot, cancellation: cancellation, to: write)
        }
    }

    private func exportExpenses(
        _ checked: CheckedFilter, snapshot: Bool, cancellation: CancellationFlag, to write: @escaping @Sendable (String) throws -> Void
    ) async throws -> Int {
        if snapshot {
            let started = ExportStart()
            return try await handle.readSnapshot { database in
                guard started.begin() else {
                    throw LedgerError.invalid(field: "export", reason: "the database connection was lost part way; the export is incomplete, run it again")
                }
                var export = ExportPages(filter: checked, write: write)
                try await export.start(on: database)
                while try await export.next(on: database) { try cancellation.check() }
                return export.count
            }
        }
        let listed = try await handle.readSnapshot { database in
            try await checked.requireNamesExist(on: database)
            var ids: [(id: Int, transfer: Int?)] = []
            var after: (date: String, id: Int)?
            while true {
                try cancellation.check()
                var query = checked.apply(to: Ledger.joinedExpenses(on: database))
                if let after { query = query.filter(ExportPages.following(after)) }
                let page = try await query.field(\.$id).field(\.$spentOn).field(\.$transferID)
                    .sort(\.$spentOn, .ascending).sort(\.$id, .ascending).limit(Ledger.exportPageSize).all()
                ids += page.map { ($0.id!, $0.transferID) }
                guard let last = page.last, page.count == Ledger.exportPageSize else { return ids }
                after = (last.spentOn, last.id!)
            }
        }
        var export = ExportPages(filter: checked, write: write)
        try export.writeHeader()
        for chunk in ExportPages.pages(of: listed, size: Ledger.exportPageSize) {
            try cancellation.check()
            let page = try await handle.read { database in
                try await checked.apply(to: Ledger.joinedExpenses(on: database)).filter(\.$id ~~ chunk).all()
            }
            let position = Dictionary(uniqueKeysWithValues: chunk.enumerated().map { ($1, $0) })
            try export.append(page.sorted { position[$0.id!, default: 0] < position[$1.id!, default: 0] })
        }
        return export.count
    }
}

/// An export's progress from page to page: where the last page ended, the transfers met so far.
private struct ExportPages: Sendable {
    let filter: CheckedFilter
    let write: @Sendable (String) throws -> Void
    private(set) var count = 0
    /// A transfer's two rows share a number, counted from 1 in the order the export meets them:
    /// ids are not carried over, so a round trip writes the same numbers again.
    private var transfers: [Int: Int] = [:]
    private var after: (date: String, id: Int)?

    init(filter: CheckedFilter, write: @escaping @Sendable (String) throws -> Void) {
        self.filter = filter
        self.write = write
    }

    /// Checks the names and writes the header.
    func start(on database: any Database) async throws {
        try await filter.requireNamesExist(on: database)
        try writeHeader()
    }

    /// Writes the header line.
    func writeHeader() throws {
        try write(CSVWriter.line(LedgerCSV.exportColumns))
    }

    /// Writes the next page; `false` when there is no more.
    mutating func next(on database: any Database) async throws -> Bool {
        var query = filter.apply(to: Ledger.joinedExpenses(on: database))
        if let after { query = query.filter(Self.following(after)) }
        let page = try await query.sort(\.$spentOn, .ascending).sort(\.$id, .ascending).limit(Ledger.exportPageSize).all()
        guard let last = page.last else { return false }
        try append(page)
        after = (last.spentOn, last.id!)
        return page.count == Ledger.exportPageSize
    }

    /// `listed`'s ids in pages of about `size`, the two legs of a transfer always in the same page:
    /// a transfer is deleted whole, so one read of a page finds both legs or neither (a page
    /// boundary between them let an export hold one leg, when the transfer was deleted between
    /// the two pages' reads).
    static func pages(of listed: [(id: Int, transfer: Int?)], size: Int) -> [[Int]] {
        var lastLeg: [Int: Int] = [:]
        for (position, row) in listed.enumerated() {
            if let transfer = row.transfer { lastLeg[transfer] = position }
        }
        var pages: [[Int]] = []
        var start = 0
        while start < listed.count {
            var end = min(start + size, listed.count), position = start
            while position < end {
                if let transfer = listed[position].transfer, let last = lastLeg[transfer], last >= end { end = last + 1 }
                position += 1
            }
            pages.append(listed[start..<end].map(\.id))
            start = end
        }
        return pages
    }

    /// The expenses after `after` in the export's order: `(spent_on, id) > (…, …)`, one range of
    /// the expenses_date_id index, so each page costs the same however far into the ledger it is.
    static func following(_ after: (date: String, id: Int)) -> DatabaseQuery.Filter {
        .sql(SQLBinaryExpression(
            SQLGroupExpression([SQLColumn("spent_on", table: Expense.schema), SQLColumn("id", table: Expense.schema)]),
            .greaterThan,
            SQLGroupExpression([CharValue(text: after.date, width: 10), SQLBind(after.id)])
        ))
    }

    /// Writes `page`'s expenses, in its order, as lines of the ledger CSV.
    mutating func append(_ page: [Expense]) throws {
        guard !page.isEmpty else { return }
        var text = ""
        for expense in page {
            let record = try Ledger.record(expense)
            var tag = ""
            if let transfer = expense.transferID {
                if transfers[transfer] == nil { transfers[transfer] = transfers.count + 1 }
                tag = String(transfers[transfer]!)
            }
            text += CSVWriter.line([record.date.description, record.user, record.category, record.amount.description, record.description, tag])
        }
        try write(text)
        count += page.count
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
