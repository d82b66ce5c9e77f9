import Foundation
import PersistKit
import PersistTestSupport
import Testing

@Suite("persist bench")
struct BenchCommandTests {
    /// A small run: the figures' values are for the release build, not for a test; the test checks
    /// that every figure is measured and that a report is one statement.
    @Test("measures import, reports, statements, proof read and memory", arguments: TestBackend.available.filter { $0 != .pgbouncer })
    func smallRun(backend: TestBackend) async throws {
        let folder = try TemporaryFolder.make()
        let environment = backend == .sqlite ? [:] : ["DATABASE_URL": try TestBackend.postgresAdminURL()]
        let result = try await PersistBinary.run(
            ["bench", "--rows", "2000", "--runs", "1", "--format", "json", "--out", "bench.json"], in: folder, environment: environment
        )
        #expect(result.status == 0, "\(result.errorOutput)")
        let figures = try JSONDecoder().decode(BenchmarkFigures.self, from: Data(result.output.utf8))
        #expect(figures.rows == 2000)
        #expect(figures.reports == 240)
        #expect(figures.statementsPerReport == 1)
        #expect(figures.statementsPerBudgetReport == 1 && figures.budgetReportsTotalMilliseconds > 0 && figures.rolloverBudgetReportsTotalMilliseconds > 0)
        #expect(figures.importRowsPerSecond > 0)
        #expect(figures.proofReadMilliseconds != nil)
        #expect(figures.peakResidentMiB > 0)
        #expect((figures.importProcessPeakResidentMiB ?? 0) > 0)
        #expect(figures.backend == backend.engine.rawValue)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("bench.json").path))
    }

    @Test("--write-ledger writes the generated ledger, which imports cleanly")
    func writesLedger() async throws {
        let folder = try TemporaryFolder.make()
        let written = try await PersistBinary.run(["bench", "--rows", "300", "--write-ledger", "ledger.csv"], in: folder)
        #expect(written.status == 0, "\(written.errorOutput)")
        let text = try String(contentsOf: folder.appendingPathComponent("ledger.csv"), encoding: .utf8)
        #expect(text.hasPrefix("date,user,category,amount,description"))
        let imported = try await PersistBinary.run(["expense", "import", "ledger.csv", "--create-missing"], in: folder)
        #expect(imported.status == 0, "\(imported.errorOutput)")
        #expect(imported.output.contains("Imported 300 expenses"))
    }

    /// The service benchmark, small: every figure measured. (Whether requests failed is one of
    /// the figures: on a machine loaded by the other tests some may time out.)
    @Test("bench serve measures start-up, the report, writes and memory with wrk")
    func serveRun() async throws {
        let folder = try TemporaryFolder.make()
        let result = try await PersistBinary.run(
            ["bench", "serve", "--rows", "2000", "--seconds", "1", "--connections", "4", "--format", "json"], in: folder
        )
        #expect(result.status == 0, "\(result.errorOutput)")
        let figures = try JSONDecoder().decode(ServiceFigures.self, from: Data(result.output.utf8))
        #expect(figures.rows == 2000 && figures.backend == "sqlite")
        #expect(figures.startupMilliseconds > 0 && figures.peakMemoryMiB > 0)
        for load in [figures.report, figures.writes] {
            #expect(load.requestsPerSecond > 0 && load.p50Milliseconds > 0 && load.p99Milliseconds >= load.p50Milliseconds, "\(load)")
        }
    }

    private struct ServiceFigures: Decodable {
        struct Load: Decodable {
            let requestsPerSecond: Double
            let p50Milliseconds: Double
            let p99Milliseconds: Double
            let errors: Int
        }
        let backend: String
        let rows: Int
        let startupMilliseconds: Double
        let report: Load
        let writes: Load
        let peakMemoryMiB: Double
    }

    private struct BenchmarkFigures: Decodable {
        let backend: String
        let rows: Int
        let reports: Int
        let statementsPerReport: Int
        let statementsPerBudgetReport: Int
        let budgetReportsTotalMilliseconds: Double
        let rolloverBudgetReportsTotalMilliseconds: Double
        let importRowsPerSecond: Double
        let proofReadMilliseconds: Double?
        let peakResidentMiB: Double
        let importProcessPeakResidentMiB: Double?
    }
}
