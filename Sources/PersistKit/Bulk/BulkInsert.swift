import FluentKit
import Logging
import PostgresNIO
import SQLiteNIO

/// Writes many rows into one table inside a transaction, fast: rows are gathered into large
/// batches, each batch is one statement with bound parameters, and one batch is written while the
/// caller prepares the next.
///
/// FluentKit's per-model `create` reflects over the model and builds its SQL on every save; this
/// is the lower layer for bulk paths (imports), while models and migrations stay the schema's
/// single source. On SQLite a batch is a multi-row `INSERT … VALUES`; on PostgreSQL an
/// `INSERT … SELECT FROM unnest(…)` over one array per column.
///
/// ```swift
/// let insert = try BulkInsert(into: "notes", columns: [.init("author_id", .integer), …], on: database)
/// for row in rows { try await insert.append([.integer(row.user), …]) }
/// try await insert.finish()
/// ```
///
/// Call ``finish()`` before committing and ``waitForPendingBatch()`` before sending any other
/// statement on the same database; after an error, call ``abandon()`` before rolling back.
public final class BulkInsert {
    private let statement: any BulkStatement
    private let database: any Database
    private let batchSize: Int
    private var batch: [[BulkValue]] = []
    private var pending: Task<Void, any Error>?
    /// Rows handed to the database so far (written, or being written).
    public private(set) var rowsSent = 0

    /// Prepares bulk inserts into `table` on `database` (a transaction's database).
    ///
    /// - Parameter batchSize: rows per statement; `nil` for a size that suits the backend.
    public init(into table: String, columns: [BulkColumn], on database: any Database, batchSize: Int? = nil) {
        if database.driverDatabase.database is any SQLiteDatabase {
            statement = SQLiteBulkStatement(table: table, columns: columns)
        } else {
            statement = PostgresBulkStatement(table: table, columns: columns)
        }
        self.database = database
        self.batchSize = batchSize ?? statement.preferredBatchSize
        batch.reserveCapacity(self.batchSize)
    }

    /// Adds one row; when a batch is full it is sent (after the previous one has been written).
    ///
    /// - Throws: the database's error for an earlier batch.
    public func append(_ row: [BulkValue]) async throws {
        precondition(row.count == statement.columns.count, "a bulk row needs one value per column")
        batch.append(row)
        if batch.count >= batchSize { try await send() }
    }

    /// Waits until every batch sent so far is written, so another statement may use the database.
    public func waitForPendingBatch() async throws {
        let task = pending
        pending = nil
        try await task?.value
    }

    /// Sends the last, partial batch and waits until everything is written.
    public func finish() async throws {
        try await send()
        try await waitForPendingBatch()
    }

    /// Waits for a batch still being written and discards the rest; call it before rolling back
    /// after an error, so no statement is still running when the transaction ends.
    public func abandon() async {
        batch.removeAll()
        _ = await pending?.result
        pending = nil
    }

    private func send() async throws {
        try await waitForPendingBatch()
        guard !batch.isEmpty else { return }
        let rows = batch
        batch.removeAll(keepingCapacity: true)
        rowsSent += rows.count
        let statement = statement, database = database
        pending = Task { try await statement.insert(rows, on: database) }
    }
}

/// How one backend writes a batch.
protocol BulkStatement: Sendable {
    var columns: [BulkColumn] { get }
    var preferredBatchSize: Int { get }
    func insert(_ rows: [[BulkValue]], on database: any Database) async throws
}

extension BulkStatement {
    /// Counts one statement sent on `database` through the driver's own API, and logs it at debug
    /// as the drivers log theirs; returns the driver's database to send it on.
    func sending(_ sql: @autoclosure () -> String, on database: any Database) -> any Database {
        let (driver, counter) = database.driverDatabase
        counter?.increment()
        database.logger.debug("Executing query", metadata: ["sql": "\(sql())"])
        return driver
    }
}
