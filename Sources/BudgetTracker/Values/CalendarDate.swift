import Foundation

/// A day on the calendar (no time, no time zone), written `YYYY-MM-DD`.
///
/// Stored as that text, which sorts and compares correctly on SQLite and PostgreSQL alike.
public struct CalendarDate: Sendable, Hashable, Comparable, TextCodable {
    /// The year, 1 to 9999.
    public let year: Int
    /// The month, 1 to 12.
    public let month: Int
    /// The day of the month.
    public let day: Int

    /// A validated date.
    ///
    /// - Throws: ``LedgerError/invalid(field:reason:)`` for a day that does not exist (`2024-02-30`).
    public init(year: Int, month: Int, day: Int) throws(LedgerError) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Self.daysIn(month: month, year: year)).contains(day) else {
            throw LedgerError.invalid(field: "date", reason: "\(Self.format(year, month, day)) is not a day on the calendar")
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` exactly.
    ///
    /// - Throws: ``LedgerError/invalid(field:reason:)`` for the field `date`.
    public init(parsing text: String) throws(LedgerError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }) else {
            throw LedgerError.invalid(field: "date", reason: "'\(Money.shown(text))' is not a date in the form YYYY-MM-DD")
        }
        try self.init(year: Int(parts[0])!, month: Int(parts[1])!, day: Int(parts[2])!)
    }

    /// Today in the local time zone, the day a person means by "today".
    public static func today(calendar: Calendar = .current) -> CalendarDate {
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return CalendarDate(valid: parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }

    /// A date whose parts the caller already knows to be valid (a ``Month``'s first or last day,
    /// the calendar's today).
    init(valid year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public var description: String { Self.format(year, month, day) }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func format(_ year: Int, _ month: Int, _ day: Int) -> String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}
