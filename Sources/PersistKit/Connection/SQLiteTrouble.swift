import SQLiteNIO
import VaporCSQLite

/// The kinds of SQLite failure persist explains in its own words, read from SQLiteNIO's errors
/// and from a direct connection's result codes alike.
enum SQLiteTrouble {
    case full, readOnly, notADatabase, corrupt, cantOpen, ioError, locked, other

    init(_ reason: SQLiteError.Reason) {
        switch reason {
        case .full: self = .full
        case .readOnly, .readonlyDirectory, .readonlyCantLock, .readonlyInRecovery, .readonlyInRollback: self = .readOnly
        case .notADatabase: self = .notADatabase
        case .corrupt: self = .corrupt
        case .cantOpen, .cantOpenDirectory, .cantOpenInvalidPath: self = .cantOpen
        case .ioError, .ioErrorFailedWrite, .ioErrorFailedSync, .ioErrorFailedTruncate, .ioErrorFailedSharedMemSize: self = .ioError
        case .busy, .locked, .busyInRecovery, .busyInSnapshot, .busyTimeout, .lockedBySharedCache: self = .locked
        default: self = .other
        }
    }

    /// From an extended result code.
    init(code: Int32) {
        switch code & 0xff {
        case SQLITE_FULL: self = .full
        case SQLITE_READONLY: self = .readOnly
        case SQLITE_NOTADB: self = .notADatabase
        case SQLITE_CORRUPT: self = .corrupt
        case SQLITE_CANTOPEN: self = .cantOpen
        case SQLITE_IOERR: self = .ioError
        case SQLITE_BUSY, SQLITE_LOCKED: self = .locked
        default: self = .other
        }
    }
}
