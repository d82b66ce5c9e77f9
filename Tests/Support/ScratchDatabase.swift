import Foundation
import PersistKit
import SQLKit

/// A fresh, empty database for one test, removed afterwards.
public struct ScratchDatabase: Sendable {
    /// The URL text, password included, as a user would pass it.
    public let urlText: String
    /// The folder a test may use as its working directory (the SQLite file lives here).
    public let folder: URL

    /// The parsed URL.
    public var url: DatabaseURL { get throws { try DatabaseURL(urlText) } }

    /// Runs `body` with a new empty database on `backend`, then removes it.
    ///
    /// SQLite: `persist.db` in a new temporary folder. PostgreSQL: a new database on the test
    /// server, dropped afterwards.
    public static func with<T>(_ backend: TestBackend, _ body: (ScratchDatabase) async throws -> T) async throws -> T {
        let folder = try TemporaryFolder.make()
        defer { try? FileManager.default.removeItem(at: folder) }
        switch backend {
        case .sqlite:
            let path = folder.appendingPathComponent("persist.db").path
            return try await body(ScratchDatabase(urlText: "sqlite:///\(path)", folder: folder))
        case .postgresql, .pgbouncer:
            let admin = try TestBackend.postgresAdminURL()
            let name = "persist_test_\(UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: ""))"
            try await execute("CREATE DATABASE \(name)", adminURL: admin)
            // Through PgBouncer the same database is reached by name via its wildcard entry.
            let base = backend == .pgbouncer ? try TestBackend.url(from: TestBackend.pgbouncerVariable) : admin
            let scratch = ScratchDatabase(urlText: replacingDatabase(in: base, with: name), folder: folder)
            do {
                let result = try await body(scratch)
                try await execute("DROP DATABASE \(name) WITH (FORCE)", adminURL: admin)
                return result
            } catch {
                try? await execute("DROP DATABASE \(name) WITH (FORCE)", adminURL: admin)
                throw error
            }
        }
    }

    private static func execute(_ statement: String, adminURL: String) async throws {
        try await DatabaseHandle.withOpen(try DatabaseURL(adminURL)) { handle in
            try await handle.unprotectedSQL.raw(SQLQueryString(statement)).run()
        }
    }

    /// `url` without persist's own parameters (`pool_size`, `pool_timeout`), for psql, which
    /// refuses a parameter it does not know.
    public static func libpqURL(_ url: String) -> String {
        var components = URLComponents(string: url)!
        components.queryItems = components.queryItems?.filter { !["pool_size", "pool_timeout"].contains($0.name) }
        return components.string!
    }

    /// `url` with its database name replaced.
    public static func replacingDatabase(in url: String, with name: String) -> String {
        var components = URLComponents(string: url)!
        components.path = "/\(name)"
        return components.string!
    }
}

/// Temporary folders for tests, all inside one folder of this test process that is removed when
/// the process exits: a test that keeps its folder (a file it reads back, a working directory)
/// leaves nothing behind in the system's temporary directory.
public enum TemporaryFolder {
    /// This process's folder, created on first use; its removal is registered with `atexit`.
    private static let parent: URL = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("persist-tests-\(getpid())-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: TemporaryFolder.parent) }
        return folder
    }()

    /// A new empty folder inside this process's folder.
    public static func make() throws -> URL {
        let folder = parent.appendingPathComponent("persist-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
