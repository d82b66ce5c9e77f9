import Foundation
import PersistKit
import FluentKit
import FluentSQL

/// What to record with ``Ledger/addExpense(_:)``.
public struct NewExpense: Sendable {
    /// The spender's email.
    public var user: String
    /// The category's name.
    public var category: String
    /// How much: positive for a purchase, negative for a refund; never zero.
    public var amount: Money
    /// The day it was spent.
    public var date: CalendarDate
    /// What it was, 1 to 200 characters.
    public var description: String

    /// A new expense; the date defaults to today.
    public init(user: String, category: String, amount: Money, date: CalendarDate = .today(), description: String) {
        self.user = user
        self.category = category
        self.amount = amount
        self.date = date
        self.description = description
    }
}

/// Which expenses a listing shows.
public struct ExpenseFilter: Sendable {
    /// Only this user's expenses (email).
    public var user: String?
    /// Skip this many (after ordering), for pages of ``limit``.
    public var offset: Int?
    /// Only this category.
    public var category: String?
    /// Only this month.
    public var month: Month?
    /// Only on or after this day.
    public var from: CalendarDate?
    /// Only on or before this day.
    public var to: CalendarDate?
    /// Only descriptions containing this text, ignoring case (ASCII letters on SQLite, all
    /// letters on PostgreSQL); `%` and `_` are plain characters.
    public var text: String?
    /// At most this many, newest first.
    public var limit: Int?
    /// Oldest first (for exports) instead of newest first.
    public var oldestFirst = false

    /// A filter; `nil` fields do not filter.
    public init(
        user: String? = nil, category: String? = nil, month: Month? = nil, from: CalendarDate? = nil, to: CalendarDate? = nil,
        text: String? = nil, limit: Int? = nil, oldestFirst: Bool = false
    ) {
        self.user = user
        self.category = category
        self.month = month
        self.from = from
        self.to = to
        self.text = text
        self.limit = limit
        self.oldestFirst = oldestFirst
    }
}

/// The fields ``Ledger/updateExpense(id:_:)`` changes; `nil` leaves a field as it is.
public struct ExpenseChanges: Sendable {
    /// A new amount.
    public var amount: Money?
    /// A new category.
    public var category: String?
    /// A new date.
    public var date: CalendarDate?
    /// A new description.
    public var description: String?

    /// The changes; `nil` fields stay as they are.
    public init(amount: Money? = nil, category: String? = nil, date: CalendarDate? = nil, description: String? = nil) {
        self.amount = amount
        self.category = category
        self.date = date
        self.description = description
    }

    var isEmpty: Bool { amount == nil && category == nil && date == nil && description == nil }
}

extension Ledger {
    /// Records an expense.
    ///
    /// - Throws: ``LedgerError/invalid(field:reason:)`` for an amount that is zero or too
    ///   large, or a bad description; ``LedgerError/notFound(kind:key:)`` for an unknown user or category.
    @discardableResult
    public func addExpense(_ new: NewExpense) async throws -> ExpenseRecord {
        try await addExpense(new, alsoIn: { _, _ in })
    }

    /// ``addExpense(_:)``, running `alsoIn` with the new id in the same transaction.
    @discardableResult
    func addExpense(_ new: NewExpense, alsoIn: @escaping @Sendable (any Database, Int) async throws -> Void) async throws -> ExpenseRecord {
        let amount = try Validation.amount(new.amount)
        let description = try Validation.text(new.description, field: "description", maximum: 200, multiline: true)
        let email = try Validation.email(new.user)
        // The record is read back inside the transaction: once it commits, nothing can fail and
        // tell the caller "not saved" about a write that was.
        do {
            return try await handle.transaction { database in
                let user = try await Self.user(email: email, on: database)
                let category = try await Self.category(name: new.category, visibleTo: user.id!, on: database)
                let expense = Expense(userID: user.id!, categoryID: category.id!, description: description, amount: amount, date: new.date)
                try await expense.create(on: database)
                try await alsoIn(database, expense.id!)
                return try await Self.expense(id: expense.id!, on: database)
            }
        } catch where ForeignKeyViolation.matches(error) {
            throw LedgerError.conflict("category '\(new.category)' or user \(email) was deleted while the expense was being saved")
        }
    }

