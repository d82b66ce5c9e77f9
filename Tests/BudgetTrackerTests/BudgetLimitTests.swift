import BudgetTracker
import Foundation
import PersistKit
import PersistTestSupport
import Testing

@Suite("Budgets: limits, rollover and moves")
struct BudgetLimitTests {
    private static let user = "alice@example.com"

    private static func spend(_ ledger: Ledger, _ category: String, _ amount: String, on day: String) async throws {
        _ = try await ledger.addExpense(NewExpense(user: user, category: category, amount: try Money(parsing: amount), date: try CalendarDate(parsing: day), description: "spent"))
    }

    private static func setUp(_ ledger: Ledger, categories: [String]) async throws {
        _ = try await ledger.addUser(email: user, name: "Alice")
        for name in categories { _ = try await ledger.addCategory(name: name) }
    }

    /// Rows in the budget tables, to show a refused change wrote nothing.
    private static func budgetRows(_ handle: DatabaseHandle) async throws -> [Int] {
        var counts: [Int] = []
        for table in ["budgets", "budget_moves", "expenses"] {
            counts.append(try await handle.unprotectedSQL.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()!.decode(column: "n", as: Int.self))
        }
        return counts
    }

    @Test("limits for one month and from a month on; per category limit, spent, remaining, % used, and exact totals", arguments: TestBackend.available)
    func report(backend: TestBackend) async throws {
        try await LedgerFixture.with(backend) { ledger in
            try await Self.setUp(ledger, categories: ["Food", "Fun", "Rent", "Books"])
            try await ledger.setBudget(user: Self.user, category: "Food", month: Month(parsing: "2024-01"), limit: Money(parsing: "300"), everyMonth: true)
            try await ledger.setBudget(user: Self.user, category: "Fun", month: Month(parsing: "2024-01"), limit: Money(parsing: "100"))
            try await ledger.setBudget(user: Self.user, category: "Rent", month: Month(parsing: "2024-02"), limit: Money(parsing: "0.10"), everyMonth: true)
            try await Self.spend(ledger, "Food", "120.10", on: "2024-01-03")
            try await Self.spend(ledger, "Food", "150.00", on: "2024-01-31")
            try await Self.spend(ledger, "Fun", "100.01", on: "2024-01-15")
            try await Self.spend(ledger, "Books", "12.00", on: "2024-01-15")
            try await Self.spend(ledger, "Food", "9.99", on: "2024-02-01")

            let january = try await ledger.budgetReport(user: Self.user, month: Month(parsing: "2024-01"))
            #expect(january.lines.map(\.category) == ["Food", "Fun", "Books"])
            let food = january.lines[0], fun = january.lines[1], books = january.lines[2]
            #expect(food.limit == Money(cents: 30_000) && food.spent == Money(cents: 27_010) && food.remaining == Money(cents: 2_990) && food.used == Decimal(string: "90")!)
            #expect(food.count == 2 && food.reached(percent: 80) && !food.reached(percent: 100))
            #expect(fun.remaining == Money(cents: -1) && fun.used == Decimal(string: "100")! && fun.reached(percent: 100))
            #expect(books.limit == nil && books.spent == Money(cents: 1_200) && !books.reached(percent: 1))
            #expect(january.limit == Money(cents: 40_000) && january.spent == Money(cents: 37_011) && january.remaining == Money(cents: 2_989))
            #expect(january.used == Decimal(string: "92.5")! && january.unbudgeted == Money(cents: 1_200))

            // February: Food every month, Fun was for January only, Rent starts.
            let february = try await ledger.budgetReport(user: Self.user, month: Month(parsing: "2024-02"))
            #expect(february.lines.map(\.category) == ["Food", "Rent"])
            #expect(february.lines.map(\.limit) == [Money(cents: 30_000), Money(cents: 10)])
            #expect(february.limit == Money(cents: 30_010) && february.spent == Money(cents: 999))
            // Before any budget, and a month with neither: empty, not an error.
            #expect(try await ledger.budgetReport(user: Self.user, month: Month(parsing: "2023-12")).lines.isEmpty)
            await #expect(throws: LedgerError.notFound(kind: "user", key: "nobody@example.com")) {
                try await ledger.budgetReport(user: "nobody@example.com", month: Month(parsing: "2024-01"))
            }

            // A later setting for one month overrides the every-month one there only; setting it
            // again replaces it.
            try await ledger.setBudget(user: Self.user, category: "Food", month: Month(parsing: "2024-03"), limit: Money(parsing: "50"))
            try await ledger.setBudget(user: Self.user, category: "Food", month: Month(parsing: "2024-03"), limit: Money(parsing: "60"))
            let limits = try await ["2024-02", "2024-03", "2024-04"].asyncMap { try await ledger.budgetReport(user: Self.user, month: Month(parsing: $0)).lines.first { $0.category == "Food" }?.limit }
            #expect(limits == [Money(cents: 30_000), Money(cents: 6_000), Money(cents: 30_000)])
            // The same on the every-month setting's own month: January 250 alone, February on
            // still 300; and an every-month setting there again replaces only the every-month one.
            try await ledger.setBudget(user: Self.user, category: "Food", month: Month(parsing: "2024-01"), limit: Money(parsing: "250"))
            func foodLimits(_ months: [String]) async throws -> [Money?] {
                try await months.asyncMap { try await ledger.budgetReport(user: Self.user, month: Month(parsing: $0)).lines.first { $0.category == "Food" }?.limit }
            }
            #expect(try await foodLimits(["2024-01", "2024-02", "2024-05"]) == [Money(cents: 25_000), Money(cents: 30_000), Money(cents: 30_000)])
            try await ledger.setBudget(user: Self.user, category: "Food", month: Month(parsing: "2024-01"), limit: Money(parsing: "310"), everyMonth: true)
            #expect(try await foodLimits(["2024-01", "2024-02", "2024-03"]) == [Money(cents: 25_000), Money(cents: 31_000), Money(cents: 6_000)])

            let before = try await Self.budgetRows(ledger.handle)
            await #expect(throws: LedgerError.self) { try await ledger.setBudget(user: Self.user, category: "Food", month: Month(parsing: "2024-01"), limit: Money(cents: -1)) }
            await #expect(throws: LedgerError.self) { try await ledger.setBudget(user: Self.user, category: "Food", month: Month(parsing: "2024-01"), limit: Money(cents: 10_000_000_000)) }
            await #expect(throws: LedgerError.notFound(kind: "category", key: "Travel")) {
                try await ledger.setBudget(user: Self.user, category: "Travel", month: Month(parsing: "2024-01"), limit: .zero)
            }
            await #expect(throws: LedgerError.notFound(kind: "user", key: "nobody@example.com")) {
                try await ledger.setBudget(user: "nobody@example.com", category: "Food", month: Month(parsing: "2024-01"), limit: .zero)
            }
            #expect(try await Self.budgetRows(ledger.handle) == before)
        }
    }

    @Test("rollover carries what is left across a year end, never an overspend; it starts where it is turned on", arguments: TestBackend.available)
    func rollover(backend: TestBackend) async throws {
        try await LedgerFixture.with(backend) { ledger in
            try await Self.setUp(ledger, categories: ["Food"])
            try await ledger.setBudget(user: Self.user, category: "Food", month: Month(parsing: "2023-10"), limit: Money(parsing: "100"), everyMonth: true)
            try await ledger.setBudget(user: Self.user, category: "Food", month: Month(parsing: "2023-11"), limit: Money(parsing: "100"), everyMonth: true, rollover: true)
            try await Self.spend(ledger, "Food", "10.00", on: "2023-10-05")   // October does not roll over: nothing carried into November
            try await Self.spend(ledger, "Food", "60.00", on: "2023-11-05")   // leaves 40.00
            try await Self.spend(ledger, "Food", "29.99", on: "2023-12-31")   // 140.00 available, leaves 110.01
            try await Self.spend(ledger, "Food", "250.00", on: "2024-01-01")  // 210.01 available, overspent by 39.99
            let figures = try await ["2023-11", "2023-12", "2024-01", "2024-02"].asyncMap { month in
                let line = try await ledger.budgetReport(user: Self.user, month: Month(parsing: month)).lines[0]
                return [line.carried, line.available!, line.remaining!].map(\.description)
            }
            #expect(figures == [["0.00", "100.00", "40.00"], ["40.00", "140.00", "110.01"], ["110.01", "210.01", "-39.99"], ["0.00", "100.00", "100.00"]])
            // A month set without rollover breaks the chain on both its sides: nothing carried into
            // it, nothing out of it; the chain starts again after it.
            try await ledger.setBudget(user: Self.user, category: "Food", month: Month(parsing: "2024-03"), limit: Money(parsing: "70"))
            let broken = try await ["2024-02", "2024-03", "2024-04", "2024-05"].asyncMap { month in
                let line = try await ledger.budgetReport(user: Self.user, month: Month(parsing: month)).lines[0]
                return [line.carried, line.available!].map(\.description)
            }
            #expect(broken == [["0.00", "100.00"], ["0.00", "70.00"], ["0.00", "100.00"], ["100.00", "200.00"]])
        }
    }

    @Test("a move changes two limits and not the month's total; more than is left, or a lower limit under a move, is refused and writes nothing", arguments: TestBackend.available)
    func move(backend: TestBackend) async throws {
        try await LedgerFixture.with(backend) { ledger in
            try await Self.setUp(ledger, categories: ["Food", "Fun", "Rent"])
            let month = try Month(parsing: "2024-01")
            try await ledger.setBudget(user: Self.user, category: "Food", month: month, limit: Money(parsing: "50"), everyMonth: true)
            try await ledger.setBudget(user: Self.user, category: "Fun", month: month, limit: Money(parsing: "10"))
            let total = try await ledger.budgetReport(user: Self.user, month: month).limit

            let move = try await ledger.moveBudget(user: Self.user, from: "Food", to: "Fun", amount: Money(parsing: "20"), month: month)
            #expect(move.fromLimit == Money(cents: 3_000) && move.toLimit == Money(cents: 3_000))
            // Into a category without a budget: it gets one of what was moved.
            try await ledger.moveBudget(user: Self.user, from: "Food", to: "Rent", amount: Money(parsing: "30"), month: month)
            let report = try await ledger.budgetReport(user: Self.user, month: month)
            #expect(report.limit == total)
            #expect(report.lines.map { "\($0.category) \($0.limit!) \($0.moved)" } == ["Food 0.00 -50.00", "Fun 30.00 20.00", "Rent 30.00 30.00"])
            // February is untouched by January's moves.
            #expect(try await ledger.budgetReport(user: Self.user, month: Month(parsing: "2024-02")).lines.map(\.limit) == [Money(cents: 5_000)])

            let before = try await Self.budgetRows(ledger.handle)
            await #expect(throws: LedgerError.invalid(field: "amount", reason: "Food has 0.00 of budget in 2024-01; 0.01 cannot be moved out of it")) {
                try await ledger.moveBudget(user: Self.user, from: "Food", to: "Fun", amount: Money(cents: 1), month: month)
            }
            await #expect(throws: LedgerError.self) { try await ledger.moveBudget(user: Self.user, from: "Fun", to: "Food", amount: Money(parsing: "30.01"), month: month) }
            await #expect(throws: LedgerError.self) { try await ledger.moveBudget(user: Self.user, from: "Fun", to: "Fun", amount: Money(cents: 1), month: month) }
            await #expect(throws: LedgerError.self) { try await ledger.moveBudget(user: Self.user, from: "Fun", to: "Food", amount: .zero, month: month) }
            await #expect(throws: LedgerError.notFound(kind: "category", key: "Travel")) {
                try await ledger.moveBudget(user: Self.user, from: "Fun", to: "Travel", amount: Money(cents: 1), month: month)
            }
            // Lowering Food's limit under what was moved out of it (50.00, less 5.00 moved back)
            // would leave less than nothing.
            try await ledger.moveBudget(user: Self.user, from: "Fun", to: "Food", amount: Money(parsing: "5"), month: month)
            await #expect(throws: LedgerError.invalid(field: "amount", reason: "Food's limit in 2024-01 would be -0.01 after the budget moved out of it; set at least 0.01 more")) {
                try await ledger.setBudget(user: Self.user, category: "Food", month: month, limit: Money(parsing: "44.99"), everyMonth: true)
            }
            try await ledger.setBudget(user: Self.user, category: "Food", month: month, limit: Money(parsing: "45"), everyMonth: true)
            try await ledger.setBudget(user: Self.user, category: "Food", month: month, limit: Money(parsing: "50"), everyMonth: true)
            // A category with budgets is neither deleted nor merged away: the moves' totals would change.
            await #expect(throws: LedgerError.categoryBudgeted(name: "Rent")) { try await ledger.deleteCategory(name: "Rent") }
            await #expect(throws: LedgerError.categoryBudgeted(name: "Fun")) { try await ledger.mergeCategory("Fun", into: "Rent") }
            #expect(try await Self.budgetRows(ledger.handle) == [before[0], before[1] + 1, before[2]])
            #expect(try await ledger.budgetReport(user: Self.user, month: month).limit == total)
        }
    }

    @Test("ten moves at once out of a limit with room for five: five move, the limit ends at zero, the total holds", arguments: TestBackend.available)
    func concurrentMoves(backend: TestBackend) async throws {
        try await LedgerFixture.with(backend) { ledger in
            try await Self.setUp(ledger, categories: ["Food", "Fun"])
            let month = try Month(parsing: "2024-05")
            try await ledger.setBudget(user: Self.user, category: "Food", month: month, limit: Money(parsing: "50"))
            // Each move either happens, or is refused for want of room, or (SQLite in one busy
            // process: a pooled connection or the write lock not free in time) for being busy;
            // a refused one writes nothing. Refused ones are tried again until none is busy.
            var moved = 0, refused = 0, pending = 10
            for _ in 0..<20 where pending > 0 {
                let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
                    for _ in 0..<pending {
                        group.addTask {
                            do {
                                try await ledger.moveBudget(user: Self.user, from: "Food", to: "Fun", amount: Money(parsing: "10"), month: month)
                                return "moved"
                            } catch let error as LedgerError where error.code == .invalid {
                                return "refused"
                            } catch let error as DatabaseError where backend == .sqlite && [.poolExhausted, .queryFailed].contains(error.code) {
                                return "busy"
                            }
                        }
                    }
                    return try await group.reduce(into: [String]()) { $0.append($1) }
                }
                moved += outcomes.filter { $0 == "moved" }.count
                refused += outcomes.filter { $0 == "refused" }.count
                pending = outcomes.filter { $0 == "busy" }.count
            }
            let report = try await ledger.budgetReport(user: Self.user, month: month)
            #expect(moved == 5 && refused == 5 && pending == 0)
            #expect(report.lines.map(\.limit) == [Money.zero, Money(cents: 5_000)] && report.limit == Money(cents: 5_000))
        }
    }

    @Test("random budgets, moves and spending: every month's report equals a brute-force computation from the rows", arguments: TestBackend.available)
    func againstBruteForce(backend: TestBackend) async throws {
        try await LedgerFixture.with(backend) { ledger in
            let categories = ["A", "B", "C", "D"]
            try await Self.setUp(ledger, categories: categories)
            var random = SplitMix(seed: backend == .sqlite ? 19 : 91)
            let months = try (0..<8).map { try Month(parsing: "2023-\(String(format: "%02d", $0 + 5))") }
            var oracle = BudgetOracle(months: months)
            // Long rollover chains first (every month from the first), so that carries, overspending
            // and their interplay with later settings and moves are common.
            for category in categories.prefix(2) {
                let setting = BudgetOracle.Setting(category: category, month: months[0], limit: Int64(random.next() % 6_000), everyMonth: true, rollover: true)
                try await ledger.setBudget(user: Self.user, category: category, month: months[0], limit: Money(cents: setting.limit), everyMonth: true, rollover: true)
                oracle.settings.append(setting)
            }
            for _ in 0..<120 {
                let category = categories[Int(random.next() % 4)], month = months[Int(random.next() % 8)]
                switch random.next() % 6 {
                case 0:
                    let setting = BudgetOracle.Setting(category: category, month: month, limit: Int64(random.next() % 10_000), everyMonth: random.next() % 2 == 0, rollover: random.next() % 3 != 0)
                    do {
                        try await ledger.setBudget(user: Self.user, category: category, month: month, limit: Money(cents: setting.limit), everyMonth: setting.everyMonth, rollover: setting.rollover)
                        oracle.settings.removeAll { $0.category == category && $0.month == month && $0.everyMonth == setting.everyMonth }
                        oracle.settings.append(setting)
                    } catch let error as LedgerError where error.code == .invalid {
                        var tried = oracle
                        tried.settings.removeAll { $0.category == category && $0.month == month && $0.everyMonth == setting.everyMonth }
                        tried.settings.append(setting)
                        #expect(tried.anyLimitBelowZero(category), "refused a setting that leaves no limit below zero")
                    }
                case 1:
                    let to = categories[(categories.firstIndex(of: category)! + 1 + Int(random.next() % 3)) % 4], amount = Int64(random.next() % 5_000) + 1
                    do {
                        try await ledger.moveBudget(user: Self.user, from: category, to: to, amount: Money(cents: amount), month: month)
                        oracle.moves.append((category, to, month, amount))
                    } catch let error as LedgerError where error.code == .invalid {
                        #expect((oracle.limit(category, month) ?? 0) < amount, "refused a move there was room for")
                    }
                default:
                    let raw = Int64(random.next() % 16_000) - 1_000, cents = raw == 0 ? 7 : raw  // refunds too; never zero
                    let day = try CalendarDate(year: month.year, month: month.month, day: Int(random.next() % 28) + 1)
                    _ = try await ledger.addExpense(NewExpense(user: Self.user, category: category, amount: Money(cents: cents), date: day, description: "r"))
                    oracle.spent[category + month.description, default: 0] += cents
                }
            }
            for month in months {
                let report = try await ledger.budgetReport(user: Self.user, month: month)
                let expected = oracle.lines(in: month)
                let got = report.lines.filter { $0.limit != nil }.map { BudgetOracle.Line(category: $0.category, limit: $0.limit!.cents, carried: $0.carried.cents, spent: $0.spent.cents) }
                #expect(got == expected, "\(month)")
                #expect(report.available.cents == expected.reduce(0) { $0 + $1.limit + $1.carried })
                #expect(report.lines.allSatisfy { ($0.limit?.cents ?? 0) >= 0 }, "\(month): a limit below zero")
            }
        }
    }
}

