/// A limit as ``Ledger/setBudget(user:category:month:limit:everyMonth:rollover:)`` stored it.
public struct BudgetSetting: Sendable, Equatable, Codable {
    /// The user's email.
    public let user: String
    /// The category's name.
    public let category: String
    /// The month it is set for (and from, with ``everyMonth``), `YYYY-MM`.
    public let month: String
    /// The limit.
    public let limit: Money
    /// Whether it holds for every later month too, until a later setting.
    public let everyMonth: Bool
    /// Whether what a month leaves unspent is added to the next.
    public let rollover: Bool

    private enum CodingKeys: String, CodingKey {
        case user, category, month, limit, rollover
        case everyMonth = "every_month"
    }
}

/// Budget moved from one category to another in a month, as
/// ``Ledger/moveBudget(user:from:to:amount:month:)`` wrote it: the month's total is unchanged.
public struct BudgetMove: Sendable, Equatable, Codable {
    /// The user's email.
    public let user: String
    /// The month, `YYYY-MM`.
    public let month: String
    /// The category the amount was taken from.
    public let from: String
    /// The category it was given to.
    public let to: String
    /// How much.
    public let amount: Money
    /// `from`'s limit for the month afterwards (never below zero).
    public let fromLimit: Money
    /// `to`'s limit for the month afterwards.
    public let toLimit: Money

    private enum CodingKeys: String, CodingKey {
        case user, month, from, to, amount
        case fromLimit = "from_limit", toLimit = "to_limit"
    }
}
