import FluentKit
import Logging
import NIOCore
import SQLiteKit
import SQLKit

extension DatabaseHandle {
    /// Runs one statement that only reads, and decodes each row it gives as `Row` (by column name,
    /// as SQLKit's `all(decoding:)` does).
    ///
    /// For the statements a server runs on every request. On a server's SQLite file (placement
    /// ``EventLoopPlacement/shared``) the statement runs straight through SQLite's C API, prepared
    /// once per connection and kept: first on the calling thread, for at most 2 ms of its CPU
    /// time, then (if it takes longer) again on a reader thread of the handle's, so a long one
    /// never holds an event loop. No thread hop for most statements and none per row: several
    /// times less work than the pooled path. Elsewhere it is ``read(_:)`` with SQLKit.
    /// Either way it is counted, sees every write committed before it, and fails as the pooled
    /// path fails.
    public func readStatement<Row: Decodable & Sendable>(_ query: SQLQueryString, decoding: Row.Type) async throws -> [Row] {
        guard let direct else {
            return try await read { try await ($0 as! any SQLDatabase).raw(query).all(decoding: Row.self) }
        }
        let (sql, binds) = try directStatement(query)
        return try await counted { try await direct.read { try $0.rows(sql, binds: binds) } }.map { try Row(from: SQLiteDirectRowDecoder(row: $0)) }
    }

    /// Runs one statement that writes in a transaction of its own (`BEGIN IMMEDIATE` on SQLite),
    /// committed when it succeeds and rolled back when it fails, and decodes the rows it gives
    /// (`RETURNING`) as `Row`.
    ///
    /// On a server's SQLite file it runs straight through SQLite's C API on the handle's one
    /// direct writer, on a thread of its own (see ``readStatement(_:decoding:)``); elsewhere it
    /// is ``transaction(_:)`` with SQLKit, with that unit's retry rules.
    public func writeStatement<Row: Decodable & Sendable>(_ query: SQLQueryString, decoding: Row.Type) async throws -> [Row] {
        guard let direct else {
            return try await transaction { try await ($0 as! any SQLDatabase).raw(query).all(decoding: Row.self) }
        }
        let (sql, binds) = try directStatement(query)
        let rows = try await counted {
            try await direct.write { connection in
                try connection.execute("BEGIN IMMEDIATE")
                do {
                    let rows = try connection.rows(sql, binds: binds)
                    try connection.execute("COMMIT")
                    return rows
                } catch {
                    try? connection.execute("ROLLBACK")
                    throw error
                }
            }
        }
        return try rows.map { try Row(from: SQLiteDirectRowDecoder(row: $0)) }
    }

    /// `query`'s SQL in SQLite's dialect, and its values as SQLiteKit binds them.
    private func directStatement(_ query: SQLQueryString) throws -> (String, [SQLiteData]) {
        var serializer = SQLSerializer(database: SQLiteDialectOnly(eventLoop: loops[0], logger: logger))
        query.serialize(to: &serializer)
        let encoder = SQLiteDataEncoder()
        return (serializer.sql, try serializer.binds.map { try encoder.encode($0) })
    }

    /// Runs one direct statement as a unit: counted, and shown in the pool's activity.
    private func counted<Result>(_ work: () async throws -> Result) async rethrows -> Result {
        statements.increment()
        activity.startWaiting()
        activity.acquire()
        defer { activity.release() }
        return try await work()
    }
}

/// SQLite's dialect, for turning a query into SQLite's SQL without a connection.
private struct SQLiteDialectOnly: SQLDatabase {
    let eventLoop: any EventLoop
    let logger: Logger
    var dialect: any SQLDialect { SQLiteDialect() }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        eventLoop.makeFailedFuture(SQLiteDirectError(code: 21, message: "a dialect has no connection"))
    }
}
