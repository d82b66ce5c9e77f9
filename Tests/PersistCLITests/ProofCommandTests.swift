import Foundation
import PersistKit
import PersistTestSupport
import Testing

@Suite("persist proof, as separate processes")
struct ProofCommandTests {
    @Test("write in one process, read in another", arguments: TestBackend.available)
    func writeThenReadAcrossProcesses(backend: TestBackend) async throws {
        try await ScratchDatabase.with(backend) { scratch in
            let environment = ["DATABASE_URL": scratch.urlText]
            let write = try await PersistBinary.run(["proof", "write"], in: scratch.folder, environment: environment)
            #expect(write.status == 0)
            #expect(write.output == "Wrote marker\n")
            let read = try await PersistBinary.run(["proof", "read"], in: scratch.folder, environment: environment)
            #expect(read.status == 0)
            #expect(read.output == "['persistent-check']\n")
            #expect(read.errorOutput.isEmpty)
        }
    }

    @Test("an in-memory database cannot prove anything: one line, exit 1, nothing written")
    func inMemoryDatabaseCannotProveAnything() async throws {
        let folder = try TemporaryFolder.make()
        let run = try await PersistBinary.run(["proof", "run"], in: folder, environment: ["DATABASE_URL": "sqlite:///:memory:"])
        #expect(run.status == 1)
        #expect(run.errorOutput == "persist: error: sqlite:///:memory: does not outlive a process, so a second process cannot read it back; use a file or a server\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test("proof run prints PASS with the backend and the redacted database", arguments: TestBackend.available)
    func proofRunPasses(backend: TestBackend) async throws {
        try await ScratchDatabase.with(backend) { scratch in
            let run = try await PersistBinary.run(["proof", "run"], in: scratch.folder, environment: ["DATABASE_URL": scratch.urlText])
            #expect(run.status == 0, "\(run.errorOutput)")
            let line = run.output.trimmingCharacters(in: .newlines)
            #expect(!line.contains("\n"))
            #expect(line.hasPrefix("PASS backend=\(backend.engine.rawValue) database=\(try scratch.url.redacted) elapsed="))
            #expect(line.hasSuffix("ms"))
            if case .postgresql(let endpoint) = try scratch.url.location, let password = endpoint.password {
                #expect(!run.output.contains(password))
                #expect(!run.errorOutput.contains(password))
            }
            // The marker the run wrote is there for a third process too.
            let read = try await PersistBinary.run(["proof", "read"], in: scratch.folder, environment: ["DATABASE_URL": scratch.urlText])
            #expect(read.output.hasPrefix("['persistent-check-"))
        }
    }

    @Test func defaultIsPersistDbInTheCurrentFolder() async throws {
        let folder = try TemporaryFolder.make()
        let run = try await PersistBinary.run(["proof", "run"], in: folder)
        #expect(run.status == 0)
        #expect(run.output.hasPrefix("PASS backend=sqlite database=sqlite:///persist.db "))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("persist.db").path))
    }

    @Test func flagBeatsEnvironmentBeatsDotEnv() async throws {
        let folder = try TemporaryFolder.make()
        try "DATABASE_URL=sqlite:///from-dotenv.db\n".write(to: folder.appendingPathComponent(".env"), atomically: true, encoding: .utf8)
        _ = try await PersistBinary.run(["proof", "write", "--name", "dotenv"], in: folder)
        _ = try await PersistBinary.run(["proof", "write", "--name", "env"], in: folder, environment: ["DATABASE_URL": "sqlite:///from-env.db"])
        _ = try await PersistBinary.run(
            ["proof", "write", "--name", "flag", "--database-url", "sqlite:///from-flag.db"], in: folder,
            environment: ["DATABASE_URL": "sqlite:///from-env.db"]
        )
        for (file, name) in [("from-dotenv.db", "dotenv"), ("from-env.db", "env"), ("from-flag.db", "flag")] {
            let read = try await PersistBinary.run(["proof", "read", "--database-url", "sqlite:///\(file)"], in: folder)
            #expect(read.output == "['\(name)']\n")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("persist.db").path))
    }

    @Test func readOnMissingFileFailsAndCreatesNothing() async throws {
        let folder = try TemporaryFolder.make()
        let read = try await PersistBinary.run(["proof", "read"], in: folder)
        #expect(read.status == 1)
        #expect(read.output.isEmpty)
        #expect(read.errorLines.count == 1)
        #expect(read.errorOutput.hasPrefix("persist: error: no database at "))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test("bad marker names change nothing", arguments: TestBackend.available)
    func badNameChangesNothing(backend: TestBackend) async throws {
        try await ScratchDatabase.with(backend) { scratch in
            let environment = ["DATABASE_URL": scratch.urlText]
            _ = try await PersistBinary.run(["proof", "write"], in: scratch.folder, environment: environment)
            for name in ["", String(repeating: "n", count: 101)] {
                let write = try await PersistBinary.run(["proof", "write", "--name", name], in: scratch.folder, environment: environment)
                #expect(write.status == 2)
                #expect(write.errorLines.count == 1)
                #expect(write.errorOutput.contains("marker name"))
            }
            let read = try await PersistBinary.run(["proof", "read"], in: scratch.folder, environment: environment)
            #expect(read.output == "['persistent-check']\n")
        }
    }
}
