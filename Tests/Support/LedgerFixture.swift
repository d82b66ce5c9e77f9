import BudgetTracker
import Foundation
import PersistKit
import SQLKit

/// A migrated, empty budget database on one backend, for one test.
public enum LedgerFixture {
    /// Runs `body` with a ledger over a fresh, fully migrated database; removes it afterwards.
    public static func with<T>(_ backend: TestBackend, _ body: (Ledger) async throws -> T) async throws -> T {
        try await ScratchDatabase.with(backend) { scratch in
            let handle = try await DatabaseHandle.open(try scratch.url)
            do {
                try await BudgetMigrations.migrator.migrate(on: handle)
                let result = try await body(Ledger(handle))
                await handle.close()
                return result
            } catch {
                await handle.close()
                throw error
            }
        }
    }
}

/// Every row of the budget tables, as text: equal snapshots mean an unchanged database.
public enum DatabaseSnapshot {
    public static func take(_ handle: DatabaseHandle) async throws -> String {
        var text = ""
        for (table, columns) in [
            ("users", "id, email, name"),
            ("categories", "id, name, color"),
            ("expenses", "id, user_id, category_id, description, amount_cents, spent_on"),
        ] {
            let rows = try await handle.unprotectedSQL.raw("SELECT \(unsafeRaw: columns) FROM \(ident: table) ORDER BY id").all()
            text += "\(table): \(rows.count)\n"
            for row in rows {
                let cells = try row.allColumns.map { column -> String in
                    if let text = try? row.decode(column: column, as: String.self) { return text }
                    return String(try row.decode(column: column, as: Int64.self))
                }
                text += cells.joined(separator: "|") + "\n"
            }
        }
        return text
    }

    /// Row counts of the budget tables.
    public static func counts(_ handle: DatabaseHandle) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in ["users", "categories", "expenses"] {
            counts[table] = try await handle.unprotectedSQL.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()!.decode(column: "n", as: Int.self)
        }
        return counts
    }
}
