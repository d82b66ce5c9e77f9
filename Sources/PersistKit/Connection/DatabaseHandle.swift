import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit

/// An open database: FluentKit's `Database` and SQLKit's `SQLDatabase` over one URL, with the
/// event loop, thread pool and connection pool it owns.
///
/// Open it with ``withOpen(_:mode:logger:_:)``, which always closes it, or with
/// ``open(_:mode:logger:)`` and ``close()`` in pairs.
///
/// ```swift
/// let names = try await DatabaseHandle.withOpen(url, mode: .readOnly) { handle in
///     try await Marker.query(on: handle.database).all().map(\.name)
/// }
/// ```
public final class DatabaseHandle: Sendable {
    /// The URL this handle was opened with.
    public let url: DatabaseURL
    /// Whether writes are allowed.
    public let mode: AccessMode
    /// How many SQL statements this handle has sent.
    public let statements = StatementCounter()
    private let databases: Databases
    private let eventLoopGroup: MultiThreadedEventLoopGroup
    private let threadPool: NIOThreadPool
    let logger: Logger

    /// A FluentKit database for queries and models.
    public var database: any Database {
        // One event loop only: SQLite's per-connection settings then hold for its single connection.
        databases.database(logger: logger, on: eventLoopGroup.next())!
    }

    /// The same database as SQLKit, for statements Fluent does not express.
    public var sql: any SQLDatabase {
        database as! any SQLDatabase
    }

    private init(url: DatabaseURL, mode: AccessMode, logger: Logger) {
        self.url = url
        self.mode = mode
        self.logger = statements.logger(wrapping: logger)
        self.eventLoopGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        self.threadPool = NIOThreadPool(numberOfThreads: 1)
        self.threadPool.start()
        self.databases = Databases(threadPool: threadPool, on: eventLoopGroup)
    }

    /// Opens the database and checks that it answers.
    ///
    /// SQLite files are opened with foreign keys enforced, WAL journaling and a busy timeout.
    /// PostgreSQL is reached with the URL's TLS, timeout and pool settings.
    ///
    /// - Throws: ``DatabaseError`` with a one-line, password-free message.
    public static func open(
        _ url: DatabaseURL,
        mode: AccessMode = .readWrite,
        logger: Logger = Logger(label: "persist.database")
    ) async throws(DatabaseError) -> DatabaseHandle {
        let handle = DatabaseHandle(url: url, mode: mode, logger: logger)
        do {
            switch url.location {
            case .sqlite(let storage):
                let configuration = try SQLiteSettings(storage: storage, mode: mode).configuration()
                handle.databases.use(.sqlite(configuration, sqlLogLevel: .debug), as: .sqlite)
                try await SQLiteSettings.apply(to: handle.sql, mode: mode)
            case .postgresql(let endpoint):
                let settings = try PostgresSettings(endpoint: endpoint)
                handle.databases.use(settings.factory(), as: .psql)
                // The driver's connect timeout covers the TCP handshake only; a server that
                // accepts and then says nothing must not hang the caller either.
                let sql = handle.sql
                try await Deadline.run(seconds: settings.connectTimeout, failure: DatabaseError(
                    .cannotConnect, "\(DatabaseError.serverName(url)) did not answer within \(settings.connectTimeout) s (connect_timeout); check the host, port and sslmode"
                )) {
                    try await sql.raw(DatabaseHandle.prePing).run()
                }
            }
            logger.debug("opened database", metadata: ["url": "\(url.redacted)"])
            return handle
        } catch {
            let failure = DatabaseError.translating(error, for: url)
            if failure.code == .cannotConnect {
                // A connection attempt may still be pending inside the pool, and the pool's
                // shutdown waits for it; the caller is told now, the handle closes in the background.
                Task.detached { await handle.close() }
            } else {
                await handle.close()
            }
            throw failure
        }
    }

    /// Opens the database, runs `body`, and closes the database whether `body` succeeds or throws.
    ///
    /// Errors from opening are ``DatabaseError``; errors from `body` pass through unchanged, except
    /// driver errors, which are translated to ``DatabaseError``.
    public static func withOpen<Result: Sendable>(
        _ url: DatabaseURL,
        mode: AccessMode = .readWrite,
        logger: Logger = Logger(label: "persist.database"),
        _ body: (DatabaseHandle) async throws -> Result
    ) async throws -> Result {
        let handle = try await open(url, mode: mode, logger: logger)
        do {
            let result = try await body(handle)
            await handle.close()
            return result
        } catch {
            await handle.close()
            throw Self.isDriverError(error) ? DatabaseError.translating(error, for: url) : error
        }
    }

    /// Throws when `url` is an SQLite file that does not exist: for commands that only read, which
    /// must never create a database by reading. Other URLs pass.
    ///
    /// - Throws: ``DatabaseError`` with the code `fileNotFound`.
    public static func requireExisting(_ url: DatabaseURL) throws(DatabaseError) {
        guard case .sqlite(.file(let path)) = url.location else { return }
        try SQLiteSettings.requireExisting(URL(fileURLWithPath: path).standardizedFileURL)
    }

    /// Closes every connection and stops the threads this handle owns.
    public func close() async {
        await databases.shutdownAsync()
        try? await eventLoopGroup.shutdownGracefully()
        try? await threadPool.shutdownGracefully()
    }

    /// Errors that come from a driver rather than from persist's own typed errors (or a
    /// cancellation, which callers tell apart).
    static func isDriverError(_ error: any Error) -> Bool {
        !(error is any PersistFailure) && !(error is CancellationError)
    }
}
