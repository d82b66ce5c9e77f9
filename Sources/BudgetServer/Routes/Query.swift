import BudgetTracker
import Hummingbird

/// Query parameters, parsed as the ledger's values; a bad one is a 422 naming it.
struct Query {
    let parameters: [String: String]

    init(_ request: Request) {
        var parameters: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { parameters[String(key)] = String(value) }
        self.parameters = parameters
    }

    func text(_ name: String) -> String? {
        parameters[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    func month(_ name: String) throws -> Month? {
        try text(name).map { text throws(LedgerError) in try Month(parsing: text) }
    }

    func date(_ name: String) throws -> CalendarDate? {
        try text(name).map { text throws(LedgerError) in try CalendarDate(parsing: text) }
    }

    /// A whole number from `range`, or `fallback` when absent.
    func number(_ name: String, in range: ClosedRange<Int>, default fallback: Int) throws -> Int {
        guard let text = text(name) else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw LedgerError.invalid(field: name, reason: "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// `true`/`false` (also `1`/`0`), or `false` when absent.
    func flag(_ name: String) throws -> Bool {
        guard let text = text(name) else { return false }
        switch text.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw LedgerError.invalid(field: name, reason: "must be true or false")
        }
    }

    /// The expense filter the listing and export routes share.
    func expenseFilter() throws -> ExpenseFilter {
        ExpenseFilter(
            category: text("category"), month: try month("month"), from: try date("from"), to: try date("to"), text: text("q")
        )
    }
}
