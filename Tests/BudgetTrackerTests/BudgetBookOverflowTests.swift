@testable import BudgetTracker
import Testing

/// Totals beyond what integer cents hold (thousands of categories whose limits have rolled over
/// for centuries) are refused with an error: never wrapped round, never a trap that would take a
/// serving process, and every user of it, down.
@Suite("Budget totals beyond 64-bit cents")
struct BudgetBookOverflowTests {
    private static func row(_ kind: String, category: Int64, month: String = "2024-01", cents: Int64, rollover: Bool = false) -> BudgetQuery.Row {
        BudgetQuery.Row(
            kind: kind, category_id: category, category: "C\(category)", color: "#336699", month: month, cents: cents, items: kind == "s" ? 1 : 0,
            every_month: 1, rollover: rollover ? 1 : 0
        )
    }

    private static let user = BudgetQuery.Row(kind: "u", category_id: nil, category: nil, color: nil, month: nil, cents: 0, items: 0, every_month: 0, rollover: 0)

    @Test("limits whose sum passes Int64.max: the report is refused, the lines alone are exact")
    func limitsSum() throws {
        let book = try BudgetBook(rows: [Self.user] + (1...3).map { Self.row("b", category: $0, cents: 4_000_000_000_000_000_000) })
        #expect(try book.lines(in: Month(parsing: "2024-01")).map(\.line.limit?.cents) == Array(repeating: 4_000_000_000_000_000_000, count: 3))
        #expect(throws: LedgerError.self) { try book.report(user: "a@example.com", month: Month(parsing: "2024-01")) }
    }

    @Test("a carry that passes Int64.max month by month, and spending far below zero (refunds): refused, not trapped")
    func carryAndRefunds() throws {
        let carried = try BudgetBook(rows: [Self.user, Self.row("b", category: 1, cents: 5_000_000_000_000_000_000, rollover: true)])
        #expect(try carried.report(user: "a@example.com", month: Month(parsing: "2024-01")).available.cents == 5_000_000_000_000_000_000)
        #expect(throws: LedgerError.self) { try carried.report(user: "a@example.com", month: Month(parsing: "2024-02")) }

        let refunded = try BudgetBook(rows: [Self.user, Self.row("b", category: 1, cents: 9_000_000_000_000_000_000), Self.row("s", category: 1, cents: -1_000_000_000_000_000_000)])
        #expect(throws: LedgerError.self) { try refunded.report(user: "a@example.com", month: Month(parsing: "2024-01")) }
        #expect(throws: LedgerError.self) {
            try BudgetBook(rows: [Self.user, Self.row("m", category: 1, cents: .max), Self.row("m", category: 1, cents: 1)])
        }
    }
}
