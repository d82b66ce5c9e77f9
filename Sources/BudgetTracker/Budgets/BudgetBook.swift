import Foundation

/// A user's budgets, moves and spending as ``BudgetQuery`` reads them, and the month-by-month
/// arithmetic of limits and rollover over them.
///
/// The rules:
/// - A category's limit in a month is the one-month limit set for that very month, or else the
///   latest one set `every month` from that month or before it; plus what was moved into it that
///   month, minus what was moved out. A category with neither has no budget that month.
/// - When a month's limit and the month before's both roll over, the month also receives what the
///   month before left unspent: what was available there (its limit, moves and own carry) minus
///   what was spent, never less than nothing (overspending is not carried). Rollover starts in
///   the first month whose limit has it, with nothing carried into that month.
struct BudgetBook {
    /// A limit as set.
    struct Setting {
        let month: Month
        let limit: Money
        let everyMonth: Bool
        let rollover: Bool
    }

    private var settings: [Int64: [Setting]] = [:]
    private var moved: [Int64: [Month: Money]] = [:]
    private var spent: [Int64: [Month: (Money, Int)]] = [:]
    private var names: [Int64: (String, String)] = [:]
    /// Whether the user exists.
    private(set) var userExists = false

    init(rows: [BudgetQuery.Row]) throws {
        for row in rows {
            guard row.kind != "u" else { userExists = true; continue }
            guard let id = row.category_id, let text = row.month else { continue }
            let month = try Month(parsing: text)
            if let name = row.category, let color = row.color { names[id] = (name, color) }
            switch row.kind {
            case "b":
                settings[id, default: []].append(Setting(month: month, limit: Money(cents: row.cents), everyMonth: row.every_month == 1, rollover: row.rollover == 1))
            case "m":
                moved[id, default: [:]][month] = try (moved[id]?[month] ?? .zero).adding(Money(cents: row.cents))
            default:
                spent[id, default: [:]][month] = (Money(cents: row.cents), Int(row.items))
            }
        }
        for id in settings.keys { settings[id]!.sort { $0.month < $1.month } }
    }

    /// The setting that applies to `category` in `month`: that month's one-month setting, or the
    /// latest every-month one from that month or before it.
    func setting(_ category: Int64, in month: Month) -> Setting? {
        guard let list = settings[category] else { return nil }
        var cursor = SettingCursor(list: list)
        return cursor.setting(in: month)
    }

    /// The months budget was moved into or out of `category`, oldest first.
    func movedMonths(_ category: Int64) -> [Month] {
        (moved[category]?.keys).map { $0.sorted() } ?? []
    }

    /// The category's limit in `month` with its moves, or `nil` when it has no budget then.
    ///
    /// - Throws: ``LedgerError/invalid(field:reason:)`` when it is beyond what cents can hold.
    func limit(_ category: Int64, in month: Month) throws(LedgerError) -> Money? {
        let setting = setting(category, in: month)
        let moves = moved[category]?[month]
        guard setting != nil || moves != nil else { return nil }
        return try (setting?.limit ?? .zero).adding(moves ?? .zero)
    }

    /// What `category` carries into `month` from the month before (zero without rollover).
    func carried(_ category: Int64, into month: Month) throws(LedgerError) -> Money {
        guard let list = settings[category], let first = list.first(where: \.rollover)?.month, first < month else { return .zero }
        // Walk forward from the first rollover limit: each month's carry needs the one before.
        // The cursor reads the settings in step, so the walk is linear in months plus settings.
        var cursor = SettingCursor(list: list)
        var carry = Money.zero
        var current = first
        var setting = cursor.setting(in: current)
        while current < month {
            guard let next = current.adding(months: 1) else { return .zero }
            let following = cursor.setting(in: next)
            if let setting, setting.rollover, following?.rollover == true {
                let limit = try setting.limit.adding(moved[category]?[current] ?? .zero)
                let left = try limit.adding(carry).subtracting(spent[category]?[current]?.0 ?? .zero)
                carry = left.cents > 0 ? left : .zero
            } else {
                carry = .zero
            }
            setting = following
            current = next
        }
        return carry
    }

    /// One category's settings (sorted by month) read month by month, in increasing order, as
    /// ``setting(_:in:)`` reads them for one month.
    private struct SettingCursor {
        let list: [Setting]
        private var index = 0
        private var everyMonth: Setting?

        init(list: [Setting]) {
            self.list = list
        }

        /// The setting that applies in `month`, no earlier than the month asked before.
        mutating func setting(in month: Month) -> Setting? {
            while index < list.count, list[index].month < month {
                if list[index].everyMonth { everyMonth = list[index] }
                index += 1
            }
            // The month's own settings: at most one of each kind.
            var oneMonth: Setting?, fromThisMonth: Setting?
            var next = index
            while next < list.count, list[next].month == month {
                if list[next].everyMonth { fromThisMonth = list[next] } else { oneMonth = list[next] }
                next += 1
            }
            return oneMonth ?? fromThisMonth ?? everyMonth
        }
    }

    /// The report of `month` for `user`.
    ///
    /// - Throws: ``LedgerError/invalid(field:reason:)`` when a total is beyond what cents can hold.
    func report(user: String, month: Month) throws(LedgerError) -> BudgetReport {
        let lines = try lines(in: month)
        let budgeted = lines.map(\.line).filter { $0.limit != nil }, unbudgeted = lines.map(\.line).filter { $0.limit == nil }
        let available = try budgeted.total { $0.available ?? .zero }, spentTotal = try budgeted.total(\.spent)
        return BudgetReport(
            user: user, month: month.description, lines: budgeted + unbudgeted,
            limit: try budgeted.total { $0.limit ?? .zero }, carried: try budgeted.total(\.carried), available: available, spent: spentTotal,
            remaining: try available.subtracting(spentTotal), used: Self.used(spentTotal, of: available), unbudgeted: try unbudgeted.total(\.spent)
        )
    }

    /// The lines of `month` with their categories' ids: the budgeted ones by name, then the ones
    /// with spending but no budget.
    ///
    /// - Throws: ``LedgerError/invalid(field:reason:)`` when a line's sum is beyond what cents can hold.
    func lines(in month: Month) throws(LedgerError) -> [(category: Int64, line: BudgetLine)] {
        let categories = Set(settings.keys).union(moved.keys).union(spent.keys)
        var budgeted: [(Int64, BudgetLine)] = [], unbudgeted: [(Int64, BudgetLine)] = []
        for id in categories {
            guard let (name, color) = names[id] else { continue }
            let (spentMoney, count) = spent[id]?[month] ?? (.zero, 0)
            guard let limit = try limit(id, in: month) else {
                if count > 0 {
                    unbudgeted.append((id, BudgetLine(
                        category: name, color: color, limit: nil, moved: .zero, carried: .zero, available: nil, spent: spentMoney, count: count, remaining: nil, used: nil
                    )))
                }
                continue
            }
            let carried = try carried(id, into: month)
            let available = try limit.adding(carried)
            budgeted.append((id, BudgetLine(
                category: name, color: color, limit: limit, moved: moved[id]?[month] ?? .zero, carried: carried, available: available,
                spent: spentMoney, count: count, remaining: try available.subtracting(spentMoney), used: Self.used(spentMoney, of: available)
            )))
        }
        return budgeted.sorted { $0.1.category < $1.1.category } + unbudgeted.sorted { $0.1.category < $1.1.category }
    }

    private static func used(_ spent: Money, of available: Money) -> Decimal? {
        available.cents > 0 ? Ledger.share(spent, of: available) : nil
    }
}
