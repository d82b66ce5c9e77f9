import Foundation
import PersistKit

/// Writes a deterministic ledger CSV for benchmarks: 10 users, 8 categories, two years of dates,
/// amounts from 0.01 to 999.99, descriptions with commas, quotes and non-ASCII text.
public enum LedgerGenerator {
    /// The users the ledger is spread over.
    public static let users = (0..<10).map { "user\($0)@example.com" }
    /// The categories, one with a comma and one with non-ASCII text.
    public static let categories = ["Food", "Transport", "Rent", "Fun", "Health", "Books", "Café", "Gifts, misc"]
    /// The months the ledger covers: 2023-01 to 2024-12.
    public static let months: [(year: Int, month: Int)] = (2023...2024).flatMap { year in (1...12).map { (year, $0) } }

    /// Writes `rows` rows (plus the header) to `file`, streaming.
    public static func write(rows: Int, to file: URL) throws {
        guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.path])
        }
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        try write(rows: rows) { try handle.write(contentsOf: Data($0.utf8)) }
    }

    /// Generates `rows` rows (plus the header), handing them to `write` in chunks of about 1 MiB.
    public static func write(rows: Int, to write: (String) throws -> Void) throws {
        var state: UInt64 = 0x5EED
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var chunk = CSVWriter.line(LedgerCSV.columns)
        for index in 0..<rows {
            let (year, month) = months[Int(next() % UInt64(months.count))]
            let day = Int(next() % 28) + 1
            let cents = Int(next() % 99_999) + 1
            let date = "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
            let amount = "\(cents / 100).\(cents % 100 < 10 ? "0" : "")\(cents % 100)"
            chunk += CSVWriter.line([
                date, users[index % users.count], categories[Int(next() % UInt64(categories.count))], amount,
                "Purchase \(index), \"ref\" — naïve café",
            ])
            if chunk.utf8.count > 1 << 20 {
                try write(chunk)
                chunk = ""
            }
        }
        try write(chunk)
    }
}
