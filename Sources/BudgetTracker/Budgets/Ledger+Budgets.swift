import FluentKit
import Foundation
import PersistKit
import SQLKit

extension Ledger {
    /// Sets `user`'s limit for `category` in `month`: for that month only, or with `everyMonth`
    /// for each later month too until a later every-month setting. A one-month setting overrides
    /// an every-month one in its month alone: the months after keep the every-month limit.
    /// Replaces what was set of the same kind for that same month.
    ///
    /// - Parameter rollover: add what each month leaves unspent to the next (see ``BudgetReport``).
    /// - Throws: ``LedgerError/invalid(field:reason:)`` for a negative or too large limit, or one
    ///   that would leave less than nothing in a month that budget was moved out of;
    ///   ``LedgerError/notFound(kind:key:)`` for an unknown user or category.
    @discardableResult
    public func setBudget(
        user: String, category: String, month: Month, limit: Money, everyMonth: Bool = false, rollover: Bool = false
    ) async throws -> BudgetSetting {
        let email = try Validation.email(user)
        let name = try Validation.category(category)
        guard limit.cents >= 0, limit <= .maximum else {
            throw LedgerError.invalid(field: "amount", reason: "a budget is from 0.00 to \(Money.maximum), not \(limit)")
        }
        return try await handle.transaction { database in
            let owner = try await Self.lockedUser(email: email, on: database)
            let found = try await Self.category(name: name, visibleTo: owner, on: database)
            let sql = database as! any SQLDatabase
            let key = CharValue(text: month.description, width: 7)
            try await sql.raw("DELETE FROM budgets WHERE user_id = \(bind: owner) AND category_id = \(bind: found.id!) AND month = \(key) AND every_month = \(bind: everyMonth ? 1 : 0)").run()
            try await sql.raw("""
                INSERT INTO budgets (user_id, category_id, month, limit_cents, every_month, rollover)
                VALUES (\(bind: owner), \(bind: found.id!), \(key), \(bind: limit.cents), \(bind: everyMonth ? 1 : 0), \(bind: rollover ? 1 : 0))
                """).run()
            if let (short, left) = try await Self.limitBelowZero(user: owner, category: found.id!, on: database) {
                throw LedgerError.invalid(
                    field: "amount",
                    reason: "\(found.name)'s limit in \(short) would be \(left) after the budget moved out of it; set at least \(-left) more"
                )
            }
            return BudgetSetting(user: email, category: found.name, month: month.description, limit: limit, everyMonth: everyMonth, rollover: rollover)
        }
    }

    /// Moves `amount` of `user`'s budget in `month` from one category's limit to another's (the
    /// chapter's `transfer_budget`), in one transaction: both limits change or neither, and the
    /// month's total budget is unchanged. A limit never goes below zero.
    ///
    /// - Throws: ``LedgerError/invalid(field:reason:)`` for an amount that is not positive, the same
    ///   category twice, or more than `from` has left to give; ``LedgerError/notFound(kind:key:)``
    ///   for an unknown user or category.
    @discardableResult
    public func moveBudget(user: String, from: String, to: String, amount: Money, month: Month) async throws -> BudgetMove {
        try await moveBudget(user: user, from: from, to: to, amount: amount, month: month, alsoIn: { _ in })
    }

    /// ``moveBudget(user:from:to:amount:month:)``, running `alsoIn` in the same transaction.
    func moveBudget(
        user: String, from: String, to: String, amount: Money, month: Month, alsoIn: @escaping @Sendable (any Database) async throws -> Void
    ) async throws -> BudgetMove {
        let email = try Validation.email(user)
        let amount = try Validation.positive(amount)
        let fromName = try Validation.category(from), toName = try Validation.category(to)
        guard fromName != toName else { throw LedgerError.invalid(field: "to", reason: "a budget move needs two different categories") }
        return try await handle.transaction { database in
            try await alsoIn(database)
            let owner = try await Self.lockedUser(email: email, on: database)
            let source = try await Self.category(name: fromName, visibleTo: owner, on: database)
            let target = try await Self.category(name: toName, visibleTo: owner, on: database)
            try await (database as! any SQLDatabase).raw("""
                INSERT INTO budget_moves (user_id, month, from_category_id, to_category_id, amount_cents, created_at)
                VALUES (\(bind: owner), \(CharValue(text: month.description, width: 7)), \(bind: source.id!), \(bind: target.id!), \(bind: amount.cents), \(bind: Int64(Date().timeIntervalSince1970)))
                """).run()
            let book = try await Self.categoryBook(user: owner, categories: [source.id!, target.id!], on: database)
            let fromLimit = try book.limit(Int64(source.id!), in: month) ?? .zero
            guard fromLimit.cents >= 0 else {
                throw LedgerError.invalid(
                    field: "amount", reason: "\(source.name) has \(fromLimit + amount) of budget in \(month); \(amount) cannot be moved out of it"
                )
            }
            return BudgetMove(
                user: email, month: month.description, from: source.name, to: target.name, amount: amount,
                fromLimit: fromLimit, toLimit: try book.limit(Int64(target.id!), in: month) ?? .zero
            )
        }
    }

