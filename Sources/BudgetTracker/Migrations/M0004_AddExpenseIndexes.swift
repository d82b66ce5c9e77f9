import PersistKit
import SQLKit

/// Released: never change. The indexes the monthly report and listings need.
///
/// `IF NOT EXISTS` (since checksums were first recorded; the schema it makes is the same): on a
/// large live table a DBA can build them beforehand with `CREATE INDEX CONCURRENTLY`, and the
/// migration then records them without locking writes out.
struct M0004_AddExpenseIndexes: SchemaMigration {
    var name: String { "M0004_AddExpenseIndexes" }

    func prepare(on database: any SQLDatabase) async throws {
        try await database.raw("CREATE INDEX IF NOT EXISTS \(ident: "expenses_user_date") ON \(ident: "expenses") (\(ident: "user_id"), \(ident: "spent_on"))").run()
        try await database.raw("CREATE INDEX IF NOT EXISTS \(ident: "expenses_category") ON \(ident: "expenses") (\(ident: "category_id"))").run()
    }

    func revert(on database: any SQLDatabase) async throws {
        try await database.drop(index: "expenses_category").run()
        try await database.drop(index: "expenses_user_date").run()
    }
}
