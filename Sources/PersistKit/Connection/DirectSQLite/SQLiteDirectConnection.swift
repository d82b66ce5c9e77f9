import Foundation
import NIOCore
import SQLiteNIO
// SQLiteNIO's own copy of SQLite (a target of that package, not a product of it): a direct
// connection must use the very library SQLiteNIO's connections use. Two copies of SQLite in one
// process keep separate tables of POSIX locks, and closing a file in one drops the other's locks.
import VaporCSQLite

/// One SQLite connection driven straight through SQLite's C API on the thread it is used on: no thread
/// hop per statement or per row, and each statement is prepared once and kept (SQLiteNIO prepares
/// every statement anew and hops to an event loop for every row). For the few statements a
/// server runs on every request; see ``DatabaseHandle/readStatement(_:decoding:)``.
///
/// Not thread-safe: one thread uses it at a time (``SQLiteDirectAccess`` sees to that).
final class SQLiteDirectConnection: @unchecked Sendable {
    /// SQLite copies a bound text or blob before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private var handle: OpaquePointer?
    /// At most this many statements are kept prepared (a safeguard: callers use a handful).
    private static let keptStatements = 64
    /// Prepared statements by their SQL text, reset after each use.
    private var statements: [String: OpaquePointer] = [:]
    /// The column names of each prepared statement.
    private var columns: [String: [String]] = [:]

    /// Opens `path` (which must exist) with persist's settings: foreign keys enforced and the busy
    /// timeout; a reader is also `query_only`, and a writer uses `synchronous=NORMAL` (durable on
    /// commit under WAL, which the handle has already set on the file).
    init(path: String, reader: Bool) throws(SQLiteDirectError) {
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX
        let opened = sqlite_nio_sqlite3_open_v2(path, &handle, flags, nil)
        guard opened == SQLITE_OK else {
            let error = SQLiteDirectError(code: opened, message: handle.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "cannot open")
            sqlite_nio_sqlite3_close_v2(handle)
            handle = nil
            throw error
        }
        sqlite_nio_sqlite3_extended_result_codes(handle, 1)
        do {
            try execute("PRAGMA busy_timeout = \(SQLiteSettings.busyTimeoutMilliseconds)")
            try execute("PRAGMA foreign_keys = ON")
            try execute("PRAGMA temp_store = MEMORY")
            if reader {
                try execute("PRAGMA query_only = 1")
                try execute("PRAGMA cache_size = -8192")
            } else {
                try execute("PRAGMA synchronous = NORMAL")
                try execute("PRAGMA cache_size = -24576")
            }
        } catch {
            close()
            throw error
        }
    }

    deinit { close() }

    /// Runs `body` with none of its statements waiting for another connection's lock: they fail at
    /// once with ``SQLiteDirectError/isBusy`` instead. For work tried on a thread that must not be
    /// held, which the caller then runs again elsewhere.
    func withoutWaitingForLocks<Result>(_ body: () throws -> Result) rethrows -> Result {
        sqlite_nio_sqlite3_busy_timeout(handle, 0)
        defer { sqlite_nio_sqlite3_busy_timeout(handle, Int32(SQLiteSettings.busyTimeoutMilliseconds)) }
        return try body()
    }

    /// Makes the statement running on this connection (on another thread) stop soon with
    /// ``SQLiteDirectError/isInterrupted``; a call while none runs is forgotten when the next one
    /// starts. The connection must stay open until this returns.
    func interrupt() {
        if let handle { sqlite_nio_sqlite3_interrupt(handle) }
    }

    /// Runs `sql` (a statement without parameters or rows: a pragma, `BEGIN`, `COMMIT`).
    func execute(_ sql: String) throws(SQLiteDirectError) {
        _ = try rows(sql, binds: [])
    }