    /// `user`'s budget for `month`: per category the limit, what was carried over, spent and
    /// remains, and the share used; computed from one SQL statement however many categories,
    /// budgets or moves there are, the totals summed as integer cents.
    ///
    /// - Parameter snapshot: run inside a read-only snapshot transaction (for verification).
    /// - Throws: ``LedgerError/notFound(kind:key:)`` for an unknown user.
    public func budgetReport(user: String, month: Month, snapshot: Bool = false) async throws -> BudgetReport {
        let email = try Validation.email(user)
        let query = BudgetQuery(email: email, month: month)
        let rows = snapshot
            ? try await handle.readSnapshot { try await query.rows(on: $0) }
            : try await handle.readStatement(query.statement, decoding: BudgetQuery.Row.self)
        let book = try BudgetBook(rows: rows)
        guard book.userExists else { throw LedgerError.notFound(kind: "user", key: email) }
        return try book.report(user: email, month: month)
    }

    /// The user's id, their row locked until the transaction ends on PostgreSQL (SQLite's write
    /// transactions already run one at a time): budget changes of one user are checked and
    /// written one after another.
    static func lockedUser(email: String, on database: any Database) async throws -> Int {
        let sql = database as! any SQLDatabase
        let lock = sql.dialect.name == "sqlite" ? "" : " FOR UPDATE"
        guard let row = try await sql.raw("SELECT id FROM users WHERE email = \(bind: email)\(unsafeRaw: lock)").first(),
              let id = try? row.decode(column: "id", as: Int.self) else {
            throw LedgerError.notFound(kind: "user", key: email)
        }
        return id
    }

    /// Every limit and move of `categories` for `user`, in every month.
    static func categoryBook(user: Int, categories: [Int], on database: any Database) async throws -> BudgetBook {
        let ids = SQLList(categories.map { SQLBind(Int64($0)) })
        let rows = try await (database as! any SQLDatabase).raw("""
            SELECT 'b' AS kind, category_id, NULL AS category, NULL AS color, month, CAST(limit_cents AS BIGINT) AS cents, CAST(0 AS BIGINT) AS items,
                   CAST(every_month AS BIGINT) AS every_month, CAST(rollover AS BIGINT) AS rollover
            FROM budgets WHERE user_id = \(bind: user) AND category_id IN (\(ids))
            UNION ALL
            SELECT 'm', to_category_id, NULL, NULL, month, CAST(SUM(amount_cents) AS BIGINT), CAST(COUNT(*) AS BIGINT), 0, 0
            FROM budget_moves WHERE user_id = \(bind: user) AND to_category_id IN (\(ids)) GROUP BY to_category_id, month
            UNION ALL
            SELECT 'm', from_category_id, NULL, NULL, month, CAST(-SUM(amount_cents) AS BIGINT), CAST(COUNT(*) AS BIGINT), 0, 0
            FROM budget_moves WHERE user_id = \(bind: user) AND from_category_id IN (\(ids)) GROUP BY from_category_id, month
            """).all(decoding: BudgetQuery.Row.self)
        return try BudgetBook(rows: rows)
    }

    /// The first month in which budget moved out of `category` leaves its limit below zero, and
    /// what is left there; `nil` when every month has zero or more.
    private static func limitBelowZero(user: Int, category: Int, on database: any Database) async throws -> (Month, Money)? {
        let book = try await categoryBook(user: user, categories: [category], on: database)
        for month in book.movedMonths(Int64(category)) {
            if let limit = try book.limit(Int64(category), in: month), limit.cents < 0 { return (month, limit) }
        }
        return nil
    }
}

extension Ledger {
    /// Throws ``LedgerError/categoryBudgeted(name:)`` when any user has a limit for `category`,
    /// moved budget into or out of it, or has a recurring expense in it (the schema refuses the
    /// delete too; this says why).
    static func refuseIfBudgeted(_ category: Category, on database: any Database) async throws {
        let row = try await (database as! any SQLDatabase).raw("""
            SELECT (SELECT COUNT(*) FROM budgets WHERE category_id = \(bind: category.id!))
                 + (SELECT COUNT(*) FROM budget_moves WHERE from_category_id = \(bind: category.id!) OR to_category_id = \(bind: category.id!))
                 + (SELECT COUNT(*) FROM recurring_rules WHERE category_id = \(bind: category.id!)) AS n
            """).first()
        if let row, try row.decode(column: "n", as: Int.self) > 0 { throw LedgerError.categoryBudgeted(name: category.name) }
    }
}
