import CSV
import Foundation
import protocol PersistKit.PersistFailure

/// The independent side of report verification: a user's monthly totals per category, computed
/// straight from the raw ledger file, sharing nothing with the import and SQL path.
///
/// It has its own CSV parser (CSV.swift, not persist's reader), its own month window (from
/// Foundation's Gregorian calendar, not the report's text bounds), its own user and category
/// matching, and sums in `Decimal` (not integer cents). A bug on one path therefore shows up as a
/// disagreement instead of being repeated on both.
public enum LedgerFileTotals {
    /// Why the ledger file cannot be used as evidence. Never a silent skip.
    public struct Failure: PersistFailure, Equatable {
        /// What is wrong with the ledger.
        public let reason: String

        init(description: String) {
            reason = description
        }

        public var description: String { "the ledger cannot be used for verification: \(reason)" }
    }

    /// Totals per category for `user` in `month`, from the file at `url`. Rows of other users and
    /// months are ignored.
    ///
    /// - Throws: ``Failure`` for an unreadable file, a missing column, an unreadable amount or
    ///   date, or text that is not UTF-8.
    public static func totals(in url: URL, user: String, year: Int, month: Int) throws -> [String: Decimal] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue,
              FileManager.default.isReadableFile(atPath: url.path) else {
            throw Failure(description: "cannot open the ledger \(url.path): no such readable file")
        }
        // A device or a pipe could be endless (/dev/zero): evidence is a file on disk.
        guard (try? FileManager.default.attributesOfItem(atPath: url.path)[.type] as? FileAttributeType) == .typeRegular else {
            throw Failure(description: "the ledger \(url.path) is not a regular file (a device or a pipe cannot be evidence)")
        }
        // The same dialect and limits as `expense import` (field size, field count, quoting,
        // UTF-8): a file one path accepts, the other accepts too. Only the structure is shared;
        // the totals below come from CSV.swift.
        do {
            try LedgerDialect.check(url)
        } catch {
            throw Failure(description: "\(error)")
        }
        guard let stream = InputStream(fileAtPath: url.path) else {
            throw Failure(description: "cannot open the ledger \(url.path): no such readable file")
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(stream: stream, hasHeaderRow: true)
        } catch {
            throw Failure(description: "the ledger is empty, or its header row cannot be read as CSV")
        }
        let header = (reader.headerRow ?? []).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var column: [String: Int] = [:]
        for name in ["date", "user", "category", "amount"] {
            guard let index = header.firstIndex(of: name) else {
                throw Failure(description: "the ledger has no '\(name)' column")
            }
            column[name] = index
        }
        let window = try monthWindow(year: year, month: month)
        let wantedUser = user.trimmingCharacters(in: .whitespaces).lowercased()
        var totals: [String: Decimal] = [:]
        var line = 1
        while let row = reader.next() {
            line += 1
            // A blank line is a row in a spreadsheet and nothing in a ledger, as on import.
            if row.count == 1, row[0].isEmpty { continue }
            guard row.count == header.count else {
                throw Failure(description: "ledger row \(line) has \(row.count) fields, the header has \(header.count)")
            }
            // A row the import would refuse is no evidence either: every row names a user and a category.
            for name in ["user", "category"] where row[column[name]!].trimmingCharacters(in: .whitespaces).isEmpty {
                throw Failure(description: "ledger row \(line) has an empty \(name)")
            }
            let day = try date(row[column["date"]!], row: line)
            let amount = try decimal(row[column["amount"]!], row: line)
            guard row[column["user"]!].trimmingCharacters(in: .whitespaces).lowercased() == wantedUser,
                  day >= window.start, day < window.end else { continue }
            // NFC, as everywhere persist compares names: "Café" is one category however typed.
            totals[row[column["category"]!].trimmingCharacters(in: .whitespaces).precomposedStringWithCanonicalMapping, default: 0] += amount
        }
        // CSV.swift on Linux reports `cannotReadFile` even at a clean end of file: only an error
        // before the end of the stream is real.
        if let error = reader.error, stream.streamStatus != .atEnd {
            throw Failure(description: "the ledger could not be read to the end (\(error)); is it UTF-8?")
        }
        return totals
    }

    /// The first instant of the month and of the next (December rolls into January).
    private static func monthWindow(year: Int, month: Int) throws -> (start: Date, end: Date) {
        let calendar = gregorianUTC
        guard let start = calendar.date(from: DateComponents(year: year, month: month, day: 1)),
              let end = calendar.date(byAdding: .month, value: 1, to: start) else {
            throw Failure(description: "no such month \(year)-\(month)")
        }
        return (start, end)
    }

    private static func date(_ text: String, row: Int) throws -> Date {
        let formatter = DateFormatter()
        formatter.calendar = gregorianUTC
        formatter.timeZone = gregorianUTC.timeZone
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.isLenient = false
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        // DateFormatter accepts "2024-1-5"; the ledger format does not.
        guard trimmed.count == 10, let date = formatter.date(from: trimmed) else {
            throw Failure(description: "ledger row \(row): unreadable date '\(text.prefix(40))'")
        }
        return date
    }

    private static func decimal(_ text: String, row: Int) throws -> Decimal {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.hasPrefix("-") || trimmed.hasPrefix("+") ? String(trimmed.dropFirst()) : trimmed
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts.allSatisfy({ $0.allSatisfy { $0 >= "0" && $0 <= "9" } }),
              parts.count == 1 || (1...2).contains(parts[1].count),
              let value = Decimal(string: trimmed, locale: Locale(identifier: "en_US_POSIX")) else {
            throw Failure(description: "ledger row \(row): unreadable amount '\(text.prefix(40))'")
        }
        return value
    }

    private static let gregorianUTC: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