/// The budget rules computed the slow, obvious way from the raw settings, moves and spending.
private struct BudgetOracle {
    struct Setting { let category: String; let month: Month; let limit: Int64; let everyMonth: Bool; let rollover: Bool }
    struct Line: Equatable { let category: String; let limit: Int64; let carried: Int64; let spent: Int64 }
    let months: [Month]
    var settings: [Setting] = []
    var moves: [(from: String, to: String, month: Month, amount: Int64)] = []
    var spent: [String: Int64] = [:]

    func setting(_ category: String, _ month: Month) -> Setting? {
        if let exact = settings.first(where: { $0.category == category && $0.month == month && !$0.everyMonth }) { return exact }
        return settings.filter { $0.category == category && $0.everyMonth && $0.month <= month }.max { $0.month < $1.month }
    }

    func limit(_ category: String, _ month: Month) -> Int64? {
        let mine = moves.filter { $0.month == month && ($0.from == category || $0.to == category) }
        guard setting(category, month) != nil || !mine.isEmpty else { return nil }
        return (setting(category, month)?.limit ?? 0) + mine.reduce(0) { $0 + ($1.to == category ? $1.amount : -$1.amount) }
    }

    func carried(_ category: String, into month: Month) -> Int64 {
        guard let previous = month.adding(months: -1), setting(category, month)?.rollover == true,
              setting(category, previous)?.rollover == true, let limit = limit(category, previous) else { return 0 }
        return max(0, limit + carried(category, into: previous) - (spent[category + previous.description] ?? 0))
    }

    func anyLimitBelowZero(_ category: String) -> Bool {
        months.contains { (limit(category, $0) ?? 0) < 0 }
    }

    func lines(in month: Month) -> [Line] {
        ["A", "B", "C", "D"].compactMap { category in
            limit(category, month).map { Line(category: category, limit: $0, carried: carried(category, into: month), spent: spent[category + month.description] ?? 0) }
        }
    }
}

extension Array {
    /// `map` with an async transform, in order.
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
