/// A calendar month, written `YYYY-MM`: the window of a monthly report.
public struct Month: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year, 1 to 9999.
    public let year: Int
    /// The month, 1 to 12.
    public let month: Int

    /// Parses `YYYY-MM` exactly.
    ///
    /// - Throws: ``LedgerError/invalid(field:reason:)`` for the field `month`.
    public init(parsing text: String) throws(LedgerError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              let year = Int(parts[0]), let month = Int(parts[1]), (1...9999).contains(year), (1...12).contains(month) else {
            throw LedgerError.invalid(field: "month", reason: "'\(Money.shown(text))' is not a month in the form YYYY-MM")
        }
        self.year = year
        self.month = month
    }

    /// The month a date falls in.
    public init(containing date: CalendarDate) {
        year = date.year
        month = date.month
    }

    /// The first day of the month (inclusive bound).
    public var firstDay: CalendarDate { CalendarDate(valid: year, month, 1) }

    /// The last day of the month (inclusive bound). Dates are `YYYY-MM-DD` text, so
    /// `first <= date <= last` is the month on both backends; December needs no roll-over.
    public var lastDay: CalendarDate { CalendarDate(valid: year, month, CalendarDate.daysIn(month: month, year: year)) }

    public var description: String { String(firstDay.description.prefix(7)) }

    /// The first month there is: 0001-01.
    public static let earliest = Month(year: 1, month: 1)

    /// The month `count` months later (earlier when negative), or `nil` outside the years 1 to 9999.
    public func adding(months count: Int) -> Month? {
        let (index, overflow) = (year * 12 + (month - 1)).addingReportingOverflow(count)
        guard !overflow, index >= 12, index < 10_000 * 12 else { return nil }
        return Month(year: index / 12, month: index % 12 + 1)
    }

    private init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    public static func < (lhs: Month, rhs: Month) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }
}
