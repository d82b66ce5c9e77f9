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
        "M0009_JournalGateExpenses", "M0010_OwnCategories", "M0011_CreateAccounts",
        "M0012_CoverMonthlyTotals", "M0013_CreateSubmissions", "M0014_CreateBudgets", "M0015_CreateBudgetAlerts", "M0016_CreateRecurring",
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
                let newest = try #require(names.last)
                #expect(try await migrator.migrate(on: handle) == [newest])
                let last = try await migrator.status(on: handle).applied.last
                #expect(last?.name == newest && last?.batch == 2 && last?.checksum?.count == 64)
                #expect(try await migrator.revertLastBatch(on: handle) == [newest])
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

    /// Databases record these; if an upgrade of SQLKit or a driver renders a released migration
    /// differently, every user's database would refuse it as changed. This test fails first.
    @Test("released migrations keep their checksums on both dialects")
    func releasedChecksums() async throws {
        let pinned: [DatabaseURL.Backend: [String]] = [
            .sqlite: [
                "a20796d217b1e054cc7942e86d0e5b224fa1c9eaf3f036d17cd5de15701de4c4", "24999decf13edc8f9b20db046f864915050cf7d269c06a10560f9bef10032a41",
                "e58dd6c19ec1c23d46997769b13d7533cc906d2736505e399f06420b65bd7297", "cb22606e172fdcde498f8eebbda60589bd54e202bd0f1561ad777a3d1da5d8dd",
                "02f6c44c6ec2fe07b2823cf706f8b59f1570566a7efd335c09b78280d5627b9d", "d722bcab32929c945fe4caf6db0f2b1fe7076f5246fee7ce73b206b694c2836c",
                "341d94805f0ad178166f14d3e443ab4ab4daa36d2eb7998fccba0677c670a1e6", "6ffe18cb3eff3513dcf8acd83445681d173a83573d469d47ec1cb80e0bf19815",
                "5daefc4fc89253fa9f72f4619ffaf256086467401ea2749f523e455cd861bae7", "fa88bb9a490350f61696712cae15576fa027249bdc3dba1f7cb4c4b58ea338c7",
                "ea7f732370b0c4058ffc4ceee4dd597621a4c551b1123fb69e8348c9c6864f02", "4a8b9c5d35330c2aab1556e77bda5139b479dc133156fe0d7ebe15a297564f8e",
            ],
            .postgresql: [
                "0329a3b1639e2633f5cbeda3f5895c02462a022fdf03186b91329f81786c172b", "ca9138bdfb4cf1adad6358e25b67e87d3dca56b30a1eba2bd9e6477c8e0ed62d",
                "7c531481bc153fc1a334c84650bfde05a3858218d35f5c65a24d71b1f438c27a", "cb22606e172fdcde498f8eebbda60589bd54e202bd0f1561ad777a3d1da5d8dd",
                "5d05194839488622613c9249f5439636eff975398e07179cd3a42783ed554078", "0173112233f3746fdde8925a3735db548ddffbb4c25c817456ec309885134c74",
                "6c33b64fdcd4a144ba4e6b37d4de410a914806df6cb4eb3de3e439a0b347d9a7", "6ffe18cb3eff3513dcf8acd83445681d173a83573d469d47ec1cb80e0bf19815",
                "b66210bb556a3c91d1e3d5ef9cd64e4fb6709baf2b343e7f7d5b6ce25fb1de37", "bfcd80449ce76f8509de90eaee08338d18f8c7654373d4a437d4f98cd706a4e6",
                "fa795ea6f6fa34b9b8fdb3f333179fe62039b9b256138e7388095f846744077e", "4a8b9c5d35330c2aab1556e77bda5139b479dc133156fe0d7ebe15a297564f8e",
            ],
        ]
        let migrator = BudgetMigrations.migrator
        for (backend, checksums) in pinned {
            var actual: [String] = []
            for migration in migrator.migrations.prefix(checksums.count) { actual.append(try await migrator.checksum(of: migration, on: backend)) }
            #expect(actual == checksums, "\(backend)")
        }
    }
}
