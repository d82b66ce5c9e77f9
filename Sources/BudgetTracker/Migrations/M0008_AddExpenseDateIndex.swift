import PersistKit
import SQLKit

/// Expenses by date, then id: the order `expense export` streams them in, page by page.
/// `IF NOT EXISTS` for the reason given in ``M0004_AddExpenseIndexes``.
struct M0008_AddExpenseDateIndex: SchemaMigration {
    var name: String { "M0008_AddExpenseDateIndex" }

    func prepare(on database: any SQLDatabase) async throws {
        try await database.raw("CREATE INDEX IF NOT EXISTS \(ident: "expenses_date_id") ON \(ident: "expenses") (\(ident: "spent_on"), \(ident: "id"))").run()
    }

    func revert(on database: any SQLDatabase) async throws {
        try await database.drop(index: "expenses_date_id").run()
    }
}
