import SQLiteKit
import SQLKit

/// A row read by an ``SQLiteDirectConnection``, decoded exactly as SQLiteKit decodes its own
/// rows (`SQLiteDataDecoder`), so a statement's results do not depend on the path it took.
struct SQLiteDirectRow: SQLRow {
    /// The statement's column names, in order.
    let columns: [String]
    /// This row's values, in the same order.
    let values: [SQLiteData]

    var allColumns: [String] { columns }

    func contains(column: String) -> Bool { columns.contains(column) }

    func decodeNil(column: String) throws -> Bool {
        guard let index = columns.firstIndex(of: column) else { return true }
        return values[index] == .null
    }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let index = columns.firstIndex(of: column) else {
            throw DecodingError.keyNotFound(SQLiteDirectColumn(column), .init(codingPath: [], debugDescription: "no column \(column) in the row"))
        }
        return try SQLiteDataDecoder().decode(D.self, from: values[index])
    }
}

/// A column's name as a coding key, for the error of a missing column.
private struct SQLiteDirectColumn: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
