import Foundation

/// Two independently computed sets of totals, compared key by key within a tolerance: the heart
/// of hybrid verification. A key present on one side only counts as 0 on the other.
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

    /// Every key on either side, sorted by key.
    public let lines: [Line]
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
    }

    /// The lines that disagree.
    public var mismatches: [Line] { lines.filter { !$0.agrees } }

    /// Whether every line agrees.
    public var agrees: Bool { mismatches.isEmpty }
}
