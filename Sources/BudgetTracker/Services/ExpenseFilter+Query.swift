import FluentKit
import FluentSQL
import SQLKit

/// An ``ExpenseFilter`` checked once and applied to queries: the listing and the export filter
/// the same way.
struct CheckedFilter: Sendable {
    let email: String?
    let category: String?
    let month: Month?
    let from: CalendarDate?
    let to: CalendarDate?
    /// A LIKE pattern with the wildcards of the text escaped.
    let pattern: String?

    init(_ filter: ExpenseFilter) throws(LedgerError) {
        email = try filter.user.map { email throws(LedgerError) in try Validation.email(email) }
        category = try filter.category.map { name throws(LedgerError) in try Validation.category(name) }
        if let from = filter.from, let to = filter.to, from.description > to.description {
            throw LedgerError.invalid(field: "from", reason: "\(from) is after --to \(to)")
        }
        month = filter.month
        from = filter.from
        to = filter.to
        pattern = try filter.text.map { text throws(LedgerError) in
            // The text as the description would store it; LIKE's wildcards escaped.
            let text = try Validation.text(text, field: "search", maximum: 200, multiline: false)
            return "%" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_") + "%"
        }
    }

    /// `expenses.spent_on` compared with `day`, bound as the column's type (see ``CharValue``).
    private static func spentOn(_ comparison: SQLBinaryOperator, _ day: CalendarDate) -> DatabaseQuery.Filter {
        .sql(SQLBinaryExpression(SQLColumn(Expense.Column.spentOn.description, table: Expense.schema), comparison, CharValue.day(day)))
    }

    /// `query` (expenses joined to users and categories) narrowed by the filter.
    func apply(to query: QueryBuilder<Expense>) -> QueryBuilder<Expense> {
        var query = query
        if let email { query = query.filter(User.self, \.$email == email) }
        if let category { query = query.filter(Category.self, \.$name == category) }
        if let month {
            query = query.filter(Self.spentOn(.greaterThanOrEqual, month.firstDay)).filter(Self.spentOn(.lessThanOrEqual, month.lastDay))
        }
        if let from { query = query.filter(Self.spentOn(.greaterThanOrEqual, from)) }
        if let to { query = query.filter(Self.spentOn(.lessThanOrEqual, to)) }
        if let pattern {
            query = query.filter(.sql(SQLQueryString(
                "lower(\(ident: Expense.schema).\(ident: "description")) LIKE lower(\(bind: pattern)) ESCAPE '\\'"
            )))
        }
        return query
    }

    /// Throws when the filter names a user, or a category that user (or, with no user, anyone)
    /// sees, that does not exist: an empty answer must say whether the names were wrong.
    func requireNamesExist(on database: any Database) async throws {
        var user: User?
        if let email { user = try await Ledger.user(email: email, on: database) }
        if let category { _ = try await Ledger.category(name: category, visibleTo: user?.id, anyOwner: user == nil, on: database) }
    }
}
