import FluentKit
import Foundation
import PersistKit
import SQLKit

extension Ledger {
    /// The most occurrences of one rule that one ``postRecurring(until:user:today:)`` posts.
    public static let recurringBatch = 1_000

    /// Adds a recurring expense for `user`: `amount` in `category`, falling due with `frequency`
    /// from `startsOn` (the first occurrence) through `endsOn` when given. Nothing is posted until
    /// ``postRecurring(until:user:)`` runs. `alsoIn` runs in the same transaction, after the
    /// rule is written (a form's submission key is recorded there).
    ///
    /// - Throws: ``LedgerError/invalid(field:reason:)`` for a zero or too large amount, a bad
    ///   description or an end before the start; ``LedgerError/notFound(kind:key:)`` for an
    ///   unknown user or category.
    public func addRecurring(
        user: String, category: String, amount: Money, description: String, frequency: Frequency, startsOn: CalendarDate, endsOn: CalendarDate? = nil,
        alsoIn: (@Sendable (any Database) async throws -> Void)? = nil
    ) async throws -> RecurringRule {
        let email = try Validation.email(user)
        let name = try Validation.category(category)
        let amount = try Validation.amount(amount)
        let description = try Validation.text(description, field: "description", maximum: 200, multiline: true)
        if let endsOn, endsOn < startsOn {
            throw LedgerError.invalid(field: "until", reason: "the last day \(endsOn) is before the first \(startsOn)")
        }
        let id = try await handle.transaction { database in
            let owner = try await Self.user(email: email, on: database)
            let found = try await Self.category(name: name, visibleTo: owner.id!, on: database)
            let row = try await (database as! any SQLDatabase).raw("""
                INSERT INTO recurring_rules (user_id, category_id, description, amount_cents, frequency, starts_on, ends_on, paused, created_at)
                VALUES (\(bind: owner.id!), \(bind: found.id!), \(bind: description), \(bind: amount.cents), \(bind: frequency.rawValue),
                        \(CharValue.day(startsOn)), \(endsOn.map { CharValue.day($0) as any SQLExpression } ?? SQLLiteral.null), 0, \(bind: Int64(Date().timeIntervalSince1970)))
                RETURNING id
                """).first()
            try await alsoIn?(database)
            return try row!.decode(column: "id", as: Int.self)
        }
        return try await recurringRule(id: id)
    }

    /// The recurring expenses, of one user or of all, by id.
    public func recurringRules(user: String? = nil) async throws -> [RecurringRule] {
        let email = try user.map { email throws(LedgerError) in try Validation.email(email) }
        return try await handle.read { database in
            if let email { _ = try await Self.user(email: email, on: database) }
            return try await Self.rules(where: email.map { "u.email = \(bind: $0)" } ?? "1 = 1", on: database)
        }
    }

    /// One recurring expense.
    ///
    /// - Throws: ``LedgerError/notFound(kind:key:)`` when no rule has this id.
    public func recurringRule(id: Int) async throws -> RecurringRule {
        let rules = try await handle.read { try await Self.rules(where: "r.id = \(bind: id)", on: $0) }
        guard let rule = rules.first else { throw LedgerError.notFound(kind: "recurring expense", key: String(id)) }
        return rule
    }

    /// Pauses a recurring expense (`paused`) from `today`, or resumes it. When it resumes, the
    /// occurrences that fell due while it was paused (from the day it was paused to the day before
    /// `today`) are marked skipped; what fell due before it was paused and is not posted yet is
    /// still posted by the next run. Pausing a paused rule, or resuming a running one, changes
    /// nothing.
    @discardableResult
    public func pauseRecurring(id: Int, paused: Bool, today: CalendarDate = .today()) async throws -> RecurringRule {
        try await pauseRecurring(id: id, paused: paused, today: today, owner: nil)
    }

