import FluentKit
import Foundation
import PersistKit
import SQLKit

/// The ledger as one signed-in user sees it: every call is confined to that user's expenses and
/// to the categories they see (the shared ones and their own), so a caller holding a
/// `UserLedger` cannot reach another user's data by passing the wrong id or name.
///
/// Another user's expense or own category is *not found*, exactly as one that does not exist,
/// so ids and names reveal nothing. Shared categories can be used but not changed: they belong
/// to whoever runs the database (the command line).
public struct UserLedger: Sendable {
    /// The whole ledger (internal: only the confined calls below reach it).
    let ledger: Ledger
    /// Who this ledger is for.
    public let user: SignedInUser

    /// The ledger for `user`, over `ledger`'s database.
    public init(_ ledger: Ledger, for user: SignedInUser) {
        self.ledger = ledger
        self.user = user
    }

    // MARK: Categories

    /// The categories this user sees, by name: the shared ones and their own.
    public func categories() async throws -> [CategoryRecord] {
        let owner = user.id
        return try await ledger.handle.read { database in
            try await Category.query(on: database).group(.or) { either in
                either.filter(\.$ownerID == nil).filter(\.$ownerID == owner)
            }.sort(\.$name).all().map(CategoryRecord.init)
        }
    }

    /// Adds a category of the user's own.
    ///
    /// - Throws: ``LedgerError/duplicate(kind:key:)`` when they already see one of that name.
    @discardableResult
    public func addCategory(name: String, color: String? = nil) async throws -> CategoryRecord {
        try await ledger.addCategory(name: name, color: color, owner: user.id, alsoIn: { _, _ in })
    }

    /// Recolours one of the user's own categories.
    public func recolorCategory(name: String, to color: String) async throws -> CategoryRecord {
        let color = try Validation.color(color)
        return try await ledger.handle.transaction { [user] database in
            let category = try await Self.ownCategory(name: name, of: user.id, on: database)
            category.color = color
            try await category.save(on: database)
            return CategoryRecord(category)
        }
    }

    /// Renames one of the user's own categories; its expenses follow (they refer to it by id).
    ///
    /// - Throws: ``LedgerError/duplicate(kind:key:)`` when the user already sees a category named
    ///   `newName` (one of theirs or a shared one).
    @discardableResult
    public func renameCategory(_ name: String, to newName: String) async throws -> CategoryRecord {
        let newName = try Validation.category(newName)
        do {
            return try await ledger.handle.transaction { [user] database in
                let category = try await Self.ownCategory(name: name, of: user.id, on: database)
                guard category.name != newName else { return CategoryRecord(category) }
                try await CategoryNames.claim(newName, owner: user.id, on: database)
                category.name = newName
                try await category.save(on: database)
                return CategoryRecord(category)
            }
        } catch where Ledger.isConstraintFailure(error) {
            throw LedgerError.duplicate(kind: "category", key: newName)
        }
    }

    /// Deletes one of the user's own categories that none of their expenses uses.
    public func deleteCategory(name: String) async throws {
        do {
            try await ledger.handle.transaction { [user] database in
                let category = try await Self.ownCategory(name: name, of: user.id, on: database)
                let expenses = try await Expense.query(on: database).filter(\.$category.$id == category.id!).count()
                guard expenses == 0 else { throw LedgerError.categoryInUse(name: category.name, expenses: expenses) }
                try await Ledger.refuseIfBudgeted(category, on: database)
                try await category.delete(on: database)
            }
        } catch where ForeignKeyViolation.matches(error) {
            throw LedgerError.addedWhileDeleting(category: name)
        }
    }

    /// Moves the user's expenses from one of their own categories into another category they
    /// see, and deletes the first, in one transaction.
    ///
    /// - Returns: how many expenses moved.
    @discardableResult
    public func mergeCategory(_ source: String, into target: String) async throws -> Int {
        let source = try Validation.category(source)
        let target = try Validation.category(target)
        guard source != target else { throw LedgerError.invalid(field: "into", reason: "a category cannot be merged into itself") }
        do {
            return try await ledger.handle.transaction { [user] database in
                let from = try await Self.ownCategory(name: source, of: user.id, on: database)
                let into = try await Ledger.category(name: target, visibleTo: user.id, on: database)
                try await Ledger.refuseIfBudgeted(from, on: database)
                // The rows the update changed, as it changed them (not a count taken before it).
                let moved = try await (database as! any SQLDatabase).raw("""
                    UPDATE \(ident: Expense.schema) SET category_id = \(bind: into.id!) WHERE category_id = \(bind: from.id!) AND user_id = \(bind: user.id) RETURNING id
                    """).all().count
                try await from.delete(on: database)
                return moved
            }
        } catch where ForeignKeyViolation.matches(error) {
            // An expense was filed under `source`, or `target` deleted, meanwhile.
            throw LedgerError.conflict("'\(source)' or '\(target)' changed while they were being merged")
        }
    }

