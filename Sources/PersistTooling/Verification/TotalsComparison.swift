import Foundation
import PersistKit

/// Two independently computed sets of totals, compared key by key within a tolerance: the heart
/// of hybrid verification. A key present on one side only counts as 0 on the other.
///
/// The tolerance bounds every key and the grand total alike, so small differences that each pass
/// cannot add up to a released error. Money is exact, so the usual tolerance is zero.
public struct TotalsComparison: Sendable, Equatable {
    /// One key's totals on both sides.
    public struct Line: Sendable, Equatable, Codable {
        /// The category compared.
        public let key: String
        /// The database's total.
        public let sql: Decimal
        /// The independent source's total.
        public let source: Decimal
        /// `sql - source`.
        public let delta: Decimal
        /// Whether `|delta|` is within the tolerance.
        public let agrees: Bool
    }

    /// The key of the ``total`` line.
    public static let totalKey = "(total)"

    /// Every key on either side, sorted by key.
    public let lines: [Line]
    /// The sums of both sides, compared within the same tolerance.
    public let total: Line
    /// The largest disagreement accepted.
    public let tolerance: Decimal

    /// Compares `sql` with `source`.
    public init(sql: [String: Decimal], source: [String: Decimal], tolerance: Decimal) {
        self.tolerance = tolerance
        lines = Set(sql.keys).union(source.keys).sorted().map { key in
            let left = sql[key] ?? 0
            let right = source[key] ?? 0
            let delta = left - right
            return Line(key: key, sql: left, source: right, delta: delta, agrees: abs(delta) <= tolerance)
        }
        let left = lines.reduce(Decimal(0)) { $0 + $1.sql }
        let right = lines.reduce(Decimal(0)) { $0 + $1.source }
        total = Line(key: Self.totalKey, sql: left, source: right, delta: left - right, agrees: abs(left - right) <= tolerance)
    }

    /// The lines that disagree, the ``total`` line last when the sums disagree.
    public var mismatches: [Line] { (lines + [total]).filter { !$0.agrees } }

    /// What disagrees, in words: "1 category disagrees", "3 categories and the total disagree".
    public var disagreement: String {
        let categories = lines.filter { !$0.agrees }.count
        let named = categories.counted("category", plural: "categories")
        switch (categories, total.agrees) {
        case (0, true): return "nothing disagrees"
        case (0, false): return "the total disagrees"
        case (_, true): return "\(named) \(categories == 1 ? "disagrees" : "disagree")"
        case (_, false): return "\(named) and the total disagree"
        }
    }

    /// Whether every line agrees.
    public var agrees: Bool { mismatches.isEmpty }
}
