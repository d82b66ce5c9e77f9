import Foundation
import PersistKit

extension DatabaseDoctor {
    /// Warnings about how the database is configured, whether or not it answers.
    static func warnings(for resolved: ResolvedDatabaseURL) -> [String] {
        var warnings: [String] = []
        if case .postgresql(let endpoint) = resolved.url.location {
            if resolved.source == .flag, endpoint.password != nil {
                warnings.append("the password was given with --database-url, where shell history and process lists keep it; put the URL in DATABASE_URL or .env instead")
            }
            let weak: Set<PostgresParameters.SSLMode> = [.disable, .allow, .prefer]
            if !isLoopback(endpoint.host), weak.contains(endpoint.parameters.sslMode) {
                warnings.append("sslmode=\(endpoint.parameters.sslMode.rawValue) for the remote host \(endpoint.host) can fall back to plain text; use sslmode=require (or verify-full)")
            }
        }
        return warnings
    }

    /// The likely cause and fix for a failure, after the chapter's troubleshooting table.
    static func diagnose(_ error: any Error, url: DatabaseURL) -> DoctorReport.Failure {
        let message = (error as? any PersistFailure)?.description ?? DatabaseError.translating(error, for: url).description
        let failure = error as? DatabaseError ?? DatabaseError.translating(error, for: url)
        let (cause, fix): (String, String)
        switch failure.code {
        case .authenticationFailed:
            (cause, fix) = ("password authentication failed", "check the user and password in the URL; rotate the password if it may have leaked (on Neon: reset it in the console)")
        case .cannotConnect where failure.sqlState == "3D000":  // invalid_catalog_name
            (cause, fix) = ("the database does not exist", "create it, or fix the database name at the end of the URL")
        case .cannotConnect:
            (cause, fix) = ("could not connect", "check the host, port and sslmode; make sure the server is running (a scale-to-zero compute wakes on the next try)")
        case .tls:
            (cause, fix) = ("TLS could not be set up as sslmode asks", "check sslmode and sslrootcert; verify-full needs the host name to match the certificate; sslmode=require needs a server with TLS")
        case .serverFull:
            (cause, fix) = ("remaining connection slots are reserved (too many connections)", "lower pool_size / PERSIST_POOL_SIZE, use the pooled endpoint, and look for connection leaks")
        case .poolExhausted:
            (cause, fix) = ("every pooled connection stayed busy", "raise pool_size or pool_timeout, or look for a transaction that never ends")
        case .fileNotFound:
            (cause, fix) = ("the SQLite file does not exist yet", "run a command that writes (a migration creates it), or fix the path")
        case .queryFailed where failure.isConnectionLoss:
            (cause, fix) = ("server closed the connection unexpectedly", "an idle timeout or restart; persist pre-pings and reconnects, so retry; if it persists, check the server's logs")
        default:
            (cause, fix) = ("the database answered with an error", "read the error above; `PERSIST_LOG_LEVEL=debug` shows the statements sent")
        }
        return DoctorReport.Failure(error: message, cause: cause, fix: fix)
    }
}
