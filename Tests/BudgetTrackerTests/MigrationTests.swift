import BudgetTracker
import PersistKit
import PersistTestSupport
import SQLKit
import Testing

@Suite("Migrations")
struct MigrationTests {
    let names = [
        "M0001_CreateUsers", "M0002_CreateCategories", "M0003_CreateExpenses", "M0004_AddExpenseIndexes",
        "M0005_LinkTransfers", "M0006_CreateImports", "M0007_CreateGateScratch", "M0008_AddExpenseDateIndex",
        "M0009_JournalGateExpenses",
    ]

    @Test("apply, repeat, status and revert", arguments: TestBackend.available)
    func lifecycle(backend: TestBackend) async throws {
        try await ScratchDatabase.with(backend) { scratch in
            try await DatabaseHandle.withOpen(try scratch.url) { handle in
                let migrator = BudgetMigrations.migrator
                #expect(try await migrator.status(on: handle).pending == names)
                #expect(try await migrator.migrate(on: handle) == names)
                #expect(try await migrator.migrate(on: handle) == [])
                let status = try await migrator.status(on: handle)
                #expect(status.pending.isEmpty)
                #expect(status.applied.map(\.name) == names)
                #expect(status.applied.allSatisfy { $0.batch == 1 })
                for table in ["users", "categories", "expenses"] { #expect(try await handle.unprotectedSQL.tableExists(table)) }

                #expect(try await migrator.revertLastBatch(on: handle) == names.reversed())
                for table in ["users", "categories", "expenses"] { #expect(try await !handle.unprotectedSQL.tableExists(table)) }
                #expect(try await migrator.status(on: handle).pending == names)
                #expect(try await migrator.revertLastBatch(on: handle) == [])
            }
        }
    }

    @Test("a later batch reverts alone", arguments: TestBackend.available)
    func batches(backend: TestBackend) async throws {
        try await ScratchDatabase.with(backend) { scratch in
            try await DatabaseHandle.withOpen(try scratch.url) { handle in
                try await SchemaMigrator(Array(BudgetMigrations.all.dropLast())).migrate(on: handle)
                let migrator = BudgetMigrations.migrator
                #expect(try await migrator.migrate(on: handle) == ["M0009_JournalGateExpenses"])
                let last = try await migrator.status(on: handle).applied.last
                #expect(last?.name == "M0009_JournalGateExpenses" && last?.batch == 2 && last?.checksum?.count == 64)
                #expect(try await migrator.revertLastBatch(on: handle) == ["M0009_JournalGateExpenses"])
                #expect(try await handle.unprotectedSQL.tableExists("expenses"))
            }
        }
    }

    @Test("SQLite migrates itself; PostgreSQL asks for `persist migrate`", arguments: TestBackend.available)
    func ensureCurrent(backend: TestBackend) async throws {
        try await ScratchDatabase.with(backend) { scratch in
            try await DatabaseHandle.withOpen(try scratch.url) { handle in
                switch backend {
                case .sqlite:
                    try await BudgetMigrations.migrator.ensureCurrent(on: handle)
                    #expect(try await BudgetMigrations.migrator.status(on: handle).pending.isEmpty)
                case .postgresql, .pgbouncer:
                    await #expect(throws: MigrationError.pending(names: names)) {
                        try await BudgetMigrations.migrator.ensureCurrent(on: handle)
                    }
                    #expect(try await !handle.unprotectedSQL.tableExists("users"))
                }
            }
        }
    }

    @Test("a failing migration leaves no trace", arguments: TestBackend.available)
    func failingMigrationRollsBack(backend: TestBackend) async throws {
        struct Broken: SchemaMigration {
            var name: String { "M9999_Broken" }
            func prepare(on database: any SQLDatabase) async throws {
                try await database.raw("CREATE TABLE half_done (x INTEGER)").run()
                try await database.raw("THIS IS NOT SQL").run()
            }
            func revert(on database: any SQLDatabase) async throws {}
        }
        try await ScratchDatabase.with(backend) { scratch in
            try await DatabaseHandle.withOpen(try scratch.url) { (handle) async throws -> Void in
                let migrator = SchemaMigrator(BudgetMigrations.all + [Broken()])
                let error = await #expect(throws: (any Error).self) { try await migrator.migrate(on: handle) }
                #expect(DriverRefusal.isSyntaxError(error), "\(String(describing: error))")
                #expect(try await !handle.unprotectedSQL.tableExists("half_done"))
                #expect(try await !handle.unprotectedSQL.tableExists("users"))
                #expect(try await migrator.status(on: handle).applied.isEmpty)
            }
        }
    }
}
