import Foundation

/// One column of a bulk insert: its name and the kind of value every row gives it.
public struct BulkColumn: Sendable, Equatable {
    /// What a column holds.
    public enum Kind: Sendable, Equatable {
        /// A 64-bit integer.
        case integer
        /// UTF-8 text.
        case text
        /// A point in time, stored the way FluentKit stores `Date` on the backend.
        case timestamp
    }

    /// The column's name in the table.
    public let name: String
    /// What it holds.
    public let kind: Kind

    /// A column `name` holding `kind` values.
    public init(_ name: String, _ kind: Kind) {
        self.name = name
        self.kind = kind
    }
}

/// One value of a bulk-inserted row; its case must match its column's ``BulkColumn/Kind``.
public enum BulkValue: Sendable, Equatable {
    case integer(Int64)
    case text(String)
    case timestamp(Date)
}
