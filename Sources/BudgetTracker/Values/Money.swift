import Foundation

/// An exact amount of money, held as integer cents: never a `Double`.
///
/// ```swift
/// let lunch = try Money(parsing: "18.75")   // 1875 cents
/// lunch.description                          // "18.75"
/// ```
public struct Money: Sendable, Hashable, Comparable, TextCodable {
    /// The largest amount one expense may hold: 99,999,999.99.
    public static let maximum = Money(cents: 9_999_999_999)
    /// Nothing.
    public static let zero = Money(cents: 0)

    /// The amount in cents (minor units).
    public let cents: Int64

    /// An amount of `cents` minor units.
    public init(cents: Int64) {
        self.cents = cents
    }

    /// Parses a plain decimal: digits, optionally a point and one or two more digits, optionally a
    /// leading minus. Rejects exponents, hex, `NaN`, thousands separators and more than two decimals.
    ///
    /// - Throws: ``LedgerError/invalid(field:reason:)`` for the field `amount`.
    public init(parsing text: String) throws(LedgerError) {
        let trimmed = text.trimmingSpaces
        var digits = Substring(trimmed)
        let negative = digits.first == "-"
        if negative || digits.first == "+" { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        let fraction = parts.count > 1 ? parts[1] : ""
        guard !whole.isEmpty, whole.allSatisfy(\.isASCIIDigit), fraction.allSatisfy(\.isASCIIDigit),
              parts.count == 1 || !fraction.isEmpty else {
            throw LedgerError.invalid(field: "amount", reason: "'\(Self.shown(text))' is not a decimal amount such as 12.34")
        }
        guard fraction.count <= 2 else {
            throw LedgerError.invalid(field: "amount", reason: "'\(Self.shown(text))' has more than two decimal places")
        }
        let wholeDigits = whole.drop(while: { $0 == "0" })
        guard wholeDigits.count <= 8 else {
            throw LedgerError.invalid(field: "amount", reason: "'\(Self.shown(text))' is more than the maximum \(Self.maximum)")
        }
        let cents = (Int64(wholeDigits) ?? 0) * 100 + Int64(fraction.padding(toLength: 2, withPad: "0", startingAt: 0))!
        self.init(cents: negative ? -cents : cents)
    }

    /// The amount as `1234.50`, always two decimals.
    public var description: String {
        let sign = cents < 0 ? "-" : ""
        let magnitude = cents.magnitude
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// The same amount as a `Decimal`, for callers that compute with money.
    public var decimal: Decimal { Decimal(cents) / 100 }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.cents < rhs.cents }
    public static func + (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents + rhs.cents) }
    public static prefix func - (value: Money) -> Money { Money(cents: -value.cents) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents - rhs.cents) }

    /// Input shown back in an error, shortened so a pasted megabyte cannot flood the terminal.
    /// Text that looks like a URL is never shown: shortened, it could hold part of a password.
    static func shown(_ text: String) -> String {
        if text.contains("://") { return "(a URL, not shown)" }
        return text.count > 40 ? String(text.prefix(40)) + "…" : text
    }
}

extension Character {
    /// `0` to `9` only (not other scripts' digits).
    var isASCIIDigit: Bool { isASCII && isNumber }
}
