import Foundation

/// One category's line in a ``BudgetReport``.
public struct BudgetLine: Sendable, Equatable, Codable {
    /// The category's name.
    public let category: String
    /// Its colour, `#RRGGBB`.
    public let color: String
    /// The month's limit with the budget moved in or out of it; `nil` for a category with
    /// spending but no budget.
    public let limit: Money?
    /// Budget moved into the category this month (negative: moved out), included in ``limit``.
    public let moved: Money
    /// What the month before left unspent, carried over by a rollover limit.
    public let carried: Money
    /// ``limit`` plus ``carried``: what may be spent this month.
    public let available: Money?
    /// What was spent (transfers in and out included, as in the monthly report).
    public let spent: Money
    /// The month's expenses in the category.
    public let count: Int
    /// ``available`` minus ``spent``; negative when overspent.
    public let remaining: Money?
    /// ``spent`` as a percentage of ``available``, rounded half-up to one decimal; `nil` without a
    /// budget or when nothing is available.
    public let used: Decimal?

    /// Whether spending has reached `percent` % of what is available. Exact (integers, never the
    /// rounded ``used``); with nothing available, any spending has reached every threshold.
    public func reached(percent: Int) -> Bool {
        guard let available else { return false }
        guard available.cents > 0 else { return spent.cents > 0 }
        return Int128(spent.cents) * 100 >= Int128(percent) * Int128(available.cents)
    }
}

/// A user's budget for one month: per category the limit, what was spent, what remains and the
/// share used, then the totals over the budgeted categories.
public struct BudgetReport: Sendable, Equatable, Codable {
    /// The user's email.
    public let user: String
    /// The month, `YYYY-MM`.
    public let month: String
    /// The budgeted categories by name, then the ones with spending but no budget.
    public let lines: [BudgetLine]
    /// The sum of the budgeted categories' limits.
    public let limit: Money
    /// The sum of what they carried over.
    public let carried: Money
    /// The sum of what was available in them.
    public let available: Money
    /// What was spent in them.
    public let spent: Money
    /// ``available`` minus ``spent``.
    public let remaining: Money
    /// ``spent`` as a percentage of ``available`` (see ``BudgetLine/used``).
    public let used: Decimal?
    /// What was spent in categories without a budget.
    public let unbudgeted: Money
}
