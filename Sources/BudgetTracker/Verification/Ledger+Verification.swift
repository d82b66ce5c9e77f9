import FluentKit
import Foundation
import PersistKit
import SQLKit

/// A monthly report checked against the raw ledger it came from.
public struct MonthlyVerification: Sendable, Equatable {
    /// The user's email.
    public let user: String
    /// The month, `YYYY-MM`.
    public let month: String
    /// The two sides, category by category.
    public let comparison: TotalsComparison

    /// Whether the report may be released.
    public var permitted: Bool { comparison.agrees }
}

extension Ledger {
    /// The tolerance of a verification unless the caller gives another: one cent.
    public static let defaultTolerance = Decimal(string: "0.01")!

    /// Computes the monthly report in the database (one read snapshot) and, independently, from
    /// the ledger file, and compares them category by category.
    ///
    /// - Throws: ``LedgerFileTotals/Failure`` when the ledger is unusable; ``LedgerError`` for an
    ///   unknown user.
    public func verifyMonthlyReport(
        user: String, month: Month, ledger: URL, tolerance: Decimal = Ledger.defaultTolerance
    ) async throws -> MonthlyVerification {
        let report = try await monthlyReport(user: user, month: month, snapshot: true)
        let source = try LedgerFileTotals.totals(in: ledger, user: user, year: month.year, month: month.month)
        let sql = Dictionary(uniqueKeysWithValues: report.categories.map { ($0.category, $0.total.decimal) })
        return MonthlyVerification(
            user: report.user, month: report.month,
            comparison: TotalsComparison(sql: sql, source: source, tolerance: tolerance)
        )
    }
}
