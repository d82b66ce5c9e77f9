import Foundation

/// A category whose spending has reached one of its user's thresholds in a month.
public struct BudgetAlert: Sendable, Equatable, Codable {
    /// The category's name.
    public let category: String
    /// The threshold reached, in percent of what was available.
    public let percent: Int
    /// What was spent in the month.
    public let spent: Money
    /// What was available (limit, moves and carry).
    public let available: Money
    /// ``spent`` as a percentage of ``available``, rounded to one decimal; `nil` when nothing was
    /// available (any spending then reaches every threshold).
    public let used: Decimal?
    /// When the alert was first recorded (Unix seconds, UTC).
    public let recordedAt: Int64
    /// Whether this check recorded it (it was not recorded before).
    public let isNew: Bool

    private enum CodingKeys: String, CodingKey {
        case category, percent, spent, available, used
        case recordedAt = "recorded_at", isNew = "new"
    }
}

/// The outcome of checking a user's month against their thresholds.
public struct BudgetAlerts: Sendable, Equatable, Codable {
    /// The user's email.
    public let user: String
    /// The month, `YYYY-MM`.
    public let month: String
    /// The thresholds checked, in percent, lowest first.
    public let thresholds: [Int]
    /// The thresholds reached, by category then threshold.
    public let alerts: [BudgetAlert]
}
