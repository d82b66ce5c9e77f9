import PersistKit
import SQLKit

/// Released: never change. The indexes the monthly report and listings need.
struct M0004_AddExpenseIndexes: SchemaMigration {
    var name: String { "M0004_AddExpenseIndexes" }

    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(index: "expenses_user_date").on("expenses").column("user_id").column("spent_on").run()
        try await database.create(index: "expenses_category").on("expenses").column("category_id").run()
    }

    func revert(on database: any SQLDatabase) async throws {
        try await database.drop(index: "expenses_category").run()
        try await database.drop(index: "expenses_user_date").run()
    }
}
