import BudgetTracker
import Foundation

extension UserRecord: TableRow {
    static var headers: [String] { ["id", "email", "name", "created_at"] }
    static var numericColumns: Set<Int> { [0] }
    var cells: [String] { [String(id), email, name, createdAt.formatted(.iso8601)] }
}

extension CategoryRecord: TableRow {
    static var headers: [String] { ["id", "name", "color"] }
    static var numericColumns: Set<Int> { [0] }
    var cells: [String] { [String(id), name, color] }
}

extension ExpenseRecord: TableRow {
    static var headers: [String] { ["id", "date", "user", "category", "amount", "description"] }
    static var numericColumns: Set<Int> { [0, 4] }
    var cells: [String] { [String(id), date.description, user, category, amount.description, description] }
}

extension ExpenseRecord {
    /// `7: 2024-01-15 Food 52.50 Groceries`, for messages about one expense.
    var summary: String { "\(id): \(date) \(category) \(amount) \(description)" }
}

extension CategoryTotal: TableRow {
    static var headers: [String] { ["category", "count", "total", "share"] }
    static var numericColumns: Set<Int> { [1, 2, 3] }
    var cells: [String] { [category, String(count), total.description, Self.percent(share)] }

    /// `48.7%`: always one decimal (the share is already rounded to one).
    static func percent(_ share: Decimal) -> String {
        let tenths = NSDecimalNumber(decimal: share * 10).int64Value
        let sign = tenths < 0 ? "-" : ""
        return "\(sign)\(tenths.magnitude / 10).\(tenths.magnitude % 10)%"
    }
}
