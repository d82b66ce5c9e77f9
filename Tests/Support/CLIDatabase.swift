import BudgetTracker
import Foundation
import PersistKit
import PersistTooling
import SQLKit

/// A fresh budget database that tests drive through the `persist` binary, as separate processes.
public struct CLIDatabase: Sendable {
    /// The database underneath.
    public let scratch: ScratchDatabase

    /// Runs `body` with a new, migrated database on `backend` (seeded with the chapter's data when
    /// `seeded`), then removes it.
    public static func with<T>(_ backend: TestBackend, seeded: Bool = false, _ body: (CLIDatabase) async throws -> T) async throws -> T {
        try await ScratchDatabase.with(backend) { scratch in
            let database = CLIDatabase(scratch: scratch)
            let migrate = try await database.run(["migrate"])
            guard migrate.status == 0 else { throw SetUpFailure("persist migrate: \(migrate.errorOutput)") }
            if seeded {
                let seed = try await database.run(["seed"])
                guard seed.status == 0 else { throw SetUpFailure("persist seed: \(seed.errorOutput)") }
            }
            return try await body(database)
        }
    }

    /// The environment that points `persist` at this database.
    public var environment: [String: String] { ["DATABASE_URL": scratch.urlText] }

    /// Runs `persist arguments` in the database's folder.
    public func run(
        _ arguments: [String], environment extra: [String: String] = [:], stdin: String = "",
        started: (@Sendable (ChildProcess.Running) -> Void)? = nil
    ) async throws -> ChildProcess {
        try await PersistBinary.run(arguments, in: scratch.folder, environment: environment.merging(extra) { _, new in new }, stdin: stdin, started: started)
    }

    /// The descriptions of the expenses whose description is LIKE `pattern`, one per row.
    public func descriptions(like pattern: String) async throws -> [String] {
        try await DatabaseHandle.withOpen(try scratch.url) { handle in
            try await handle.unprotectedSQL.raw("SELECT description FROM expenses WHERE description LIKE \(bind: pattern)").all()
                .map { try $0.decode(column: "description", as: String.self) }
        }
    }

    /// Runs one SQL statement on the database, behind persist's back.
    public func execute(_ statement: String) async throws {
        try await DatabaseHandle.withOpen(try scratch.url) { handle in
            try await handle.unprotectedSQL.raw(SQLQueryString(statement)).run()
        }
    }

    /// Runs `persist arguments` with standard output on a pseudo-terminal (util-linux `script`), as
    /// a person at a terminal sees it; returns what it printed, with `\n` line ends.
    public func runOnTerminal(_ arguments: [String], environment extra: [String: String] = [:]) async throws -> (status: Int32, output: String) {
        let quoted = ([PersistBinary.url.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        var base = ProcessInfo.processInfo.environment
        base[DatabaseURLSource.variable] = nil
        base.merge(environment.merging(extra) { _, new in new }) { _, new in new }
        let result = try await ChildProcess.run(
            URL(fileURLWithPath: "/usr/bin/script"), ["-qec", quoted.joined(separator: " "), "/dev/null"], environment: base, directory: scratch.folder
        )
        return (result.status, result.output.replacingOccurrences(of: "\r\n", with: "\n"))
    }

    /// Every row of the budget tables, as text.
    public func snapshot() async throws -> String {
        try await DatabaseHandle.withOpen(try scratch.url) { try await DatabaseSnapshot.take($0) }
    }

    /// The number of rows in `table`.
    public func count(_ table: String) async throws -> Int {
        try await DatabaseHandle.withOpen(try scratch.url) { handle in
            try await handle.unprotectedSQL.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()!.decode(column: "n", as: Int.self)
        }
    }

    /// A file in the database's folder.
    public func file(_ name: String) -> URL {
        scratch.folder.appendingPathComponent(name)
    }
}

/// A test's set-up went wrong (not the behaviour under test).
public struct SetUpFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
