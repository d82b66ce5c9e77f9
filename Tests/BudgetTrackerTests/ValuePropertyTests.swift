@testable import BudgetTracker
import Foundation
import PersistTestSupport
import Testing

/// Property tests over the values people type (seeded, so every run is the same): whatever the
/// input, parsing either refuses it with a ``LedgerError`` or gives a value that round-trips, and
/// nothing reachable from input traps (no `try!`, force unwrap or overflow).
@Suite("Values: every input is refused cleanly or round-trips")
struct ValuePropertyTests {
    static func text(_ random: inout SplitMix, from alphabet: [String], length: Int) -> String {
        (0..<Int(random.next() % UInt64(length + 1))).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }.joined()
    }

    @Test("months and dates: parse, describe, step across the calendar's ends")
    func monthsAndDates() throws {
        var random = SplitMix(seed: 7)
        let digits = ["0", "1", "2", "9", "-", "00", "12", "13", "31", "29", "02", "9999", "0001", "0000", " "]
        for _ in 0..<20_000 {
            let text = Self.text(&random, from: digits, length: 6)
            if let month = try? Month(parsing: text) {
                #expect(month.description == text)
                #expect(month.firstDay <= month.lastDay)
                let step = Int(Int64(bitPattern: random.next()) % 250_000)
                if let moved = month.adding(months: step) {
                    #expect((1...9999).contains(moved.year) && (1...12).contains(moved.month))
                    #expect(moved.adding(months: -step) == month)
                }
            }
            if let date = try? CalendarDate(parsing: text) {
                #expect(date.description == text)
                #expect(Month(containing: date).firstDay <= date && date <= Month(containing: date).lastDay)
            }
        }
        #expect(Month.earliest.adding(months: -1) == nil)
        #expect(try Month(parsing: "9999-12").adding(months: 1) == nil)
        #expect(try Month(parsing: "2024-01").adding(months: Int.max) == nil)
        #expect(try Month(parsing: "2024-01").adding(months: Int.min) == nil)
    }

    @Test("amounts: refused, or exact cents whose text parses back the same")
    func amounts() throws {
        var random = SplitMix(seed: 11)
        let pieces = ["0", "1", "5", "9", "99999999", "100000000", ".", "-", "+", "00", "e3", " ", ",", "٣", "NaN"]
        for _ in 0..<20_000 {
            let text = Self.text(&random, from: pieces, length: 5)
            guard let money = try? Money(parsing: text) else { continue }
            #expect(money.cents.magnitude <= Money.maximum.cents.magnitude)
            #expect(try Money(parsing: money.description) == money)
            if let amount = try? Validation.amount(money) {
                #expect(amount.cents != 0)
            } else {
                #expect(money.cents == 0)
            }
        }
    }

    @Test("names: refused, or NFC text within the schema's limit in code points")
    func names() throws {
        var random = SplitMix(seed: 13)
        let pieces = ["a", "Z", " ", "\t", "e\u{301}", "\u{E9}", "\u{1F468}\u{200D}\u{1F469}", "\u{0}", "\n", "\u{85}", "\u{FB2C}", "\u{200B}", "@", ".", "x.co", String(repeating: "é", count: 20)]
        for _ in 0..<20_000 {
            let text = Self.text(&random, from: pieces, length: 8)
            if let name = try? Validation.category(text) {
                #expect(name == name.normalizedNFC)
                #expect(Array(name.utf8) == Array(name.precomposedStringWithCanonicalMapping.utf8))
                #expect(name.unicodeScalars.count <= 50)
                #expect(!name.isEmpty && !name.containsControlCharacter(allowingLineBreaks: false))
                // The same name typed in another Unicode form is the same stored text.
                #expect(try Validation.category(text.decomposedStringWithCanonicalMapping) == name)
            }
            if let email = try? Validation.email(text + "@x.co") {
                #expect(email == email.normalizedNFC && email == email.lowercased().normalizedNFC)
                #expect(email.unicodeScalars.count <= 100)
            }
        }
    }

    @Test("shares: exact, rounded half away from zero to one decimal, as Decimal division and rounding give them")
    func sharesMatchDecimalArithmetic() throws {
        var generator = SplitMix(seed: 2026_11_27)
        var cases: [(Int64, Int64)] = [(1, 3), (2, 3), (1, 8), (-1, 8), (1, -8), (-1, 3000), (1, 3000), (0, 5), (5, 5), (1, 2000), (-1, 2000), (Int64.max / 2, Int64.max), (-999_999_999_999_99, 1), (Int64.max, 1), (Int64.min + 1, 1), (Int64.max, -1), (184_499_999_999_815_500, 1), (-184_499_999_999_815_500, 1)]
        for _ in 0..<20_000 {
            let whole = Int64.random(in: -10_000_000...10_000_000, using: &generator)
            cases.append((Int64.random(in: -10_000_000...10_000_000, using: &generator), whole == 0 ? 1 : whole))
        }
        let encoder = JSONEncoder()
        for (part, whole) in cases {
            var ratio = Decimal(part) * 100 / Decimal(whole), expected = Decimal()
            NSDecimalRound(&expected, &ratio, 1, .plain)
            let share = Ledger.share(Money(cents: part), of: Money(cents: whole))
            #expect(share == expected, "\(part) / \(whole)")
            // The same text in JSON: no "-0", no trailing zeros that were not there before.
            #expect(try encoder.encode([share]) == encoder.encode([expected]), "\(part) / \(whole)")
        }
        #expect(Ledger.share(Money(cents: 7), of: .zero) == 0)
    }
}