    /// One of the user's own categories; a shared one is refused, another user's is not found.
    static func ownCategory(name: String, of owner: Int, on database: any Database) async throws -> Category {
        let category = try await Ledger.category(name: name, visibleTo: owner, on: database)
        guard category.ownerID == owner else {
            throw LedgerError.invalid(field: "category", reason: "'\(category.name)' is shared by every user; only your own categories can be changed")
        }
        return category
    }

    // MARK: Expenses

    /// Records an expense of the user's in a category they see.
    @discardableResult
    public func addExpense(category: String, amount: Money, date: CalendarDate, description: String) async throws -> ExpenseRecord {
        try await ledger.addExpense(NewExpense(user: user.email, category: category, amount: amount, date: date, description: description), ownerID: user.id)
    }

    /// ``addExpense(category:amount:date:description:)`` once per `submission` key: the key is
    /// recorded with the expense, in one transaction, so sending the same form again adds nothing.
    ///
    /// - Throws: ``LedgerError/alreadySubmitted()`` when the key was used before (in the last day).
    @discardableResult
    public func addExpense(category: String, amount: Money, date: CalendarDate, description: String, submission: String) async throws -> ExpenseRecord {
        let key = try Submissions.key(submission)
        return try await ledger.addExpense(NewExpense(user: user.email, category: category, amount: amount, date: date, description: description)) { [user] database, _ in
            try await Submissions.record(key, user: user.id, on: database)
        }
    }

    /// The user's expenses matching `filter` (its `user` is ignored: always this user).
    public func expenses(_ filter: ExpenseFilter) async throws -> [ExpenseRecord] {
        var filter = filter
        filter.user = user.email
        return try await ledger.expenses(filter)
    }

    /// One of the user's expenses; another user's is not found.
    public func expense(id: Int) async throws -> ExpenseRecord {
        try await ledger.expense(id: id, owner: user.id)
    }

    /// Changes one of the user's expenses; another user's is not found.
    public func updateExpense(id: Int, _ changes: ExpenseChanges) async throws -> ExpenseRecord {
        try await ledger.updateExpense(id: id, changes, owner: user.id)
    }

    /// Deletes one of the user's expenses (a transfer: both legs); another user's is not found.
    @discardableResult
    public func deleteExpense(id: Int) async throws -> [ExpenseRecord] {
        try await ledger.deleteExpense(id: id, owner: user.id)
    }

    /// Moves `amount` between two categories the user sees, as ``Ledger/transfer(user:from:to:amount:date:)``.
    public func transfer(from: String, to: String, amount: Money, date: CalendarDate) async throws -> Transfer {
        try await ledger.transfer(user: user.email, from: from, to: to, amount: amount, date: date)
    }

    /// ``transfer(from:to:amount:date:)`` once per `submission` key (see
    /// ``addExpense(category:amount:date:description:submission:)``).
    public func transfer(from: String, to: String, amount: Money, date: CalendarDate, submission: String) async throws -> Transfer {
        let key = try Submissions.key(submission)
        return try await ledger.transfer(user: user.email, from: from, to: to, amount: amount, date: date) { [user] database in
            try await Submissions.record(key, user: user.id, on: database)
        }
    }

    /// Imports a ledger CSV whose rows are all the user's, all or nothing; with `createMissing`,
    /// unknown categories become the user's own.
    public func importExpenses(from file: URL, createMissing: Bool, again: Bool, stop: StopRequest? = nil) async throws -> ImportSummary {
        try await ledger.importExpenses(
            from: file, owner: ImportOwner(id: user.id, email: user.email), createMissing: createMissing, again: again, progress: nil, stop: stop
        )
    }

    /// Writes the user's expenses matching `filter` as a ledger CSV (see ``Ledger/exportExpenses(_:to:)``),
    /// a page per unit of work, so that a long export never holds a pooled connection for long.
    @discardableResult
    public func exportExpenses(_ filter: ExpenseFilter, to write: @escaping @Sendable (String) throws -> Void) async throws -> Int {
        var filter = filter
        filter.user = user.email
        return try await ledger.exportExpenses(filter, snapshot: false, to: write)
    }

    // MARK: Reports

    /// The user's monthly report.
    public func monthlyReport(month: Month) async throws -> MonthlyReport {
        try await ledger.monthlyReport(user: user.email, month: month)
    }

    /// The user's budget for `month` (see ``Ledger/budgetReport(user:month:snapshot:)``).
    public func budgetReport(month: Month) async throws -> BudgetReport {
        try await ledger.budgetReport(user: user.email, month: month)
    }

