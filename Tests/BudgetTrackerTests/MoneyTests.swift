import BudgetTracker
import Foundation
import PersistKit
import PersistTestSupport
import Testing

@Suite("Money is exact")
struct MoneyTests {
    @Test("accepted amounts", arguments: [
        ("0.10", Int64(10)), ("12.34", 1234), ("12.3", 1230), ("12", 1200), ("-5", -500), ("99999999.99", 9_999_999_999),
        ("007.50", 750), ("+1.00", 100),
    ])
    func parses(text: String, cents: Int64) throws {
        #expect(try Money(parsing: text).cents == cents)
    }

    @Test("refused amounts", arguments: [
        "abc", "1e3", "0x10", "12.345", "NaN", "inf", "", ".5", "5.", "1,000.00", "100000000.00",
        "123456789012345678901234567890", "1.2.3", "- 5", "١٢",
    ])
    func refuses(text: String) {
        #expect(throws: LedgerError.self) { try Money(parsing: text) }
    }

    @Test func formatting() {
        #expect(Money(cents: 5).description == "0.05")
        #expect(Money(cents: -1234).description == "-12.34")
        #expect(Money(cents: 9_999_999_999).description == "99999999.99")
    }

    @Test("three expenses of 0.10 report 0.30", arguments: TestBackend.available)
    func tenCentsThreeTimes(backend: TestBackend) async throws {
        try await LedgerFixture.with(backend) { ledger in
            _ = try await ledger.addUser(email: "a@example.com", name: "A")
            _ = try await ledger.addCategory(name: "Food")
            for _ in 0..<3 {
                _ = try await ledger.addExpense(NewExpense(
                    user: "a@example.com", category: "Food", amount: Money(parsing: "0.10"),
                    date: CalendarDate(parsing: "2024-01-10"), description: "sweet"
                ))
            }
            let report = try await ledger.monthlyReport(user: "a@example.com", month: Month(parsing: "2024-01"))
            #expect(report.total.description == "0.30")
            #expect(report.categories.first?.total.description == "0.30")
        }
    }

    @Test("sums over 100,000 imported rows equal the CSV's exact sum", arguments: TestBackend.available)
    func largeImportSumsExactly(backend: TestBackend) async throws {
        try await LedgerFixture.with(backend) { ledger in
            var generator = SplitMix(seed: 42)
            var csv = "date,user,category,amount,description\n"
            var expected: [String: Decimal] = [:]
            for index in 0..<100_000 {
                let month = Int(generator.next() % 12) + 1
                let cents = Int(generator.next() % 99_999) + 1
                let amount = "\(cents / 100).\(String(format: "%02d", cents % 100))"
                csv += "2024-\(String(format: "%02d", month))-15,u@example.com,C\(index % 7),\(amount),\"row \(index), \"\"quoted\"\"\"\n"
                expected[String(format: "2024-%02d", month), default: 0] += Decimal(string: amount)!
            }
            let file = try TemporaryFolder.make().appendingPathComponent("big.csv")
            try csv.write(to: file, atomically: true, encoding: .utf8)
            let summary = try await ledger.importExpenses(from: file, createMissing: true)
            #expect(summary.rows == 100_000)
            #expect(summary.total.decimal == expected.values.reduce(0, +))
            for (month, total) in expected {
                let report = try await ledger.monthlyReport(user: "u@example.com", month: Month(parsing: month))
                #expect(report.total.decimal == total, "\(month)")
            }
        }
    }
}
