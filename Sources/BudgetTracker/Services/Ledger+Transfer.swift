import PersistKit
import FluentKit

/// The two rows of a budget transfer: they sum to zero.
public struct Transfer: Sendable, Equatable, Codable {
    /// The negative row in the source category.
    public let debit: ExpenseRecord
    /// The positive row in the target category.
    public let credit: ExpenseRecord
}

extension Ledger {
    /// Moves `amount` from one category to another for a user: a debit (−amount, "Transfer to
    /// <to>") in `from` and a credit (+amount, "Transfer from <from>") in `to`, written in one
    /// transaction, so either both rows exist or neither does.
    ///
    /// - Throws: ``LedgerError/invalid(field:reason:)`` for an amount that is not positive or the
    ///   same category twice; ``LedgerError/notFound(kind:key:)`` for an unknown user or category.
    public func transfer(user: String, from: String, to: String, amount: Money, date: CalendarDate = .today()) async throws -> Transfer {
        try await transfer(user: user, from: from, to: to, amount: amount, date: date, alsoIn: { _ in })
    }

    /// ``transfer(user:from:to:amount:date:)``, running `alsoIn` in the same transaction.
    func transfer(
        user: String, from: String, to: String, amount: Money, date: CalendarDate, alsoIn: @escaping @Sendable (any Database) async throws -> Void
    ) async throws -> Transfer {
        let amount = try Validation.positive(amount)
        let email = try Validation.email(user)
        let from = try Validation.category(from)
        let to = try Validation.category(to)
        guard from != to else {
            throw LedgerError.invalid(field: "to", reason: "a transfer needs two different categories")
        }
        // Both legs are read back inside the transaction (see ``addExpense(_:)``).
        do {
            return try await transferInOneTransaction(email: email, from: from, to: to, amount: amount, date: date, alsoIn: alsoIn)
        } catch where ForeignKeyViolation.matches(error) {
            throw LedgerError.conflict("'\(from)' or '\(to)' was deleted while the transfer was being saved")
        }
    }

    private func transferInOneTransaction(
        email: String, from: String, to: String, amount: Money, date: CalendarDate, alsoIn: @escaping @Sendable (any Database) async throws -> Void
    ) async throws -> Transfer {
        try await handle.transaction { database in
            try await alsoIn(database)
            let user = try await Self.user(email: email, on: database)
            let source = try await Self.category(name: from, visibleTo: user.id!, on: database)
            let target = try await Self.category(name: to, visibleTo: user.id!, on: database)
            let debit = Expense(userID: user.id!, categoryID: source.id!, description: "Transfer to \(to)", amount: -amount, date: date)
            let credit = Expense(userID: user.id!, categoryID: target.id!, description: "Transfer from \(from)", amount: amount, date: date)
            try await debit.create(on: database)
            // Both legs carry the debit's id: the transfer is one thing from now on.
            debit.transferID = debit.id
            try await debit.save(on: database)
            credit.transferID = debit.id
            try await credit.create(on: database)
            return Transfer(debit: try await Self.expense(id: debit.id!, on: database), credit: try await Self.expense(id: credit.id!, on: database))
        }
    }
}
