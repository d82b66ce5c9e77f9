import BudgetTracker
import PersistKit
import PersistTestSupport
import Testing

extension Reliability {
    /// Processes starting at once on a new database: a load test, so it runs in the serialized pass.
    @Suite("Migrators at once")
    struct ConcurrentMigrationTests {
        @Test("ten migrators at once on an empty database: one applies every migration, the others wait and find nothing to do", arguments: TestBackend.available)
        func tenMigratorsAtOnce(backend: TestBackend) async throws {
            try await ScratchDatabase.with(backend) { scratch in
                let url = try scratch.url
                let batches = try await withThrowingTaskGroup(of: [String].self) { group in
                    for _ in 0..<10 {
                        group.addTask { try await DatabaseHandle.withOpen(url) { try await BudgetMigrations.migrator.migrate(on: $0) } }
                    }
                    return try await group.reduce(into: [[String]]()) { $0.append($1) }
                }
                #expect(batches.filter { !$0.isEmpty } == [BudgetMigrations.all.map(\.name)])
                let status = try await DatabaseHandle.withOpen(url) { try await BudgetMigrations.migrator.status(on: $0) }
                #expect(status.applied.map(\.name) == BudgetMigrations.all.map(\.name))
                #expect(status.pending.isEmpty)
            }
        }
    }
}