    /// ``addExpense(_:)`` for a user known by id (the service's signed-in user), in a transaction
    /// of one statement: the category (one the user sees) is resolved inside the `INSERT … SELECT`,
    /// and the record is made from what was written and the id `RETURNING` gives. A server adds
    /// expenses several times faster this way than with a lookup per name and a read-back.
    func addExpense(_ new: NewExpense, ownerID: Int) async throws -> ExpenseRecord {
        let amount = try Validation.amount(new.amount)
        let description = try Validation.text(new.description, field: "description", maximum: 200, multiline: true)
        let email = try Validation.email(new.user)
        let category = try Validation.category(new.category)
        let date = new.date, now = Date()
        let inserted: InsertedID?
        do {
            inserted = try await handle.writeStatement("""
                INSERT INTO \(ident: Expense.schema) (\(ident: Expense.Column.userID.description), \(ident: Expense.Column.categoryID.description),
                    \(ident: Expense.Column.description.description), \(ident: Expense.Column.amountCents.description),
                    \(ident: Expense.Column.spentOn.description), \(ident: Expense.Column.createdAt.description))
                SELECT \(bind: ownerID), c.id, \(bind: description), \(bind: amount.cents), \(bind: date.description), \(bind: now)
                FROM \(ident: Category.schema) c
                WHERE c.name = \(bind: category) AND (c.owner_id IS NULL OR c.owner_id = \(bind: ownerID))
                LIMIT 1
                RETURNING id
                """, decoding: InsertedID.self).first
        } catch where ForeignKeyViolation.matches(error) {
            throw LedgerError.conflict("category '\(category)' or user \(email) was deleted while the expense was being saved")
        }
        guard let inserted else { throw LedgerError.notFound(kind: "category", key: category) }
        return ExpenseRecord(id: inserted.id, date: date, user: email, category: category, amount: amount, description: description)
    }

    /// The id an `INSERT … RETURNING id` gives back.
    private struct InsertedID: Decodable, Sendable {
        let id: Int
    }

    /// Expenses matching `filter`, newest first (or oldest first), each with its user and category,
    /// in one query however many rows, users or categories there are.
    ///
    /// - Throws: ``LedgerError/notFound(kind:key:)`` when the filter names an unknown user or category.
    public func expenses(_ filter: ExpenseFilter = ExpenseFilter()) async throws -> [ExpenseRecord] {
        let checked = try CheckedFilter(filter)
        return try await handle.read { database in
            var query = checked.apply(to: Self.joinedExpenses(on: database))
            let direction: DatabaseQuery.Sort.Direction = filter.oldestFirst ? .ascending : .descending
            query = query.sort(\.$spentOn, direction).sort(\.$id, direction)
            if let limit = filter.limit { query = query.limit(limit) }
            if let offset = filter.offset { query = query.offset(offset) }
            let records = try await query.all().map(Self.record)
            // Only an empty answer needs to know whether the names exist.
            if records.isEmpty, (filter.offset ?? 0) == 0 { try await checked.requireNamesExist(on: database) }
            return records
        }
    }

    /// One expense by id.
    public func expense(id: Int) async throws -> ExpenseRecord {
        try await expense(id: id, owner: nil)
    }

    /// One expense by id; with `owner`, only when it is that user's (another's is not found).
    func expense(id: Int, owner: Int?) async throws -> ExpenseRecord {
        try await handle.read { try await Self.expense(id: id, owner: owner, on: $0) }
    }

    /// Changes an expense.
    ///
    /// - Throws: ``LedgerError/invalid(field:reason:)`` when nothing is to change or a value is bad;
    ///   ``LedgerError/notFound(kind:key:)`` for an unknown expense or category.
    public func updateExpense(id: Int, _ changes: ExpenseChanges) async throws -> ExpenseRecord {
        try await updateExpense(id: id, changes, owner: nil)
    }

    /// ``updateExpense(id:_:)``; with `owner`, only that user's expense (another's is not found).
    func updateExpense(id: Int, _ changes: ExpenseChanges, owner: Int?) async throws -> ExpenseRecord {
        guard !changes.isEmpty else {
            throw LedgerError.invalid(field: "changes", reason: "give at least one of --amount, --category, --date, --description")
        }
        let amount = try changes.amount.map { amount throws(LedgerError) in try Validation.amount(amount) }
        let description = try changes.description.map { text throws(LedgerError) in
            try Validation.text(text, field: "description", maximum: 200, multiline: true)
        }
        do {
            return try await changeExpense(id: id, amount: amount, description: description, changes: changes, owner: owner)
        } catch where ForeignKeyViolation.matches(error) {
            throw LedgerError.conflict("the category was deleted while expense \(id) was being changed")
        }
    }