    /// ``pauseRecurring(id:paused:today:)`` of a rule of `owner` only (another's is not found).
    func pauseRecurring(id: Int, paused: Bool, today: CalendarDate, owner: Int?) async throws -> RecurringRule {
        try await handle.transaction { database in
            let sql = database as! any SQLDatabase
            guard let row = try await sql.raw("""
                SELECT frequency, starts_on, ends_on, paused, paused_on FROM recurring_rules WHERE id = \(bind: id)\(Self.owned(by: owner))\(unsafeRaw: Self.forUpdate(sql))
                """).first() else {
                throw LedgerError.notFound(kind: "recurring expense", key: String(id))
            }
            let wasPaused = try row.decode(column: "paused", as: Int64.self) == 1
            guard wasPaused != paused else { return }
            if paused {
                try await sql.raw("UPDATE recurring_rules SET paused = 1, paused_on = \(CharValue.day(today)) WHERE id = \(bind: id)").run()
                return
            }
            let pausedOn = try CalendarDate(parsing: try row.decode(column: "paused_on", as: String.self))
            if let yesterday = today.adding(days: -1) {
                let schedule = try Self.schedule(row)
                for day in try await Self.due(schedule, rule: id, through: yesterday, on: database) where day >= pausedOn {
                    try await sql.raw("""
                        INSERT INTO recurring_postings (rule_id, occurrence, skipped) VALUES (\(bind: id), \(CharValue.day(day)), 1)
                        ON CONFLICT (rule_id, occurrence) DO NOTHING
                        """).run()
                }
            }
            try await sql.raw("UPDATE recurring_rules SET paused = 0, paused_on = NULL WHERE id = \(bind: id)").run()
        }
        return try await recurringRule(id: id)
    }

    /// Deletes a recurring expense; the expenses it posted stay.
    public func deleteRecurring(id: Int) async throws {
        try await deleteRecurring(id: id, owner: nil)
    }

    /// ``deleteRecurring(id:)`` of a rule of `owner` only (another's is not found).
    func deleteRecurring(id: Int, owner: Int?) async throws {
        try await handle.transaction { database in
            let deleted = try await (database as! any SQLDatabase).raw("DELETE FROM recurring_rules WHERE id = \(bind: id)\(Self.owned(by: owner)) RETURNING id").all()
            guard !deleted.isEmpty else { throw LedgerError.notFound(kind: "recurring expense", key: String(id)) }
        }
    }

    /// Posts every occurrence of every recurring expense (of `user`, or of all) that has fallen
    /// due by `until` and is not posted yet, and is not paused: one expense per occurrence, dated
    /// on it. The whole run is one transaction, all or nothing: a run that fails has posted
    /// nothing. Each occurrence's posting row is unique per rule and occurrence, so running it
    /// twice, or in two processes at once, posts each occurrence once. At most
    /// ``recurringBatch`` occurrences of a rule are posted per run; a later run posts the rest.
    ///
    /// - Throws: ``LedgerError/invalid(field:reason:)`` for an `until` more than a year ahead of
    ///   `today`; ``LedgerError/notFound(kind:key:)`` for an unknown user.
    public func postRecurring(until: CalendarDate = .today(), user: String? = nil, today: CalendarDate = .today()) async throws -> RecurringRun {
        // A year ahead: the same day next year (the 28th of February for the 29th).
        guard let limit = Frequency.yearly.occurrence(1, from: today), until <= limit else {
            throw LedgerError.invalid(field: "until", reason: "\(until) is more than a year ahead; post at most a year in advance")
        }
        let email = try user.map { email throws(LedgerError) in try Validation.email(email) }
        return try await handle.transaction { database in
            let sql = database as! any SQLDatabase
            if let email { _ = try await Self.user(email: email, on: database) }
            // The rules as they are now, locked in id order (two runs at once wait for each
            // other, never deadlock): one paused or deleted meanwhile posts nothing.
            let lock = sql.dialect.name == "sqlite" ? "" : " FOR UPDATE OF r"
            let ofUser: SQLQueryString = email.map { " AND u.email = \(bind: $0)" } ?? ""
            let rows = try await sql.raw("""
                SELECT r.id, r.user_id, r.category_id, r.description, r.amount_cents, r.frequency, r.starts_on, r.ends_on, u.email, c.name AS category
                FROM recurring_rules r JOIN users u ON u.id = r.user_id JOIN categories c ON c.id = r.category_id
                WHERE r.paused = 0 AND r.starts_on <= \(CharValue.day(until))\(ofUser)
                ORDER BY r.id\(unsafeRaw: lock)
                """).all()
            var posted: [ExpenseRecord] = []
            for row in rows {
                let rule = try row.decode(column: "id", as: Int.self)
                let schedule = try Self.schedule(row)
                // At most ``recurringBatch`` occurrences per rule and run: a weekly rule begun
                // centuries ago cannot hold the database for minutes; the next run goes on.
                for day in try await Self.due(schedule, rule: rule, through: until, on: database).prefix(Self.recurringBatch) {
                    let claimed = try await sql.raw("""
                        INSERT INTO recurring_postings (rule_id, occurrence, skipped) VALUES (\(bind: rule), \(CharValue.day(day)), 0)
                        ON CONFLICT (rule_id, occurrence) DO NOTHING RETURNING id
                        """).all()
                    guard let posting = try claimed.first?.decode(column: "id", as: Int.self) else { continue }
                    let expense = Expense(
                        userID: try row.decode(column: "user_id", as: Int.self), categoryID: try row.decode(column: "category_id", as: Int.self),
                        description: try row.decode(column: "description", as: String.self), amount: Money(cents: try row.decode(column: "amount_cents", as: Int64.self)), date: day
                    )
                    try await expense.create(on: database)
                    try await sql.raw("UPDATE recurring_postings SET expense_id = \(bind: expense.id!) WHERE id = \(bind: posting)").run()
                    posted.append(ExpenseRecord(
                        id: expense.id!, date: day, user: try row.decode(column: "email", as: String.self), category: try row.decode(column: "category", as: String.self),
                        amount: expense.amount, description: expense.description
                    ))
                }
            }
            return RecurringRun(until: until, rules: rows.count, posted: posted)
        }
    }

