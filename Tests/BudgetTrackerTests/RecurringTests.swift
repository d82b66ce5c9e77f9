import BudgetTracker
import Foundation
import PersistKit
import PersistTestSupport
import SQLKit
import Testing

@Suite("Recurring expenses")
struct RecurringTests {
    private static let user = "alice@example.com"

    @Test("monthly on the 29th, 30th and 31st: the month's last day when it is shorter, in every month of a leap and a common year", arguments: [29, 30, 31])
    func monthEndClamping(day: Int) throws {
        for year in [2023, 2024] {
            let start = try CalendarDate(year: year, month: 1, day: day)
            let days = Frequency.monthly.occurrences(from: start, through: try CalendarDate(year: year, month: 12, day: 31))
            #expect(days.count == 12, "\(year): a month skipped or doubled")
            for (index, date) in days.enumerated() {
                let last = [31, year == 2024 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][index]
                #expect(date.year == year && date.month == index + 1 && date.day == min(day, last), "\(date)")
            }
        }
    }

    @Test("yearly on the 29th of February is the 28th in common years; weekly steps seven days across month and year ends")
    func yearlyAndWeekly() throws {
        let yearly = Frequency.yearly.occurrences(from: try CalendarDate(parsing: "2024-02-29"), through: try CalendarDate(parsing: "2028-12-31"))
        #expect(yearly.map(\.description) == ["2024-02-29", "2025-02-28", "2026-02-28", "2027-02-28", "2028-02-29"])
        let weekly = Frequency.weekly.occurrences(from: try CalendarDate(parsing: "2023-12-20"), through: try CalendarDate(parsing: "2024-03-06"))
        #expect(weekly.map(\.description) == [
            "2023-12-20", "2023-12-27", "2024-01-03", "2024-01-10", "2024-01-17", "2024-01-24", "2024-01-31", "2024-02-07",
            "2024-02-14", "2024-02-21", "2024-02-28", "2024-03-06",
        ])
        // Far ends of the calendar: the schedule stops rather than wraps.
        #expect(Frequency.monthly.occurrences(from: try CalendarDate(parsing: "9999-11-30"), through: try CalendarDate(parsing: "9999-12-31")).count == 2)
        #expect(Frequency.weekly.occurrences(from: try CalendarDate(parsing: "0001-01-01"), through: try CalendarDate(parsing: "0001-01-15")).count == 3)
    }

    @Test("run posts each due occurrence once: again, paused, resumed, ended and deleted", arguments: TestBackend.available)
    func posting(backend: TestBackend) async throws {
        try await LedgerFixture.with(backend) { ledger in
            _ = try await ledger.addUser(email: Self.user, name: "Alice")
            _ = try await ledger.addCategory(name: "Housing")
            _ = try await ledger.addCategory(name: "Fun")
            let rent = try await ledger.addRecurring(
                user: Self.user, category: "Housing", amount: Money(parsing: "950"), description: "Rent", frequency: .monthly, startsOn: CalendarDate(parsing: "2024-01-31")
            )
            let gym = try await ledger.addRecurring(
                user: Self.user, category: "Fun", amount: Money(parsing: "12.5"), description: "Gym", frequency: .weekly,
                startsOn: CalendarDate(parsing: "2024-02-01"), endsOn: CalendarDate(parsing: "2024-02-20")
            )
            let today = try CalendarDate(parsing: "2024-06-15")
            let first = try await ledger.postRecurring(until: CalendarDate(parsing: "2024-04-30"), today: today)
            #expect(first.rules == 2)
            #expect(first.posted.map { "\($0.date) \($0.description) \($0.amount)" } == [
                "2024-01-31 Rent 950.00", "2024-02-29 Rent 950.00", "2024-03-31 Rent 950.00", "2024-04-30 Rent 950.00",
                "2024-02-01 Gym 12.50", "2024-02-08 Gym 12.50", "2024-02-15 Gym 12.50",
            ])
            #expect(try await ledger.postRecurring(until: CalendarDate(parsing: "2024-04-30"), today: today).posted.isEmpty)

            // A deleted expense is not posted again; a paused rule posts nothing, and resumed it
            // skips what fell due while paused (from the day it was paused to the day before
            // it resumed), and only that.
            try await ledger.deleteExpense(id: first.posted[0].id)
            let paused = try await ledger.pauseRecurring(id: rent.id, paused: true, today: CalendarDate(parsing: "2024-05-01"))
            #expect(paused.paused && paused.posted == 4 && paused.skipped == 0)
            // Paused again later: still paused from the first day.
            try await ledger.pauseRecurring(id: rent.id, paused: true, today: today)
            #expect(try await ledger.postRecurring(until: CalendarDate(parsing: "2024-06-30"), today: today).posted.isEmpty)
            let resumed = try await ledger.pauseRecurring(id: rent.id, paused: false, today: today)
            #expect(!resumed.paused && resumed.posted == 4 && resumed.skipped == 1 && resumed.lastOccurrence?.description == "2024-05-31")
            // Resuming a rule that runs changes nothing.
            #expect(try await ledger.pauseRecurring(id: rent.id, paused: false, today: CalendarDate(parsing: "2024-07-15")) == resumed)
            #expect(try await ledger.postRecurring(until: CalendarDate(parsing: "2024-07-31"), today: today).posted.map(\.date.description) == ["2024-06-30", "2024-07-31"])

            try await ledger.deleteRecurring(id: gym.id)
            #expect(try await ledger.recurringRules().map(\.id) == [rent.id])
            #expect(try await ledger.expenses(ExpenseFilter(user: Self.user)).filter { $0.description == "Gym" }.count == 3)
            await #expect(throws: LedgerError.notFound(kind: "recurring expense", key: String(gym.id))) { try await ledger.deleteRecurring(id: gym.id) }
            // A category with a recurring expense is not deleted from under it.
            await #expect(throws: LedgerError.categoryBudgeted(name: "Housing")) { try await ledger.mergeCategory("Housing", into: "Fun") }

            await #expect(throws: LedgerError.self) {
                try await ledger.addRecurring(user: Self.user, category: "Fun", amount: .zero, description: "x", frequency: .monthly, startsOn: today)
            }
            await #expect(throws: LedgerError.self) {
                try await ledger.addRecurring(
                    user: Self.user, category: "Fun", amount: Money(cents: 1), description: "x", frequency: .monthly, startsOn: today, endsOn: CalendarDate(parsing: "2024-06-14")
                )
            }
            await #expect(throws: LedgerError.notFound(kind: "category", key: "Travel")) {
                try await ledger.addRecurring(user: Self.user, category: "Travel", amount: Money(cents: 1), description: "x", frequency: .monthly, startsOn: today)
            }
            await #expect(throws: LedgerError.self) { try await ledger.postRecurring(until: CalendarDate(parsing: "2025-06-17"), today: today) }
            #expect(try await ledger.recurringRules().count == 1)
        }
    }

    @Test("paused and resumed the same day, a rule never run before posts everything due: nothing fell due while it was paused", arguments: TestBackend.available)
    func pauseSkipsOnlyWhilePaused(backend: TestBackend) async throws {
        try await LedgerFixture.with(backend) { ledger in
            _ = try await ledger.addUser(email: Self.user, name: "Alice")
            _ = try await ledger.addCategory(name: "Fun")
            let rule = try await ledger.addRecurring(
                user: Self.user, category: "Fun", amount: Money(parsing: "9.99"), description: "Streaming", frequency: .monthly, startsOn: CalendarDate(parsing: "2026-01-15")
            )
            let today = try CalendarDate(parsing: "2026-11-28")
            try await ledger.pauseRecurring(id: rule.id, paused: true, today: today)
            let resumed = try await ledger.pauseRecurring(id: rule.id, paused: false, today: today)
            #expect(resumed.skipped == 0 && resumed.posted == 0)
            let run = try await ledger.postRecurring(until: today, today: today)
            #expect(run.posted.count == 11 && run.posted.first?.date.description == "2026-01-15" && run.posted.last?.date.description == "2026-11-15")
            let after = try await ledger.recurringRule(id: rule.id)
            #expect(after.posted == 11 && after.skipped == 0 && after.lastOccurrence?.description == "2026-11-15")
        }
    }

    @Test("a run that fails part-way has posted nothing: one transaction, so an answer of failure is true", arguments: TestBackend.available)
    func allOrNothing(backend: TestBackend) async throws {
        try await LedgerFixture.with(backend) { ledger in
            _ = try await ledger.addUser(email: Self.user, name: "Alice")
            _ = try await ledger.addCategory(name: "Fun")
            for (description, start) in [("Rent", "2024-01-01"), ("boom", "2024-02-01")] {
                _ = try await ledger.addRecurring(user: Self.user, category: "Fun", amount: Money(parsing: "1"), description: description, frequency: .monthly, startsOn: CalendarDate(parsing: start))
            }
            // A real failure inside the database, after the first rule's expenses are written.
            let sql = ledger.handle.unprotectedSQL
            switch backend {
            case .sqlite:
                try await sql.raw("CREATE TRIGGER fail_boom BEFORE INSERT ON expenses WHEN NEW.description = 'boom' BEGIN SELECT RAISE(ABORT, 'forced failure'); END").run()
            case .postgresql, .pgbouncer:
                try await sql.raw("""
                    CREATE FUNCTION fail_boom() RETURNS trigger AS $$
                    BEGIN IF NEW.description = 'boom' THEN RAISE EXCEPTION 'forced failure'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql
                    """).run()
                try await sql.raw("CREATE TRIGGER fail_boom BEFORE INSERT ON expenses FOR EACH ROW EXECUTE FUNCTION fail_boom()").run()
            }
            let until = try CalendarDate(parsing: "2024-06-30")
            await #expect(throws: (any Error).self) { try await ledger.postRecurring(until: until, today: until) }
            #expect(try await ledger.expenses(ExpenseFilter(user: Self.user)).isEmpty)
            #expect(try await ledger.recurringRules().map(\.posted) == [0, 0])
            try await sql.raw("DROP TRIGGER fail_boom\(unsafeRaw: backend == .sqlite ? "" : " ON expenses")").run()
            #expect(try await ledger.postRecurring(until: until, today: until).posted.count == 6 + 5)
        }
    }

    @Test("until is at most a year ahead: the same day next year, the 28th of February for the 29th")
    func untilAYearAhead() async throws {
        try await LedgerFixture.with(.sqlite) { ledger in
            let today = try CalendarDate(parsing: "2024-02-29")
            #expect(try await ledger.postRecurring(until: CalendarDate(parsing: "2025-02-28"), today: today).posted.isEmpty)
            await #expect(throws: LedgerError.self) { try await ledger.postRecurring(until: CalendarDate(parsing: "2025-03-01"), today: today) }
            let other = try CalendarDate(parsing: "2026-11-28")
            await #expect(throws: LedgerError.self) { try await ledger.postRecurring(until: CalendarDate(parsing: "2027-11-29"), today: other) }
        }
    }

    @Test("a rule begun long ago posts at most a batch per run; the next run goes on, never twice", arguments: [TestBackend.sqlite])
    func batches(backend: TestBackend) async throws {
        try await LedgerFixture.with(backend) { ledger in
            _ = try await ledger.addUser(email: Self.user, name: "Alice")
            _ = try await ledger.addCategory(name: "Fun")
            _ = try await ledger.addRecurring(user: Self.user, category: "Fun", amount: Money(cents: 1), description: "old", frequency: .weekly, startsOn: CalendarDate(parsing: "2000-01-01"))
            let until = try CalendarDate(parsing: "2024-12-31")
            let counts = try await [0, 1, 2].asyncMap { _ in try await ledger.postRecurring(until: until, today: until).posted.count }
            #expect(counts == [Ledger.recurringBatch, 1_305 - Ledger.recurringBatch, 0])
        }
    }

    @Test("ten runs at once post each occurrence once", arguments: TestBackend.available)
    func concurrentRuns(backend: TestBackend) async throws {
        try await LedgerFixture.with(backend) { ledger in
            _ = try await ledger.addUser(email: Self.user, name: "Alice")
            _ = try await ledger.addCategory(name: "Fun")
            for start in ["2024-01-01", "2024-01-15", "2024-01-31"] {
                _ = try await ledger.addRecurring(user: Self.user, category: "Fun", amount: Money(parsing: "1"), description: start, frequency: .weekly, startsOn: CalendarDate(parsing: start))
            }
            let until = try CalendarDate(parsing: "2024-12-31")
            // A run that finds the database busy (SQLite in one busy process) posts nothing of
            // the rule it was at; a later run posts what is left. Never twice.
            var posted = 0
            for _ in 0..<10 {
                posted += try await withThrowingTaskGroup(of: Int.self) { group in
                    for _ in 0..<10 {
                        group.addTask {
                            do {
                                return try await ledger.postRecurring(until: until, today: until).posted.count
                            } catch let error as DatabaseError where backend == .sqlite && [.poolExhausted, .queryFailed].contains(error.code) {
                                return 0
                            }
                        }
                    }
                    return try await group.reduce(0, +)
                }
                if posted >= 53 + 51 + 48 { break }
            }
            let expenses = try await ledger.expenses(ExpenseFilter(user: Self.user))
            #expect(posted == 53 + 51 + 48 && expenses.count == posted)
            #expect(Set(expenses.map { "\($0.description) \($0.date)" }).count == expenses.count)
        }
    }
}
