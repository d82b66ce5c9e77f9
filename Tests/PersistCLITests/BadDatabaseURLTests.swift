import Foundation
import PersistKit
import PersistTestSupport
import Testing

@Suite("persist with a bad database")
struct BadDatabaseURLTests {
    @Test("unusable URLs: usage error, one line, no password, nothing created", arguments: [
        "mysql://root:hunter2@localhost/app",
        "hunter2",
        "postgresql://app:hunter2@/app",
        "postgresql://app:hunter2@localhost/app?sslmode=always",
        "postgresql://app:hunter2@localhost/app?ssl=true",
        "postgresql://app:hunter2@localhost/app?channel_binding=require",
        "postgresql://app:hunter2@localhost:70000/app",
        "sqlite://somehost/app.db",
    ])
    func unusableURL(text: String) async throws {
        let folder = try TemporaryFolder.make()
        for (arguments, environment) in [
            (["proof", "write", "--database-url", text], [String: String]()),
            (["proof", "read"], ["DATABASE_URL": text]),
            (["proof", "run"], ["DATABASE_URL": text]),
        ] {
            let result = try await PersistBinary.run(arguments, in: folder, environment: environment)
            #expect(result.status == 2, "\(arguments): \(result.errorOutput)")
            #expect(result.output.isEmpty)
            #expect(result.errorLines.count == 1)
            #expect(result.errorOutput.hasPrefix("persist: error: "))
            #expect(!result.errorOutput.contains("hunter2"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test("a server that is down: runtime error, one line, no password", arguments: ["write", "read", "run"])
    func serverDown(command: String) async throws {
        let folder = try TemporaryFolder.make()
        let port = try ClosedPort.find()
        let result = try await PersistBinary.run(
            ["proof", command], in: folder,
            environment: ["DATABASE_URL": "postgresql://app:hunter2@127.0.0.1:\(port)/app?sslmode=disable"]
        )
        #expect(result.status == 1)
        #expect(!result.output.contains("hunter2"))
        #expect(!result.errorOutput.contains("hunter2"))
        if command == "run" {
            #expect(result.output.hasPrefix("FAIL backend=postgresql database=postgresql://app:***@127.0.0.1:\(port)/app"))
            #expect(result.output.contains("connection refused"))
        } else {
            #expect(result.errorLines.count == 1)
            #expect(result.errorOutput.contains("cannot connect to PostgreSQL at 127.0.0.1:\(port)"))
        }
    }

    @Test func helpNeverShowsAPassword() async throws {
        let folder = try TemporaryFolder.make()
        for arguments in [["--help"], ["proof", "--help"], ["proof", "run", "--help"], ["proof", "write", "--help"]] {
            let result = try await PersistBinary.run(arguments, in: folder, environment: ["DATABASE_URL": "postgresql://app:hunter2@h/app"])
            #expect(result.status == 0)
            #expect(result.output.contains("--database-url") || arguments == ["--help"] || arguments == ["proof", "--help"])
            #expect(!result.output.contains("hunter2"))
        }
    }

    @Test func unknownOptionIsAUsageError() async throws {
        let result = try await PersistBinary.run(["proof", "read", "--colour"], in: try TemporaryFolder.make())
        #expect(result.status == 2)
        #expect(result.errorLines.count == 1)
    }
}
