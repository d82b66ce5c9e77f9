import FluentKit
import SQLiteNIO

/// A batch as one multi-row `INSERT … VALUES (?, …), (?, …)` with every value bound.
struct SQLiteBulkStatement: BulkStatement {
    let table: String
    let columns: [BulkColumn]

    /// About 16,000 bound parameters: half SQLite's limit (32,766), and a statement large enough
    /// that preparing it costs little per row (2,666 rows of six columns).
    var preferredBatchSize: Int { max(1, 16_000 / max(columns.count, 1)) }

    func insert(_ rows: [[BulkValue]], on database: any Database) async throws {
        let sql = text(rows: rows.count)
        var binds: [SQLiteData] = []
        binds.reserveCapacity(rows.count * columns.count)
        for row in rows {
            for value in row {
                switch value {
                case .integer(let number): binds.append(.integer(Int(number)))
                case .text(let text): binds.append(.text(text))
                case .timestamp(let date): binds.append(date.sqliteData ?? .null)
                }
            }
        }
        let driver = sending(text(rows: 1) + " (\(rows.count) rows)", on: database)
        _ = try await (driver as! any SQLiteDatabase).query(sql, binds)
    }

    private func text(rows: Int) -> String {
        let names = columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
        let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        return "INSERT INTO \"\(table)\" (\(names)) VALUES " + Array(repeating: tuple, count: rows).joined(separator: ", ")
    }
}
