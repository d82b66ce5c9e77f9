import FluentKit
import Foundation
import PersistKit
import SQLKit

/// What an import wrote.
public struct ImportSummary: Sendable, Equatable, Codable {
    /// Expenses written.
    public let rows: Int
    /// Their exact sum.
    public let total: Money
    /// Users created by `createMissing`.
    public let createdUsers: Int
    /// Categories created by `createMissing`.
    public let createdCategories: Int
}

extension Ledger {
    /// Rows per INSERT statement: large enough to amortise the round trip, small enough to stay
    /// far below SQLite's and PostgreSQL's limits on bound parameters.
    static let importBatchSize = 500

    /// Imports a ledger CSV (see ``LedgerCSV``), all or nothing.
    ///
    /// The file is streamed and written in batches inside one transaction: any bad row (unknown
    /// user or category, bad amount or date, missing field) stops the import with its row number
    /// and reason and rolls everything back.
    ///
    /// - Parameters:
    ///   - createMissing: create unknown users (named after their email) and categories instead of failing.
    ///   - progress: called after each batch with the number of rows read so far.
    /// - Throws: ``LedgerError/importFailed(row:reason:)``; nothing is written.
    @discardableResult
    public func importExpenses(
        from file: URL, createMissing: Bool = false, progress: (@Sendable (Int) -> Void)? = nil
    ) async throws -> ImportSummary {
        try await handle.transaction { database in
            // Opened inside the transaction: if a lost connection makes the transaction start
            // over, the file is read again from its first row, never from where it stopped.
            let reader: CSVReader
            do {
                reader = try CSVReader(contentsOf: file)
            } catch let error as CSVError {
                throw LedgerError.importFailed(row: 0, reason: error.reason)
            }
            return try await ImportRun(reader: reader, database: database, createMissing: createMissing, progress: progress).run()
        }
    }
}

/// One import, inside its transaction.
private struct ImportRun {
    let reader: CSVReader
    let database: any Database
    let createMissing: Bool
    let progress: (@Sendable (Int) -> Void)?

    private var sql: any SQLDatabase { database as! any SQLDatabase }

    func run() async throws -> ImportSummary {
        guard let header = try next() else {
            throw LedgerError.importFailed(row: 1, reason: "the file is empty (it needs a header row: \(LedgerCSV.columns.joined(separator: ",")))")
        }
        let layout = try LedgerCSV.Layout(header: header)
        var users = try await lookup(User.schema, key: "email")
        var categories = try await lookup(Category.schema, key: "name")
        var createdUsers = 0
        var createdCategories = 0
        var batch: [[any SQLExpression]] = []
        var rows = 0
        var total = Money.zero
        let now = Date()

        while let fields = try next() {
            let row = reader.recordNumber
            guard fields.count == layout.width else {
                throw LedgerError.importFailed(row: row, reason: "expected \(layout.width) fields, found \(fields.count)")
            }
            let parsed: (date: CalendarDate, email: String, category: String, amount: Money, description: String)
            do {
                parsed = (
                    try CalendarDate(parsing: fields[layout.date].trimmingCharacters(in: .whitespaces)),
                    try Validation.email(fields[layout.user]),
                    try Validation.text(fields[layout.category], field: "category", maximum: 50),
                    try Validation.positive(Money(parsing: fields[layout.amount])),
                    try Validation.text(fields[layout.description], field: "description", maximum: 200, multiline: true)
                )
            } catch {
                throw LedgerError.importFailed(row: row, reason: error.description)
            }
            let userID: Int
            if let id = users[parsed.email] {
                userID = id
            } else if createMissing {
                userID = try await insertReturningID(User.schema, ["email": parsed.email, "name": String(parsed.email.prefix { $0 != "@" }), "created_at": now])
                users[parsed.email] = userID
                createdUsers += 1
            } else {
                throw LedgerError.importFailed(row: row, reason: "no user '\(parsed.email)' (add it first, or import with --create-missing)")
            }
            let categoryID: Int
            if let id = categories[parsed.category] {
                categoryID = id
            } else if createMissing {
                categoryID = try await insertReturningID(Category.schema, ["name": parsed.category, "color": Category.defaultColor])
                categories[parsed.category] = categoryID
                createdCategories += 1
            } else {
                throw LedgerError.importFailed(row: row, reason: "no category '\(parsed.category)' (add it first, or import with --create-missing)")
            }
            batch.append([
                SQLBind(userID), SQLBind(categoryID), SQLBind(parsed.description), SQLBind(parsed.amount.cents),
                SQLBind(parsed.date.description), SQLBind(now),
            ])
            rows += 1
            total = total + parsed.amount
            if batch.count == Ledger.importBatchSize {
                try await insert(batch)
                batch.removeAll(keepingCapacity: true)
                progress?(rows)
            }
        }
        if !batch.isEmpty {
            try await insert(batch)
            progress?(rows)
        }
        return ImportSummary(rows: rows, total: total, createdUsers: createdUsers, createdCategories: createdCategories)
    }

    private func next() throws -> [String]? {
        do {
            return try reader.next()
        } catch {
            throw LedgerError.importFailed(row: reader.recordNumber + 1, reason: error.description)
        }
    }

    private func insert(_ rows: [[any SQLExpression]]) async throws {
        let insert = sql.insert(into: Expense.schema)
            .columns("user_id", "category_id", "description", "amount_cents", "spent_on", "created_at")
        for row in rows { insert.values(row) }
        try await insert.run()
    }

    /// `key → id` for a whole table: one statement, then no lookups per row.
    private func lookup(_ table: String, key: String) async throws -> [String: Int] {
        let rows = try await sql.select().column(SQLIdentifier("id")).column(SQLIdentifier(key), as: "key").from(table).all()
        var map: [String: Int] = [:]
        for row in rows {
            map[try row.decode(column: "key", as: String.self)] = try row.decode(column: "id", as: Int.self)
        }
        return map
    }

    private func insertReturningID(_ table: String, _ values: KeyValuePairs<String, any Encodable & Sendable>) async throws -> Int {
        let row = try await sql.insert(into: table)
            .columns(values.map(\.key))
            .values(values.map { SQLBind($0.value) })
            .returning("id")
            .first()
        return try row!.decode(column: "id", as: Int.self)
    }
}
