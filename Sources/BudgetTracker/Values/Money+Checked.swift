/// Sums that may grow past what integer cents hold (limits carried over decades, across thousands
/// of categories) are refused with an error, never wrapped round nor trapped on.
extension Money {
    /// The largest magnitude a total may reach: 92,233,720,368,547,758.07.
    static let largestTotal = Money(cents: .max)

    /// `self + other`.
    ///
    /// - Throws: ``LedgerError/invalid(field:reason:)`` when the sum is beyond ``largestTotal``.
    func adding(_ other: Money) throws(LedgerError) -> Money {
        let (sum, overflow) = cents.addingReportingOverflow(other.cents)
        guard !overflow, sum != .min else { throw Self.beyond }
        return Money(cents: sum)
    }

    /// `self - other`.
    ///
    /// - Throws: ``LedgerError/invalid(field:reason:)`` when the difference is beyond ``largestTotal``.
    func subtracting(_ other: Money) throws(LedgerError) -> Money {
        let (difference, overflow) = cents.subtractingReportingOverflow(other.cents)
        guard !overflow, difference != .min else { throw Self.beyond }
        return Money(cents: difference)
    }

    private static var beyond: LedgerError {
        .invalid(field: "amount", reason: "a total is beyond \(largestTotal), the most persist can add up")
    }
}

extension Sequence {
    /// The sum of `amount` over the elements, refused when it is beyond ``Money/largestTotal``.
    func total(_ amount: (Element) -> Money) throws(LedgerError) -> Money {
        var sum = Money.zero
        for element in self { sum = try sum.adding(amount(element)) }
        return sum
    }
}
