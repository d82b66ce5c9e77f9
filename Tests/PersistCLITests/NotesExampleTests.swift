import Foundation
import PersistKit
import PersistTestSupport
import PersistTooling
import SQLKit
import Testing

/// `Examples/Notes`: an application on PersistKit's public API alone (scripts/check-layering keeps
/// it so), run as its own process on every backend.
@Suite("the Notes example, a library user's application")
struct NotesExampleTests {
    @Test("migrates, writes in a transaction, rolls back a failed one, lists in 2 statements", arguments: TestBackend.available)
    func runs(backend: TestBackend) async throws {
        try await ScratchDatabase.with(backend) { scratch in
            let notes = PersistBinary.url.deletingLastPathComponent().appendingPathComponent("example-notes")
            var environment = ProcessInfo.processInfo.environment
            environment["DATABASE_URL"] = scratch.urlText
            // Twice: the second run finds the schema current and its own data beside the first's.
            for _ in 1...2 {
                let run = try await ChildProcess.run(notes, [], environment: environment, directory: scratch.folder)
                #expect(run.status == 0, "\(run.errorOutput)")
                #expect(run.output.hasSuffix("Book the train; Pack the charger; Water the plants\nnotes: PASS on \(try scratch.url.redacted)\n"), "\(run.output)")
            }
            let tables = try await DatabaseHandle.withOpen(try scratch.url) { handle in
                try await handle.read { database in
                    let sql = database as! any SQLDatabase
                    return (try await sql.tableExists("notebooks"), try await sql.tableExists("notes"))
                }
            }
            #expect(tables == (true, true))
        }
    }

    @Test("a database it cannot reach: one line, exit 1, nothing created")
    func unreachable() async throws {
        let folder = try TemporaryFolder.make()
        let notes = PersistBinary.url.deletingLastPathComponent().appendingPathComponent("example-notes")
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = "postgresql://notes:secret-pw@127.0.0.1:\(try ClosedPort.find())/notes?connect_timeout=2"
        let run = try await ChildProcess.run(notes, [], environment: environment, directory: folder)
        #expect(run.status == 1)
        #expect(run.errorOutput.hasPrefix("example-notes: error: cannot connect to PostgreSQL at 127.0.0.1:"), "\(run.errorOutput)")
        #expect(run.errorOutput.split(separator: "\n").count == 1)
        #expect(!run.errorOutput.contains("secret-pw"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}
