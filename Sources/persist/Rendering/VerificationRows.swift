import ArgumentParser
import Foundation
import PersistKit
import PersistTooling
import BudgetTracker

/// A verification as table or CSV rows: category, SQL total, ledger total, delta, ok/MISMATCH.
enum VerificationRows {
    static let headers = ["category", "sql", "ledger", "delta", "status"]

    /// Prints a verification as `format`; throws exit status 3 when it blocks the release.
    static func print(_ result: MonthlyVerification, format: OutputFormat) throws {
        let comparison = result.comparison
        switch format {
        case .json:
            Swift.print(try Renderer.json(VerificationJSON(comparison)), terminator: "")
        case .csv:
            Swift.print(Renderer.csv(headers: headers, rows: rows(comparison)), terminator: "")
        case .table:
            Swift.print("\(result.user), \(result.month), tolerance \(comparison.tolerance)")
            Swift.print(Renderer.table(headers: headers, rows: rows(comparison), numeric: [1, 2, 3]), terminator: "")
            Swift.print(comparison.agrees ? "Release permitted." : "Release BLOCKED — \(comparison.disagreement)")
        }
        if !comparison.agrees { throw ExitCode(ExitStatus.blocked) }
    }

    static func rows(_ comparison: TotalsComparison) -> [[String]] {
        (comparison.lines + [comparison.total]).map { [$0.key, money($0.sql), money($0.source), money($0.delta), $0.agrees ? "ok" : "MISMATCH"] }
    }

    /// A decimal with two places, exactly.
    static func money(_ value: Decimal) -> String {
        var value = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 2, .plain)
        let text = "\(rounded)"
        guard let point = text.firstIndex(of: ".") else { return text + ".00" }
        let places = text.distance(from: point, to: text.endIndex) - 1
        return places >= 2 ? text : text + String(repeating: "0", count: 2 - places)
    }
}

/// `{"status":"verified"}` or `{"status":"blocked","reason":"verification_mismatch",…}`.
struct VerificationJSON: Encodable {
    struct Mismatch: Encodable {
        let category: String
        let sql: String
        let ledger: String
        let delta: String
    }

    let status: String
    let reason: String?
    let tolerance: String?
    let mismatches: [Mismatch]?

    init(_ comparison: TotalsComparison) {
        if comparison.agrees {
            (status, reason, tolerance, mismatches) = ("verified", nil, nil, nil)
        } else {
            status = "blocked"
            reason = "verification_mismatch"
            tolerance = VerificationRows.money(comparison.tolerance)
            mismatches = comparison.mismatches.map {
                Mismatch(category: $0.key, sql: VerificationRows.money($0.sql), ledger: VerificationRows.money($0.source), delta: VerificationRows.money($0.delta))
            }
        }
    }
}

/// `--tolerance`: a non-negative plain decimal.
enum Tolerance {
    static func parse(_ text: String) throws -> Decimal {
        guard !text.isEmpty, text.allSatisfy({ $0.isNumber || $0 == "." }), text.filter({ $0 == "." }).count <= 1,
              let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            throw ValidationError("invalid tolerance '\(text)': expected a non-negative decimal such as 0.01")
        }
        return value
    }
}
