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
    ///
    /// Numeric columns are right-aligned. On a terminal (as wide as it or `COLUMNS` says) the widest text
    /// column is shortened with "…" until the table fits; pipes and files get every character.
    static func table(
        headers: [String], rows: [[String]], numeric: Set<Int>, footer: [[String]] = [], fitting width: Int? = TerminalStyle.current.fitWidth
    ) -> String {
        // A line break or tab inside a cell would break the layout: shown as a visible mark.
        var all = ([headers] + rows + footer).map { $0.map(oneLine) }
        var widths = headers.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        if let width, let column = shrinkableColumn(widths: widths, numeric: numeric) {
            let excess = widths.reduce(0, +) + 2 * (widths.count - 1) - width
            if excess > 0 {
                widths[column] = max(8, widths[column] - excess)
                all = all.map { cells in
                    var cells = cells
                    if cells[column].count > widths[column] { cells[column] = String(cells[column].prefix(widths[column] - 1)) + "…" }
                    return cells
                }
            }
        }
        let fitted = all
        func line(_ index: Int) -> String {
            fitted[index].enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return numeric.contains(column) ? padding + cell : cell + padding
            }
            .joined(separator: "  ")
            .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        var lines = [line(0), rule] + rows.indices.map { line(1 + $0) }
        if !footer.isEmpty { lines += [rule] + footer.indices.map { line(1 + rows.count + $0) } }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `text` on one line: each line break becomes "⏎", each tab a space, and any other control
    /// or format character (a terminal escape) is shown escaped (CSV and JSON keep them all).
    static func oneLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { [.control, .lineSeparator, .paragraphSeparator, .format].contains($0.properties.generalCategory) })
        else { return text }
        let flat = String(text.map { $0.isNewline ? "⏎" : $0 == "\t" ? " " : $0 })
        return PrintableText.oneLine(flat, limit: .max)
    }

    /// The widest column that is not numeric, the one to shorten.
    private static func shrinkableColumn(widths: [Int], numeric: Set<Int>) -> Int? {
        widths.indices.filter { !numeric.contains($0) }.max { widths[$0] < widths[$1] }
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