    /// A rule's schedule as its row holds it.
    private struct Schedule {
        let frequency: Frequency
        let startsOn: CalendarDate
        let endsOn: CalendarDate?
    }

    private static func schedule(_ row: any SQLRow) throws -> Schedule {
        guard let frequency = Frequency(rawValue: try row.decode(column: "frequency", as: String.self)) else {
            throw LedgerError.invalid(field: "frequency", reason: "a stored rule has an unknown frequency")
        }
        return Schedule(
            frequency: frequency, startsOn: try CalendarDate(parsing: try row.decode(column: "starts_on", as: String.self)),
            endsOn: try row.decode(column: "ends_on", as: String?.self).map { text throws(LedgerError) in try CalendarDate(parsing: text) }
        )
    }

    /// The occurrences of `schedule` through `through` that have no posting row yet.
    private static func due(_ schedule: Schedule, rule: Int, through: CalendarDate, on database: any Database) async throws -> [CalendarDate] {
        let last = schedule.endsOn.map { min($0, through) } ?? through
        guard schedule.startsOn <= last else { return [] }
        let done = Set(try await (database as! any SQLDatabase).raw("SELECT occurrence FROM recurring_postings WHERE rule_id = \(bind: rule)").all()
            .map { try $0.decode(column: "occurrence", as: String.self) })
        return schedule.frequency.occurrences(from: schedule.startsOn, through: last).filter { !done.contains($0.description) }
    }

    /// ` AND user_id = owner`, or nothing for any owner.
    private static func owned(by owner: Int?) -> SQLQueryString {
        owner.map { " AND user_id = \(bind: $0)" } ?? ""
    }

    private static func forUpdate(_ sql: any SQLDatabase) -> String {
        sql.dialect.name == "sqlite" ? "" : " FOR UPDATE"
    }

    private static func rules(where condition: SQLQueryString, on database: any Database) async throws -> [RecurringRule] {
        let rows = try await (database as! any SQLDatabase).raw("""
            SELECT r.id, u.email, c.name AS category, r.amount_cents, r.description, r.frequency, r.starts_on, r.ends_on, r.paused, r.paused_on,
                   (SELECT COUNT(*) FROM recurring_postings p WHERE p.rule_id = r.id AND p.skipped = 0) AS posted,
                   (SELECT COUNT(*) FROM recurring_postings p WHERE p.rule_id = r.id AND p.skipped = 1) AS skipped,
                   (SELECT MAX(p.occurrence) FROM recurring_postings p WHERE p.rule_id = r.id) AS last_occurrence
            FROM recurring_rules r JOIN users u ON u.id = r.user_id JOIN categories c ON c.id = r.category_id
            WHERE \(condition) ORDER BY r.id
            """).all()
        return try rows.map { row in
            let schedule = try schedule(row)
            return RecurringRule(
                id: try row.decode(column: "id", as: Int.self), user: try row.decode(column: "email", as: String.self),
                category: try row.decode(column: "category", as: String.self), amount: Money(cents: try row.decode(column: "amount_cents", as: Int64.self)),
                description: try row.decode(column: "description", as: String.self), frequency: schedule.frequency, startsOn: schedule.startsOn, endsOn: schedule.endsOn,
                paused: try row.decode(column: "paused", as: Int64.self) == 1,
                pausedOn: try row.decode(column: "paused_on", as: String?.self).map { text throws(LedgerError) in try CalendarDate(parsing: text) },
                posted: try row.decode(column: "posted", as: Int.self), skipped: try row.decode(column: "skipped", as: Int.self),
                lastOccurrence: try row.decode(column: "last_occurrence", as: String?.self).map { text throws(LedgerError) in try CalendarDate(parsing: text) }
            )
        }
    }
}
