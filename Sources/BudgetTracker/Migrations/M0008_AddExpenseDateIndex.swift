import PersistKit
import SQLKit

/// Expenses by date, then id: the order `expense export` streams them in, page by page.
struct M0008_AddExpenseDateIndex: SchemaMigration {
    var name: String { "M0008_AddExpenseDateIndex" }

    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(index: "expenses_date_id").on("expenses").column("spent_on").column("id").run()
    }

    func revert(on database: any SQLDatabase) async throws {
        try await database.drop(index: "expenses_date_id").run()
    }
}
