/// A recurring expense as the ledger reports it.
public struct RecurringRule: Sendable, Equatable, Codable {
    /// The rule's id.
    public let id: Int
    /// The user's email.
    public let user: String
    /// The category's name.
    public let category: String
    /// The amount of each expense it posts.
    public let amount: Money
    /// The description of each expense it posts.
    public let description: String
    /// How often it falls due.
    public let frequency: Frequency
    /// The first day it falls due, and the day the schedule counts from.
    public let startsOn: CalendarDate
    /// The last day it may fall due; `nil`: no end.
    public let endsOn: CalendarDate?
    /// Whether it is paused (`recurring run` posts nothing for it).
    public let paused: Bool
    /// The day it was paused, while it is: what falls due from then until it resumes is skipped.
    public let pausedOn: CalendarDate?
    /// Occurrences posted so far (their expenses may have been deleted since).
    public let posted: Int
    /// Occurrences skipped because they fell due while it was paused.
    public let skipped: Int
    /// The latest occurrence posted or skipped; `nil` before the first.
    public let lastOccurrence: CalendarDate?

    private enum CodingKeys: String, CodingKey {
        case id, user, category, amount, description, frequency, paused, posted, skipped
        case startsOn = "starts_on", endsOn = "ends_on", pausedOn = "paused_on", lastOccurrence = "last_occurrence"
    }
}

/// What one ``Ledger/postRecurring(until:user:)`` run posted.
public struct RecurringRun: Sendable, Equatable, Codable {
    /// The day it posted up to (included).
    public let until: CalendarDate
    /// The rules it looked at (not paused, begun by `until`).
    public let rules: Int
    /// The expenses it posted, oldest first per rule.
    public let posted: [ExpenseRecord]
}
