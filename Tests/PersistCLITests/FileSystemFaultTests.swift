import BudgetTracker
import Foundation
import PersistKit
import PersistTooling
import PersistTestSupport
import SQLKit
import Testing

/// A SQLite file persist cannot write, a full disk, a file that is not a database: one clear
/// line, a non-zero exit, and the data as it was.
@Suite("File-system faults on the embedded SQLite file", .serialized)
struct FileSystemFaultTests {
    static let addExpense = ["expense", "add", "--user", "alice@example.com", "--category", "Food", "--amount", "1.00", "--description", "x"]

    @Test("a read-only database file: writes refused, reads still work")
    func readOnlyFile() async throws {
        try await CLIDatabase.with(.sqlite, seeded: true) { database in
            let before = try await database.snapshot()
            let file = database.file("persist.db")
            try await ReadOnly.while(file) {
                let write = try await database.run(Self.addExpense)
                expectOneLine(write, status: 1, naming: "read-only")
                let read = try await database.run(["expense", "list"])
                #expect(read.status == 0, "\(read.errorOutput)")
            }
            #expect(try await database.snapshot() == before)
        }
    }

    @Test("a read-only folder: the database cannot be opened for writing")
    func readOnlyFolder() async throws {
        try await CLIDatabase.with(.sqlite, seeded: true) { database in
            let before = try await database.snapshot()
            try await ReadOnly.while(database.scratch.folder) {
                for arguments in [Self.addExpense, ["user", "add", "--email", "bob@example.com", "--name", "Bob"]] {
                    let result = try await database.run(arguments)
                    #expect(result.status == 1)
                    #expect(result.errorLines.count == 1, "\(result.errorOutput)")
                    #expect(result.errorOutput.hasPrefix("persist: error: "))
                    #expect(result.errorOutput.contains("read-only") || result.errorOutput.contains("cannot open"), "\(result.errorOutput)")
                }
            }
            #expect(try await database.snapshot() == before)
        }
    }

    @Test(
        "a full disk: the import fails with a clear line and nothing is written",
        .enabled(if: TinyFileSystem.isAvailable, "mounting a tmpfs needs root; the size-limited file test covers the same failure")
    )
    func fullDisk() async throws {
        try await TinyFileSystem.with(kilobytes: 2_048) { folder in
            let environment = ["DATABASE_URL": "sqlite:///\(folder.appendingPathComponent("persist.db").path)"]
            #expect(try await PersistBinary.run(["seed"], in: folder, environment: environment).status == 0)
            let ledger = try TemporaryFolder.make().appendingPathComponent("ledger.csv")
            try await offPool { [ledger] in try LedgerGenerator.write(rows: 100_000, to: ledger) }
            let before = try await snapshot(folder)
            let result = try await PersistBinary.run(["expense", "import", ledger.path, "--create-missing"], in: folder, environment: environment)
            expectOneLine(result, status: 1, naming: "disk is full")
            #expect(try await snapshot(folder) == before)
        }
    }

    @Test("standard output that cannot be written (a full disk, a closed descriptor): exit 1, one line, never a silent truncation")
    func unwritableStandardOutput() async throws {
        try await CLIDatabase.with(.sqlite, seeded: true) { database in
            var environment = ProcessInfo.processInfo.environment
            environment["DATABASE_URL"] = database.scratch.urlText
            let persist = PersistBinary.url.path
            for (command, redirect) in [("expense export", ">/dev/full"), ("expense list --format csv", ">/dev/full"), ("expense export", ">&-"), ("proof run", ">/dev/full")] {
                let result = try await ChildProcess.run(
                    URL(fileURLWithPath: "/bin/sh"), ["-c", "exec '\(persist)' \(command) \(redirect)"],
                    environment: environment, directory: database.scratch.folder
                )
                #expect(result.status == 1, "\(command) \(redirect): \(result.errorOutput)")
                #expect(result.errorLines.count == 1 && result.errorOutput.hasPrefix("persist: error: cannot write to standard output"), "\(command) \(redirect): \(result.errorOutput)")
            }
        }
    }

    @Test("a size-limited file (ulimit -f): the import fails with a clear line and nothing is written")
    func sizeLimitedFile() async throws {
        try await CLIDatabase.with(.sqlite, seeded: true) { database in
            let ledger = database.file("ledger.csv")
            try await offPool { [ledger] in try LedgerGenerator.write(rows: 100_000, to: ledger) }
            let before = try await database.snapshot()
            var environment = ProcessInfo.processInfo.environment
            environment["DATABASE_URL"] = database.scratch.urlText
            // 4 MiB: the ledger's rows need more than twice that in the WAL.
            let result = try await ChildProcess.run(
                URL(fileURLWithPath: "/bin/sh"),
                ["-c", #"ulimit -f 8192 && exec "$0" "$@""#, PersistBinary.url.path, "expense", "import", ledger.path, "--create-missing"],
                environment: environment, directory: database.scratch.folder
            )
            expectOneLine(result, status: 1, naming: "nothing was written")
            #expect(try await database.snapshot() == before)
            #expect(try await integrityCheck(database.scratch.urlText) == "ok")
        }
    }

    @Test("a file that is not a SQLite database: refused, and left byte for byte as it was")
    func notADatabase() async throws {
        let folder = try TemporaryFolder.make()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("persist.db")
        let content = Data(String(repeating: "these are my notes, not a database\n", count: 200).utf8)
        try content.write(to: file)
        for arguments in [["user", "list"], Self.addExpense, ["migrate"], ["proof", "read"], ["proof", "write"], ["report", "monthly", "--user", "a@b.co", "--month", "2024-01"]] {
            let result = try await PersistBinary.run(arguments, in: folder)
            expectOneLine(result, status: 1, naming: "not a SQLite database")
        }
        #expect(try Data(contentsOf: file) == content)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["persist.db"])
    }

    private func expectOneLine(_ result: ChildProcess, status: Int32, naming needle: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == status, "\(result.errorOutput)", sourceLocation: sourceLocation)
        #expect(result.errorLines.count == 1, "\(result.errorOutput)", sourceLocation: sourceLocation)
        #expect(result.errorOutput.hasPrefix("persist: error: "), sourceLocation: sourceLocation)
        #expect(result.errorOutput.contains(needle), "\(result.errorOutput)", sourceLocation: sourceLocation)
    }

    private func snapshot(_ folder: URL) async throws -> String {
        try await DatabaseHandle.withOpen(try DatabaseURL("sqlite:///\(folder.appendingPathComponent("persist.db").path)")) {
            try await DatabaseSnapshot.take($0)
        }
    }

    private func integrityCheck(_ url: String) async throws -> String {
        try await DatabaseHandle.withOpen(try DatabaseURL(url)) { handle in
            try await handle.unprotectedSQL.raw("PRAGMA integrity_check").first()!.decode(column: "integrity_check", as: String.self)
        }
    }
}
