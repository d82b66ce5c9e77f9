/// How often a recurring expense falls due, counted from its first day.
///
/// - `weekly`: every seven days from the first day.
/// - `monthly`: on the first day's day of the month, in every month; in a month too short for it
///   (the 31st in April, the 29th to 31st in February) on the month's last day: never skipped,
///   never moved into the next month.
/// - `yearly`: on the first day's month and day, every year; the 29th of February is the 28th in
///   a year that has no 29th.
public enum Frequency: String, Sendable, Codable, CaseIterable {
    case weekly, monthly, yearly

    /// Every day it falls due from `start` through `last` (both included), oldest first.
    public func occurrences(from start: CalendarDate, through last: CalendarDate) -> [CalendarDate] {
        var days: [CalendarDate] = []
        var index = 0
        while let day = occurrence(index, from: start), day <= last {
            days.append(day)
            index += 1
        }
        return days
    }

    /// The `index`th day it falls due (0: `start`), or `nil` past the year 9999.
    func occurrence(_ index: Int, from start: CalendarDate) -> CalendarDate? {
        switch self {
        case .weekly:
            return start.adding(days: 7 * index)
        case .monthly:
            guard let month = Month(containing: start).adding(months: index) else { return nil }
            return CalendarDate(valid: month.year, month.month, min(start.day, CalendarDate.daysIn(month: month.month, year: month.year)))
        case .yearly:
            let year = start.year + index
            guard year <= 9999 else { return nil }
            return CalendarDate(valid: year, start.month, min(start.day, CalendarDate.daysIn(month: start.month, year: year)))
        }
    }
}

extension CalendarDate {
    /// The day `count` days later (earlier when negative), or `nil` outside the years 1 to 9999.
    func adding(days count: Int) -> CalendarDate? {
        let (number, overflow) = dayNumber.addingReportingOverflow(count)
        guard !overflow else { return nil }
        return CalendarDate(dayNumber: number)
    }

    /// Days since 0001-01-01 (day 0) in the proleptic Gregorian calendar.
    var dayNumber: Int {
        let y = year - 1
        var days = y * 365 + y / 4 - y / 100 + y / 400
        for m in 1..<month { days += Self.daysIn(month: m, year: year) }
        return days + day - 1
    }

    /// The day `number` days after 0001-01-01, or `nil` outside the years 1 to 9999.
    init?(dayNumber number: Int) {
        guard number >= 0 else { return nil }
        // 146,097 days in every 400 years; find the year, then the month.
        var year = number / 146_097 * 400 + 1
        var rest = number % 146_097
        while true {
            let length = Self.daysIn(month: 2, year: year) == 29 ? 366 : 365
            if rest < length { break }
            rest -= length
            year += 1
        }
        guard year <= 9999 else { return nil }
        var month = 1
        while rest >= Self.daysIn(month: month, year: year) {
            rest -= Self.daysIn(month: month, year: year)
            month += 1
        }
        self.init(valid: year, month, rest + 1)
    }
}
