import NIOCore
import NIOPosix
import PostgresNIO

/// Recognises errors that mean "the connection is gone" (as opposed to "the statement failed"),
/// the only ones worth reconnecting for.
enum ConnectionLoss {
    static func matches(_ error: any Error) -> Bool {
        switch error {
        case let error as PSQLError:
            switch error.code {
            case .serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown:
                return true
            case .unexpectedBackendMessage, .messageDecodingFailure:
                // PostgresNIO closes the connection on a protocol surprise. PgBouncer makes one
                // when a backend ends under a client: the server's FATAL error, then its own
                // "server conn crashed?", which arrives after the statement has already failed.
                // A connection still closing when the pool hands it out again fails the pre-ping
                // with this error, so it is a lost connection like any other.
                return true
            case .server:
                // admin_shutdown (pg_terminate_backend, restart), crash_shutdown, cannot_connect_now
                // (starting up), and the connection_exception class.
                let state = error.serverInfo?[.sqlState] ?? ""
                return ["57P01", "57P02", "57P03"].contains(state) || state.hasPrefix("08")
            default:
                return false
            }
        case let error as ChannelError:
            return error == .ioOnClosedChannel || error == .alreadyClosed || error == .eof
        case is NIOConnectionError:
            return true
        case let error as IOError:
            return [ECONNRESET, EPIPE, ECONNREFUSED, ECONNABORTED].contains(error.errnoCode)
        default:
            return false
        }
    }
}
