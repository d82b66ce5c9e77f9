import Foundation
import SQLiteKit
import SQLKit

/// How persist opens SQLite: safe for more than one process by default.
struct SQLiteSettings {
    /// How long a connection waits for another process's write lock before failing.
    static let busyTimeoutMilliseconds = 5_000

    let storage: DatabaseURL.SQLiteStorage
    let mode: AccessMode

    /// The SQLiteKit configuration: foreign keys on; read-only opens use `mode=ro` so a missing file
    /// is never created.
    func configuration() throws(DatabaseError) -> SQLiteConfiguration {
        switch storage {
        case .memory:
            return SQLiteConfiguration(storage: .memory, enableForeignKeys: true)
        case .file(let path):
            let file = URL(fileURLWithPath: path).standardizedFileURL
            let folder = file.deletingLastPathComponent()
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
                throw DatabaseError(.fileNotFound, "the folder for the SQLite database does not exist: \(folder.path)")
            }
            if mode == .readOnly {
                try Self.requireExisting(file)
                var uri = URLComponents(url: file, resolvingAgainstBaseURL: false)!
                uri.queryItems = [URLQueryItem(name: "mode", value: "ro")]
                return SQLiteConfiguration(storage: .file(path: uri.string!), enableForeignKeys: true)
            }
            return SQLiteConfiguration(storage: .file(path: file.path), enableForeignKeys: true)
        }
    }

    /// Refuses a database file that does not exist yet: reading must never create one (a mistyped
    /// URL would otherwise show no data and leave a new file behind).
    static func requireExisting(_ file: URL) throws(DatabaseError) {
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw DatabaseError(.fileNotFound, "no database at \(file.path); nothing to read (check the URL, or write something first)")
        }
    }

    /// Settings for a server's reader connection (see ``DatabaseHandle``): the busy timeout,
    /// `query_only` (a unit that reads can never write past the writer's lock), and a smaller page
    /// cache (8 MiB: the operating system caches the file for all of them).
    static func applyToReader(_ sql: any SQLDatabase) async throws {
        try await sql.raw("PRAGMA busy_timeout = \(unsafeRaw: String(busyTimeoutMilliseconds))").run()
        try await sql.raw("PRAGMA query_only = 1").run()
        try await sql.raw("PRAGMA temp_store = MEMORY").run()
        try await sql.raw("PRAGMA cache_size = -8192").run()
    }

    /// Per-connection settings, applied once to the handle's writing connection.
    ///
    /// WAL lets readers and one writer work at once across processes; the busy timeout makes a
    /// writer wait for the lock instead of failing with "database is locked"; `synchronous=NORMAL`
    /// is the durable-on-commit setting that WAL recommends; `temp_store=MEMORY` keeps the statement
    /// journals of large multi-row inserts in memory instead of temporary files (bulk imports were
    /// several times slower without it); a 24 MiB page cache (SQLite's default is 2 MiB) keeps a
    /// million-row import's index pages in memory: 1,000,000 rows import in about 6 s within a
    /// peak of about 80 MiB.
    static func apply(to sql: any SQLDatabase, mode: AccessMode) async throws {
        try await sql.raw("PRAGMA busy_timeout = \(unsafeRaw: String(busyTimeoutMilliseconds))").run()
        if mode == .readWrite {
            try await sql.raw("PRAGMA journal_mode = WAL").run()
            try await sql.raw("PRAGMA synchronous = NORMAL").run()
            try await sql.raw("PRAGMA temp_store = MEMORY").run()
            try await sql.raw("PRAGMA cache_size = -24576").run()
        } else {
            // Reading the schema makes a file that is not a database fail here, at open.
            try await sql.raw("SELECT count(*) FROM sqlite_master").run()
        }
    }
}
