import BudgetTracker
import PersistKit
import PersistTestSupport
import Testing

extension Reliability {
    /// The gate while people write: a load test, so it runs in the serialized pass.
    @Suite("The release gate beside writers")
    struct GateBesideWritersTests {
        @Test("people adding expenses while the gate runs do not block it", arguments: TestBackend.available.filter { $0 != .pgbouncer })
        func gateBesideWriters(backend: TestBackend) async throws {
            try await LedgerFixture.with(backend) { ledger in
                _ = try await ledger.seedSampleData()
                let writer = Task {
                    for index in 0..<40 {
                        _ = try await ledger.addExpense(NewExpense(user: "alice@example.com", category: "Food", amount: Money(cents: Int64(100 + index)), description: "while gating"))
                    }
                }
                let evidence = await BudgetReleaseGate.run(ledger.handle.url)
                try await writer.value
                #expect(evidence.decision == .readyForDemo, "\(evidence.gates)")
                #expect(try await ledger.expenses(ExpenseFilter(user: "alice@example.com")).filter { $0.description == "while gating" }.count == 40)
            }
        }
    }
}
