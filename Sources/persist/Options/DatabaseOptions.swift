import ArgumentParser
import BudgetTracker
import Foundation
import PersistKit

/// `--database-url` and `--stats`, shared by every command that touches the database.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("database-url"),
        help: ArgumentHelp(
            "The database to use (default: DATABASE_URL, then ./.env, then sqlite:///persist.db).",
            valueName: "url"
        )
    )
    var databaseURL: String?

    @Flag(help: "Print to stderr how many SQL statements the command ran and how long it took.")
    var stats = false

    /// The URL chosen by persist's one rule (for migrations, `DIRECT_URL` first).
    func resolve(for purpose: DatabasePurpose = .work) throws -> ResolvedDatabaseURL {
        try ResolvedDatabaseURL.resolve(flag: databaseURL, purpose: purpose)
    }

    /// The pool size and timeouts: `PERSIST_POOL_SIZE` and `PERSIST_POOL_TIMEOUT` from the
    /// environment over the library's defaults (a URL's `pool_size`/`pool_timeout` win over both).
    func limits(environment: [String: String] = ProcessInfo.processInfo.environment) throws(DatabaseError) -> ConnectionLimits {
        var limits = ConnectionLimits()
        if let size = try Self.setting("PERSIST_POOL_SIZE", in: environment) { limits.poolSize = size }
        if let timeout = try Self.setting("PERSIST_POOL_TIMEOUT", in: environment) { limits.poolTimeout = timeout }
        return limits
    }

    /// A positive whole number from the environment, or `nil` when the variable is unset.
    private static func setting(_ name: String, in environment: [String: String]) throws(DatabaseError) -> Int? {
        guard let text = environment[name], !text.isEmpty else { return nil }
        guard let value = Int(text), value >= 1, value <= 100_000 else {
            throw DatabaseError(.invalidSetting, "\(name)='\(text)' is not a whole number from 1 to 100000")
        }
        return value
    }

    /// Opens the database, brings the budget schema up to date (SQLite) or checks it is
    /// (PostgreSQL), runs `body` on a ``Ledger``, and closes the database.
    ///
    /// - Parameter writing: whether the command changes data; one that only reads still works on
    ///   a database that a newer persist migrated.
    func withLedger<Result: Sendable>(writing: Bool = true, _ body: (Ledger) async throws -> Result) async throws -> Result {
        try await withDatabase { handle in
            try await BudgetMigrations.migrator.ensureCurrent(on: handle, writing: writing)
            let ledger = Ledger(handle)
            do {
                return try await body(ledger)
            } catch let error as LedgerError where error.code == .notFound {
                let (kind, key) = (error.subject ?? "", error.key ?? "")
                // While the database is open: the names it does have, for "did you mean".
                let names: [String]
                switch kind {
                case "category": names = (try? await ledger.categories().map(\.name)) ?? []
                case "user": names = (try? await ledger.users().map(\.email)) ?? []
                default: names = []
                }
                throw Missing(kind: kind, key: key, nearest: Missing.nearest(to: key, among: names))
            }
        }
    }

    /// ``withLedger(_:)`` for commands that only read, or change or delete records that must
    /// already exist: a missing SQLite file is an error ("no database at …"), never created.
    func withExistingLedger<Result: Sendable>(writing: Bool = true, _ body: (Ledger) async throws -> Result) async throws -> Result {
        try DatabaseHandle.requireExisting(try resolve().url)
        return try await withLedger(writing: writing, body)
    }

    /// Opens the database, runs `body`, closes it, and prints `--stats` when asked.
    func withDatabase<Result: Sendable>(
        mode: AccessMode = .readWrite, for purpose: DatabasePurpose = .work, _ body: (DatabaseHandle) async throws -> Result
    ) async throws -> Result {
        let start = ContinuousClock.now
        let resolved = try resolve(for: purpose)
        do {
            return try await DatabaseHandle.withOpen(resolved.url, mode: mode, limits: try limits()) { handle in
                let result = try await body(handle)
                if stats {
                    let milliseconds = (ContinuousClock.now - start).milliseconds
                    let line = "stats: \(handle.statements.value) SQL statements in \(String(format: "%.1f", milliseconds)) ms\n"
                    FileHandle.standardError.write(Data(line.utf8))
                }
                return result
            }
        } catch let error as DatabaseError where resolved.source == .directURL {
            // Migrations go to DIRECT_URL, which a user may not think of when DATABASE_URL works.
            throw DatabaseError(error.code, "\(error.description) [from \(DatabaseURLSource.directURL)]")
        }
    }
}
