import FluentKit
import Foundation
import PersistKit
import PersistTooling
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
    /// The tolerance of a verification unless the caller gives another: none. Money is exact, so
    /// any difference, even one cent, blocks the release.
    public static let defaultTolerance = Decimal(0)

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
        // Names that look the same are one key (Swift compares strings as a person reads them),
        // so two stored spellings of one name add up instead of colliding.
        let sql = Dictionary(report.categories.map { ($0.category, $0.total.decimal) }, uniquingKeysWith: +)
        return MonthlyVerification(
            user: report.user, month: report.month,
            comparison: TotalsComparison(sql: sql, source: source, tolerance: tolerance)
        )
    }
}

extension Ledger {
    /// Computes the budget report in the database (one read snapshot) and, independently, what
    /// was spent per category from the ledger file, and compares the report's spent column with
    /// it category by category (budgeted or not): a budget report is released only when its
    /// spending agrees with the raw rows.
    ///
    /// - Throws: ``LedgerFileTotals/Failure`` when the ledger is unusable; ``LedgerError`` for an
    ///   unknown user.
    public func verifyBudgetReport(
        user: String, month: Month, ledger: URL, tolerance: Decimal = Ledger.defaultTolerance
    ) async throws -> MonthlyVerification {
        let report = try await budgetReport(user: user, month: month, snapshot: true)
        let source = try LedgerFileTotals.totals(in: ledger, user: user, year: month.year, month: month.month)
        let sql = Dictionary(report.lines.filter { $0.count > 0 }.map { ($0.category, $0.spent.decimal) }, uniquingKeysWith: +)
        return MonthlyVerification(
            user: report.user, month: report.month,
            comparison: TotalsComparison(sql: sql, source: source, tolerance: tolerance)
        )
    }
}