    /// Runs `sql` with `binds` (`?1`, `?2`… in order) and returns every row it gives.
    func rows(_ sql: String, binds: [SQLiteData]) throws(SQLiteDirectError) -> [SQLiteDirectRow] {
        let (statement, names) = try prepared(sql)
        defer {
            sqlite_nio_sqlite3_reset(statement)
            sqlite_nio_sqlite3_clear_bindings(statement)
        }
        for (index, value) in binds.enumerated() {
            try check(bind(value, at: Int32(index + 1), in: statement))
        }
        var result: [SQLiteDirectRow] = []
        while true {
            let step = sqlite_nio_sqlite3_step(statement)
            if step == SQLITE_DONE { break }
            guard step == SQLITE_ROW else { throw failure(step) }
            result.append(SQLiteDirectRow(columns: names, values: (0..<Int32(names.count)).map { value(at: $0, in: statement) }))
        }
        // A statement that wrote commits (outside a transaction) when it is reset: its error is
        // the statement's error.
        let reset = sqlite_nio_sqlite3_reset(statement)
        guard reset == SQLITE_OK else { throw failure(reset) }
        return result
    }

    /// Finalizes every statement and closes the connection (again: nothing).
    func close() {
        for statement in statements.values { sqlite_nio_sqlite3_finalize(statement) }
        statements = [:]
        if let handle { sqlite_nio_sqlite3_close_v2(handle) }
        handle = nil
    }

    private func prepared(_ sql: String) throws(SQLiteDirectError) -> (OpaquePointer, [String]) {
        if let statement = statements[sql], let names = columns[sql] { return (statement, names) }
        guard handle != nil else { throw SQLiteDirectError(code: SQLITE_MISUSE, message: "the connection is closed") }
        var statement: OpaquePointer?
        let prepared = sqlite_nio_sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard prepared == SQLITE_OK, let statement else { throw failure(prepared) }
        let names = (0..<sqlite_nio_sqlite3_column_count(statement)).map { String(cString: sqlite_nio_sqlite3_column_name(statement, $0)) }
        if statements.count >= Self.keptStatements {
            for kept in statements.values { sqlite_nio_sqlite3_finalize(kept) }
            statements = [:]
            columns = [:]
        }
        statements[sql] = statement
        columns[sql] = names
        return (statement, names)
    }

    private func bind(_ value: SQLiteData, at index: Int32, in statement: OpaquePointer) -> Int32 {
        switch value {
        case .integer(let number): sqlite_nio_sqlite3_bind_int64(statement, index, Int64(number))
        case .float(let number): sqlite_nio_sqlite3_bind_double(statement, index, number)
        case .text(let text): sqlite_nio_sqlite3_bind_text64(statement, index, text, UInt64(text.utf8.count), Self.transient, UInt8(SQLITE_UTF8))
        case .blob(let bytes):
            bytes.withUnsafeReadableBytes {
                sqlite_nio_sqlite3_bind_blob64(statement, index, $0.baseAddress, UInt64($0.count), Self.transient)
            }
        case .null: sqlite_nio_sqlite3_bind_null(statement, index)
        }
    }

    private func value(at column: Int32, in statement: OpaquePointer) -> SQLiteData {
        switch sqlite_nio_sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER: return .integer(Int(sqlite_nio_sqlite3_column_int64(statement, column)))
        case SQLITE_FLOAT: return .float(sqlite_nio_sqlite3_column_double(statement, column))
        case SQLITE_TEXT:
            guard let text = sqlite_nio_sqlite3_column_text(statement, column) else { return .text("") }
            let count = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
            guard let bytes = sqlite_nio_sqlite3_column_blob(statement, column), count > 0 else { return .blob(ByteBuffer()) }
            return .blob(ByteBuffer(bytes: UnsafeRawBufferPointer(start: bytes, count: count)))
        default: return .null
        }
    }

    private func check(_ code: Int32) throws(SQLiteDirectError) {
        guard code == SQLITE_OK else { throw failure(code) }
    }

    /// The error SQLite reports for `code`, with its message and extended code.
    private func failure(_ code: Int32) -> SQLiteDirectError {
        let extended = handle.map { sqlite_nio_sqlite3_extended_errcode($0) } ?? code
        let message = handle.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "the connection is closed"
        return SQLiteDirectError(code: extended & 0xff == code & 0xff ? extended : code, message: message)
    }
}
