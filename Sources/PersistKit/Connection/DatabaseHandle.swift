import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import SQLKit

/// An open database: FluentKit's `Database` and SQLKit's `SQLDatabase` over one URL, with a
/// bounded connection pool.
///
/// Work is done in scoped units that keep persist's guarantees: ``read(_:)``,
/// ``readSnapshot(_:)``, ``transaction(_:)`` and ``probe(_:)`` each run on one pooled connection
/// that has just answered a ping, reconnect after a dropped connection where that is safe, and
/// (for writes) take SQLite's write lock up front. Open it with ``withOpen(_:mode:limits:placement:logger:_:)``,
/// which always closes it, or with ``open(_:mode:limits:placement:logger:)`` and ``close()`` in pairs.
///
/// ```swift
/// let names = try await DatabaseHandle.withOpen(url, mode: .readOnly) { handle in
///     try await handle.read { try await Marker.query(on: $0).all().map(\.name) }
/// }
/// ```
///
/// One handle serves many concurrent tasks and never holds more than
/// ``ConnectionLimits/poolSize`` connections. A server that keeps one handle for its lifetime
/// opens it with ``EventLoopPlacement/shared``, spreading the pool over NIO's shared event loops.
public final class DatabaseHandle: Sendable {
    /// The URL this handle was opened with.
    public let url: DatabaseURL
    /// Whether writes are allowed.
    public let mode: AccessMode
    /// The pool size and timeouts in force: the caller's, with the URL's over them.
    public let limits: ConnectionLimits
    /// How many SQL statements this handle's units of work have sent.
    public let statements = StatementCounter()
    /// How many units of work hold a pooled connection, and how many wait for one.
    public let activity = PoolActivity()
    private let databases: Databases
    /// The event loops this handle's pools live on: one of its own, or several shared ones.
    let loops: [any EventLoop]
    /// An SQLite file opened ``EventLoopPlacement/shared``: the loops of its reader connections,
    /// one connection and thread each, so reads run beside one another and beside the writer
    /// (on `loops`), which WAL allows. Empty otherwise: every unit shares the one connection.
    private let readerLoops: [any EventLoop]
    /// An SQLite file opened ``EventLoopPlacement/shared``: direct connections for
    /// ``readStatement(_:decoding:)`` and ``writeStatement(_:decoding:)``. `nil` otherwise.
    let direct: SQLiteDirectAccess?
    private let turn = NIOLockedValueBox<UInt>(0)
    /// The handle's own event loop and thread (``EventLoopPlacement/dedicated``, and always for
    /// SQLite, whose connection blocks while it waits out the busy timeout), or `nil` on the
    /// shared loops. Twenty test handles on NIO's two shared loops, in a debug build, were seen to
    /// delay one another's pings past the connect timeout: dedicated is the default.
    private let ownThreads: (loop: MultiThreadedEventLoopGroup, pool: NIOThreadPool)?
    let logger: Logger

    /// The pooled database with none of the handle's guarantees: no pre-ping, no reconnect, no
    /// up-front write lock, no transaction. Statements are counted. For work that cannot run in a
    /// unit (such as `CREATE DATABASE`, or ending one's own connection on purpose); prefer
    /// ``read(_:)`` and ``transaction(_:)``.
    public var unprotectedDatabase: any Database {
        CountedDatabase(base: pooledDatabase, counter: statements)
    }

    /// ``unprotectedDatabase`` as SQLKit.
    public var unprotectedSQL: any SQLDatabase {
        unprotectedDatabase as! any SQLDatabase
    }

    /// The driver's pooled database, uncounted: for the handle's own statements (pre-ping,
    /// transaction control, connection settings).
    var pooledDatabase: any Database {
        pooledDatabase(forReading: false)
    }

    /// The pooled database for a unit that only reads (a reader connection, where the handle has
    /// them) or that may write.
    func pooledDatabase(forReading reading: Bool) -> any Database {
        let candidates = reading && !readerLoops.isEmpty ? readerLoops : loops
        let index = turn.withLockedValue { turn in
            turn &+= 1
            return turn
        }
        return databases.database(logger: logger, on: candidates[Int(index % UInt(candidates.count))])!
    }

    private init(url: DatabaseURL, mode: AccessMode, limits: ConnectionLimits, placement: EventLoopPlacement, logger: Logger) {
        self.url = url
        self.mode = mode
        self.limits = limits
        self.logger = logger.hidingStatementValues
        if url.backend == .postgresql && placement == .shared {
            let group = MultiThreadedEventLoopGroup.singleton
            let all = Array(group.makeIterator())
            let count = Self.largestDivisor(of: limits.poolSize, atMost: all.count)
            // Handles start on different loops, so several handles in one process share the
            // loops instead of all crowding onto the first.
            let first = Self.nextFirstLoop.withLockedValue { next in
                defer { next &+= 1 }
                return next
            }
            self.ownThreads = nil
            self.loops = (0..<count).map { all[(first + $0) % all.count] }
            self.readerLoops = []
            self.direct = nil
            self.databases = Databases(threadPool: NIOThreadPool.singleton, on: group)
        } else {
            let readers = Self.sqliteReaders(url: url, mode: mode, placement: placement)
            let threads = (loop: MultiThreadedEventLoopGroup(numberOfThreads: 1 + readers), pool: NIOThreadPool(numberOfThreads: 1 + readers))
            threads.pool.start()
            self.ownThreads = threads
            let all = Array(threads.loop.makeIterator())
            self.loops = [all[0]]
            self.readerLoops = Array(all.dropFirst())
            if readers > 0, case .sqlite(.file(let path)) = url.location {
                self.direct = SQLiteDirectAccess(path: URL(fileURLWithPath: path).standardizedFileURL.path)
            } else {
                self.direct = nil
            }
            self.databases = Databases(threadPool: threads.pool, on: threads.loop)
        }
    }

