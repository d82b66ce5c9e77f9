import Foundation
import PersistKit

/// Turns rows into text in the chosen ``OutputFormat``.
enum Renderer {
    /// The rows as a table, a JSON array or CSV.
    static func render<Row: TableRow>(_ rows: [Row], as format: OutputFormat) throws -> String {
        switch format {
        case .table: table(headers: Row.headers, rows: rows.map(\.cells), numeric: Row.numericColumns)
        case .json: try json(rows)
        case .csv: csv(headers: Row.headers, rows: rows.map(\.cells))
        }
    }

    /// Aligned columns: a header, a rule, the rows, and optional footer rows after a second rule.
    static func table(headers: [String], rows: [[String]], numeric: Set<Int>, footer: [[String]] = []) -> String {
        let all = [headers] + rows + footer
        let widths = headers.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return numeric.contains(column) ? padding + cell : cell + padding
            }
            .joined(separator: "  ")
            .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        var lines = [line(headers), rule] + rows.map(line)
        if !footer.isEmpty { lines += [rule] + footer.map(line) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Pretty, key-sorted JSON with ISO 8601 dates.
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    /// RFC 4180 CSV.
    static func csv(headers: [String], rows: [[String]]) -> String {
        ([headers] + rows).map(CSVWriter.line).joined()
    }
}