    private func changeExpense(id: Int, amount: Money?, description: String?, changes: ExpenseChanges, owner: Int?) async throws -> ExpenseRecord {
        try await handle.transaction { database in
            try await Self.lockForChange(id: id, on: database)
            var query = Expense.query(on: database).filter(\.$id == id)
            if let owner { query = query.filter(\.$user.$id == owner) }
            guard let expense = try await query.first() else {
                throw LedgerError.notFound(kind: "expense", key: String(id))
            }
            if let transfer = expense.transferID {
                throw LedgerError.invalid(
                    field: "expense",
                    reason: "expense \(id) is one leg of transfer \(transfer); changing one leg alone would unbalance it (delete the transfer with `expense delete \(id)` and make it again)"
                )
            }
            if let amount { expense.amount = amount }
            if let description { expense.description = description }
            if let date = changes.date { expense.spentOn = date.description }
            if let name = changes.category {
                expense.$category.id = try await Self.category(name: name, visibleTo: expense.$user.id, on: database).id!
            }
            try await expense.save(on: database)
            return try await Self.expense(id: id, on: database)
        }
    }

    /// Deletes an expense; for one leg of a transfer, the whole transfer (both legs).
    ///
    /// - Returns: the expenses as they were: one, or the transfer's two legs.
    @discardableResult
    public func deleteExpense(id: Int) async throws -> [ExpenseRecord] {
        try await deleteExpense(id: id, owner: nil)
    }

    /// ``deleteExpense(id:)``; with `owner`, only that user's expense (another's is not found).
    func deleteExpense(id: Int, owner: Int?) async throws -> [ExpenseRecord] {
        try await handle.transaction { database in
            try await Self.lockForChange(id: id, on: database)
            let record = try await Self.expense(id: id, owner: owner, on: database)
            guard let transfer = try await Expense.find(id, on: database)?.transferID else {
                try await Expense.query(on: database).filter(\.$id == id).delete()
                return [record]
            }
            let legs = try await Self.joinedExpenses(on: database).filter(\.$transferID == transfer).sort(\.$id).all().map(Self.record)
            try await Expense.query(on: database).filter(\.$transferID == transfer).delete()
            return legs
        }
    }

    /// A user's largest expenses, largest first.
    public func topExpenses(user: String, limit: Int = 10) async throws -> [ExpenseRecord] {
        guard limit > 0 else { throw LedgerError.invalid(field: "limit", reason: "must be at least 1") }
        let email = try Validation.email(user)
        return try await handle.read { database in
            let records = try await Self.joinedExpenses(on: database)
                .filter(User.self, \.$email == email)
                .sort(\.$amountCents, .descending).sort(\.$spentOn, .descending).sort(\.$id, .descending)
                .limit(limit)
                .all().map(Self.record)
            if records.isEmpty { _ = try await Self.user(email: email, on: database) }
            return records
        }
    }

    /// PostgreSQL: locks the expense and, for one leg of a transfer, the other leg too (in id
    /// order, so two changes of one transfer never deadlock) until the transaction ends. A change
    /// that had to wait then reads the rows as the other one left them: an expense deleted
    /// meanwhile is not found, rather than deleted or changed "again" with a success reported for
    /// nothing. SQLite's transactions hold the write lock from their start already.
    static func lockForChange(id: Int, on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        guard sql.dialect.name != "sqlite" else { return }
        try await sql.raw("""
            SELECT id FROM \(ident: Expense.schema) WHERE id = \(bind: id)
            OR transfer_id = (SELECT transfer_id FROM \(ident: Expense.schema) WHERE id = \(bind: id)) ORDER BY id FOR UPDATE
            """).run()
    }

    /// One expense, with its user and category; with `owner`, only that user's.
    static func expense(id: Int, owner: Int? = nil, on database: any Database) async throws -> ExpenseRecord {
        var query = joinedExpenses(on: database).filter(\.$id == id)
        if let owner { query = query.filter(\.$user.$id == owner) }
        guard let expense = try await query.first() else {
            throw LedgerError.notFound(kind: "expense", key: String(id))
        }
        return try record(expense)
    }

    /// Expenses joined to their user and category: one statement for any number of rows.
    static func joinedExpenses(on database: any Database) -> QueryBuilder<Expense> {
        Expense.query(on: database)
            .join(User.self, on: \Expense.$user.$id == \User.$id)
            .join(Category.self, on: \Expense.$category.$id == \Category.$id)
    }

    static func record(_ expense: Expense) throws -> ExpenseRecord {
        ExpenseRecord(
            id: expense.id!,
            date: try expense.date,
            user: try expense.joined(User.self).email,
            category: try expense.joined(Category.self).name,
            amount: expense.amount,
            description: expense.description
        )
    }
}