    /// How many reader connections an SQLite handle gets: one per core (at most four) for a file
    /// opened read-write by a server (``EventLoopPlacement/shared``); none otherwise, where one
    /// connection does everything.
    private static func sqliteReaders(url: DatabaseURL, mode: AccessMode, placement: EventLoopPlacement) -> Int {
        guard placement == .shared, mode == .readWrite, case .sqlite(.file) = url.location else { return 0 }
        return min(4, max(1, System.coreCount))
    }

    /// Where the next PostgreSQL handle's loops begin.
    private static let nextFirstLoop = NIOLockedValueBox(0)

    /// The largest number of loops that divides the pool evenly: the pool is then exactly
    /// `poolSize` connections, spread over as many loops as possible.
    private static func largestDivisor(of size: Int, atMost limit: Int) -> Int {
        (1...max(1, min(size, limit))).last { size % $0 == 0 } ?? 1
    }

    /// Opens the database and checks that it answers.
    ///
    /// SQLite files are opened with foreign keys enforced, WAL journaling and a busy timeout.
    /// PostgreSQL is reached with the URL's TLS and timeouts, and a pool of `limits.poolSize`
    /// connections unless the URL says otherwise (`pool_size`, `pool_timeout`, `connect_timeout`).
    ///
    /// - Throws: ``DatabaseError`` with a one-line, password-free message.
    public static func open(
        _ url: DatabaseURL,
        mode: AccessMode = .readWrite,
        limits: ConnectionLimits = ConnectionLimits(),
        placement: EventLoopPlacement = .dedicated,
        logger: Logger = Logger(label: "persist.database")
    ) async throws(DatabaseError) -> DatabaseHandle {
        var effective = limits
        if case .postgresql(let endpoint) = url.location { effective = limits.overridden(by: endpoint.parameters) }
        let handle = DatabaseHandle(url: url, mode: mode, limits: effective, placement: placement, logger: logger)
        do {
            switch url.location {
            case .sqlite(let storage):
                let configuration = try SQLiteSettings(storage: storage, mode: mode).configuration()
                handle.databases.use(.sqlite(configuration, sqlLogLevel: .debug), as: .sqlite)
                // Turning a new file to WAL needs the lock; many processes opening it at once wait.
                let sql = handle.pooledDatabase as! any SQLDatabase
                try await SQLiteBusy.retrying(for: 60) { try await SQLiteSettings.apply(to: sql, mode: mode) }
                // Each reader's one connection gets its settings now, and keeps them: its pool
                // holds that connection for the handle's life.
                for loop in handle.readerLoops {
                    let reader = handle.databases.database(logger: handle.logger, on: loop)! as! any SQLDatabase
                    try await SQLiteBusy.retrying(for: 60) { try await SQLiteSettings.applyToReader(reader) }
                }
            case .postgresql(let endpoint):
                let settings = try PostgresSettings(endpoint: endpoint, defaults: limits)
                handle.databases.use(settings.factory(loops: handle.loops.count), as: .psql)
                // The driver's connect timeout covers the TCP handshake only; a server that
                // accepts and then says nothing must not hang the caller either.
                let sql = handle.pooledDatabase as! any SQLDatabase
                let seconds = effective.connectTimeout
                try await Deadline.run(seconds: seconds, failure: DatabaseError(
                    .cannotConnect, "\(DatabaseError.serverName(url)) did not answer within \(seconds) s (connect_timeout); check the host, port and sslmode"
                )) {
                    try await sql.raw(DatabaseHandle.prePing).run()
                }
            }
            logger.debug("opened database", metadata: ["url": "\(url.redacted)"])
            return handle
        } catch {
            let failure = DatabaseError.translating(error, for: url, limits: effective)
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
        limits: ConnectionLimits = ConnectionLimits(),
        placement: EventLoopPlacement = .dedicated,
        logger: Logger = Logger(label: "persist.database"),
        _ body: (DatabaseHandle) async throws -> Result
    ) async throws -> Result {
        let handle = try await open(url, mode: mode, limits: limits, placement: placement, logger: logger)
        do {
            let result = try await body(handle)
            await handle.close()
            return result
        } catch {
            await handle.close()
            throw Self.isDriverError(error) ? DatabaseError.translating(error, for: url, limits: handle.limits) : error
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

    /// Closes every connection and the handle's own thread; shared event loops stay for others.
    public func close() async {
        await direct?.close()
        await databases.shutdownAsync()
        try? await ownThreads?.loop.shutdownGracefully()
        try? await ownThreads?.pool.shutdownGracefully()
    }

    /// Errors that come from a driver rather than from persist's own typed errors (or a
    /// cancellation, which callers tell apart).
    static func isDriverError(_ error: any Error) -> Bool {
        !(error is any PersistFailure) && !(error is CancellationError)
    }
}