    /// Sets the user's limit for a category they see (see
    /// ``Ledger/setBudget(user:category:month:limit:everyMonth:rollover:)``).
    @discardableResult
    public func setBudget(category: String, month: Month, limit: Money, everyMonth: Bool, rollover: Bool) async throws -> BudgetSetting {
        try await ledger.setBudget(user: user.email, category: category, month: month, limit: limit, everyMonth: everyMonth, rollover: rollover)
    }

    /// Moves the user's budget between two categories they see (see
    /// ``Ledger/moveBudget(user:from:to:amount:month:)``).
    @discardableResult
    public func moveBudget(from: String, to: String, amount: Money, month: Month) async throws -> BudgetMove {
        try await ledger.moveBudget(user: user.email, from: from, to: to, amount: amount, month: month)
    }

    /// ``moveBudget(from:to:amount:month:)`` once per `submission` key (see
    /// ``addExpense(category:amount:date:description:submission:)``).
    ///
    /// - Throws: ``LedgerError/alreadySubmitted()`` when the key was used before.
    @discardableResult
    public func moveBudget(from: String, to: String, amount: Money, month: Month, submission: String) async throws -> BudgetMove {
        let key = try Submissions.key(submission)
        return try await ledger.moveBudget(user: user.email, from: from, to: to, amount: amount, month: month) { [user] database in
            try await Submissions.record(key, user: user.id, on: database)
        }
    }

    /// Replaces the user's alert thresholds (see ``Ledger/setAlertThresholds(user:percents:)``).
    @discardableResult
    public func setAlertThresholds(_ percents: [Int]) async throws -> [Int] {
        try await ledger.setAlertThresholds(user: user.email, percents: percents)
    }

    /// Adds a recurring expense in a category the user sees (see
    /// ``Ledger/addRecurring(user:category:amount:description:frequency:startsOn:endsOn:)``).
    public func addRecurring(
        category: String, amount: Money, description: String, frequency: Frequency, startsOn: CalendarDate, endsOn: CalendarDate?
    ) async throws -> RecurringRule {
        try await ledger.addRecurring(user: user.email, category: category, amount: amount, description: description, frequency: frequency, startsOn: startsOn, endsOn: endsOn)
    }

    /// ``addRecurring(category:amount:description:frequency:startsOn:endsOn:)`` once per
    /// `submission` key (see ``addExpense(category:amount:date:description:submission:)``): a form
    /// sent twice adds one rule, which posts each occurrence once.
    ///
    /// - Throws: ``LedgerError/alreadySubmitted()`` when the key was used before.
    public func addRecurring(
        category: String, amount: Money, description: String, frequency: Frequency, startsOn: CalendarDate, endsOn: CalendarDate?, submission: String
    ) async throws -> RecurringRule {
        let key = try Submissions.key(submission)
        return try await ledger.addRecurring(
            user: user.email, category: category, amount: amount, description: description, frequency: frequency, startsOn: startsOn, endsOn: endsOn
        ) { [user] database in
            try await Submissions.record(key, user: user.id, on: database)
        }
    }

    /// The user's recurring expenses, by id.
    public func recurringRules() async throws -> [RecurringRule] {
        try await ledger.recurringRules(user: user.email)
    }

    /// Pauses or resumes one of the user's recurring expenses (another's is not found).
    @discardableResult
    public func pauseRecurring(id: Int, paused: Bool) async throws -> RecurringRule {
        try await ledger.pauseRecurring(id: id, paused: paused, today: .today(), owner: user.id)
    }

    /// Deletes one of the user's recurring expenses (another's is not found); what it posted stays.
    public func deleteRecurring(id: Int) async throws {
        try await ledger.deleteRecurring(id: id, owner: user.id)
    }

    /// Posts what the user's recurring expenses have due by `until` (see
    /// ``Ledger/postRecurring(until:user:today:)``).
    public func postRecurring(until: CalendarDate) async throws -> RecurringRun {
        try await ledger.postRecurring(until: until, user: user.email)
    }

    /// Checks the user's month against their thresholds, recording new alerts once (see
    /// ``Ledger/checkBudgetAlerts(user:month:)``).
    public func checkBudgetAlerts(month: Month) async throws -> BudgetAlerts {
        try await ledger.checkBudgetAlerts(user: user.email, month: month)
    }

    /// The user's spending trend.
    public func trend(months: Int, until: Month?) async throws -> SpendingTrend {
        try await ledger.trend(user: user.email, months: months, until: until)
    }

    /// The user's monthly report checked against their own ledger file.
    public func verifyMonthlyReport(month: Month, ledger file: URL, tolerance: Decimal = Ledger.defaultTolerance) async throws -> MonthlyVerification {
        try await ledger.verifyMonthlyReport(user: user.email, month: month, ledger: file, tolerance: tolerance)
    }
}
