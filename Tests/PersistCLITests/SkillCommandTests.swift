import Foundation
import PersistKit
import PersistTooling
import PersistTestSupport
import Testing
@testable import persist

@Suite("persist skill and persist decide")
struct SkillCommandTests {
    @Test func initThenCheck() async throws {
        let folder = try TemporaryFolder.make()
        let first = try await PersistBinary.run(["skill", "init"], in: folder)
        #expect(first.status == 0)
        #expect(first.output.split(separator: "\n").count == SkillTemplate.files.count)
        #expect(first.output.hasPrefix("wrote "))
        let second = try await PersistBinary.run(["skill", "init"], in: folder)
        #expect(second.output.split(separator: "\n").allSatisfy { $0.hasPrefix("kept ") })

        let unproven = try await PersistBinary.run(["skill", "check"], in: folder)
        #expect(unproven.status == 0)
        #expect(unproven.output.contains("- [ ] I ran a write/read split test"))
        #expect(try await PersistBinary.run(["proof", "run"], in: folder).status == 0)
        let proven = try await PersistBinary.run(["skill", "check"], in: folder)
        #expect(proven.output.contains("- [x] I ran a write/read split test and verified persistence (PASS on sqlite"))
        #expect(proven.output.hasSuffix("skill check passed\n"))

        try FileManager.default.removeItem(at: folder.appendingPathComponent("database-deployment/references/deployment.md"))
        let broken = try await PersistBinary.run(["skill", "check"], in: folder)
        #expect(broken.status == 1)
        #expect(broken.output.contains("✗ referenced file references/deployment.md: missing"))
    }

    @Test("decide answers the seed's three cases", arguments: [
        (["--one-off"], "storage       plain files", "verification  not required"),
        (["--persistent", "--multi-user"], "storage       PostgreSQL", "verification  not required"),
        (["--persistent", "--multi-user", "--high-stakes"], "storage       PostgreSQL", "verification  gate required"),
    ])
    func decide(flags: [String], storage: String, verification: String) async throws {
        let result = try await PersistBinary.run(["decide"] + flags, in: try TemporaryFolder.make())
        #expect(result.status == 0)
        #expect(result.output.contains(storage + "\n"))
        #expect(result.output.contains(verification + "\n"))
    }

    @Test func decideWithoutFlagsOrTerminalIsAUsageError() async throws {
        let result = try await PersistBinary.run(["decide"], in: try TemporaryFolder.make())
        #expect(result.status == 2)
        #expect(result.errorLines.count == 1)
    }

    @Test("the skill's example programs report a bad database in one line", arguments: ["example-budget-report", "example-notes"])
    func examplesFailInOneLine(program: String) async throws {
        let folder = try TemporaryFolder.make()
        let executable = PersistBinary.url.deletingLastPathComponent().appendingPathComponent(program)
        for url in ["notaurl", "postgresql://app:secret-pw@127.0.0.1:\(try ClosedPort.find())/app?connect_timeout=2"] {
            var environment = ProcessInfo.processInfo.environment
            environment["DATABASE_URL"] = url
            let run = try await ChildProcess.run(executable, [], environment: environment, directory: folder)
            #expect(run.status == 1, "\(run.errorOutput)")
            #expect(run.errorLines.count == 1 && run.errorOutput.hasPrefix("\(program): error: "), "\(run.errorOutput)")
            #expect(!run.errorOutput.contains("secret-pw"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test("the skill's example programs run", arguments: TestBackend.available)
    func examplesRun(backend: TestBackend) async throws {
        try await ScratchDatabase.with(backend) { scratch in
            let directory = PersistBinary.url.deletingLastPathComponent()
            var environment = ProcessInfo.processInfo.environment
            environment["DATABASE_URL"] = scratch.urlText
            if backend.engine == .postgresql {
                _ = try await PersistBinary.run(["migrate"], in: scratch.folder, environment: ["DATABASE_URL": scratch.urlText])
            }
            let proof = try await ChildProcess.run(directory.appendingPathComponent("example-persistence-proof"), [], environment: environment, directory: scratch.folder)
            #expect(proof.status == 0, "\(proof.errorOutput)")
            #expect(proof.output.hasPrefix("PASS: example-"))
            let budget = try await ChildProcess.run(directory.appendingPathComponent("example-budget-report"), [], environment: environment, directory: scratch.folder)
            #expect(budget.status == 0, "\(budget.errorOutput)")
            #expect(budget.output == "Food: 42.50 (2)\nTravel: 10.00 (1)\nRelease permitted. Total 52.50\n")
        }
    }
}
