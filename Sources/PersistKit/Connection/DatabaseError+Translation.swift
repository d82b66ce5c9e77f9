import AsyncKit
import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import SQLiteNIO

extension DatabaseError {
    /// Turns whatever a driver threw into a one-line ``DatabaseError`` that names the database
    /// (redacted) and never the password; `limits` are the ones the failing handle used.
    public static func translating(_ error: any Error, for url: DatabaseURL, limits: ConnectionLimits = ConnectionLimits()) -> DatabaseError {
        if let error = error as? DatabaseError { return error }
        let translated: DatabaseError
        switch error {
        case let error as PSQLError:
            translated = postgres(error, url: url, limits: limits)
        case let error as SQLiteError:
            translated = sqlite(SQLiteTrouble(error.reason), message: error.message, url: url)
        case let error as SQLiteDirectError:
            translated = sqlite(SQLiteTrouble(code: error.code), message: error.message, url: url)
        case let error as ConnectionPoolTimeoutError:
            translated = poolTimeout(error, url: url, limits: limits)
        case let error as NIOSSLError:
            translated = DatabaseError(.tls, "TLS failed with \(url.redacted): \(error)")
        default:
            translated = DatabaseError(.queryFailed, "database error at \(url.redacted): \(oneLine(String(describing: error)))")
        }
        let state = (error as? PSQLError)?.serverInfo?[.sqlState]
        return DatabaseError(translated.code, translated.description, sqlState: state, underlying: error).scrubbed(of: url)
    }

    private static func postgres(_ error: PSQLError, url: DatabaseURL, limits: ConnectionLimits) -> DatabaseError {
        let server = serverName(url)
        switch error.code {
        case .server:
            let message = error.serverInfo?[.message] ?? "unknown server error"
            let state = error.serverInfo?[.sqlState] ?? ""
            switch state {
            case "28P01", "28000":
                return DatabaseError(.authenticationFailed, "\(server) refused the login: \(message); check the user name and password in the URL")
            case "53300", "53400":
                return DatabaseError(.serverFull, "\(server) has no connection slots left: \(message); lower pool_size or look for leaked connections")
            case "3D000":
                return DatabaseError(.cannotConnect, "\(server): \(message); create it or fix the database name in the URL")
            case "55P03":
                return DatabaseError(.queryFailed, "\(server): a statement waited longer than its lock_timeout for a table in use (\(message)); its transaction was rolled back; try again when the table is quieter")
            case "40P01":
                return DatabaseError(.queryFailed, "\(server): another transaction needed the same rows or tables in the opposite order (deadlock); this one was rolled back; try again")
            default:
                let code = state.isEmpty ? "" : " (SQLSTATE \(state))"
                return DatabaseError(.queryFailed, "\(server): \(message)\(code)")
            }
        case .sslUnsupported:
            return DatabaseError(.tls, "\(server) does not support TLS, but the URL's sslmode requires it; use sslmode=prefer or disable only on a trusted network")
        case .failedToAddSSLHandler:
            return DatabaseError(.tls, "could not start TLS with \(server)")
        case .authMechanismRequiresPassword:
            return DatabaseError(.authenticationFailed, "\(server) asks for a password but the URL has none")
        case .unsupportedAuthMechanism, .saslError:
            return DatabaseError(.authenticationFailed, "\(server) refused the login; check the user name and password in the URL")
        case .connectionError, .serverClosedConnection, .uncleanShutdown:
            let reason = error.underlying.map { reasonText($0, limits: limits) } ?? "the connection was closed"
            return DatabaseError(.cannotConnect, "cannot connect to \(server): \(reason)")
        default:
            let reason = error.underlying.map { reasonText($0, limits: limits) } ?? error.code.description
            return DatabaseError(.queryFailed, "\(server): \(reason)")
        }
    }

    /// SQLite's failures from the file system, with what to do about them.
    private static func sqlite(_ trouble: SQLiteTrouble, message: String, url: DatabaseURL) -> DatabaseError {
        let file = url.redacted
        switch trouble {
        case .full:
            return DatabaseError(.queryFailed, "the disk is full: SQLite could not write \(file); nothing was written, free some space and try again")
        case .readOnly:
            return DatabaseError(.cannotOpen, "\(file) is read-only (the file or its folder cannot be written); nothing was written, check their permissions")
        case .notADatabase:
            return DatabaseError(.cannotOpen, "\(file) is not a SQLite database (or it is encrypted or damaged); point DATABASE_URL at another file")
        case .corrupt:
            return DatabaseError(.cannotOpen, "\(file) is damaged (SQLite: \(message)); restore it from a backup")
        case .cantOpen:
            return DatabaseError(.cannotOpen, "cannot open \(file): \(message); check that the folder exists and can be written")
        case .ioError:
            return DatabaseError(.queryFailed, "SQLite could not write \(file) (\(message)): the disk may be full or failing; nothing was written")
        case .locked:
            return DatabaseError(.queryFailed, "\(file) stayed locked by another connection for longer than the busy timeout (\(SQLiteSettings.busyTimeoutMilliseconds / 1000) s); nothing was done; try again")
        case .other:
            return DatabaseError(.queryFailed, "SQLite error at \(file): \(message)")
        }
    }

    private static func poolTimeout(_ error: ConnectionPoolTimeoutError, url: DatabaseURL, limits: ConnectionLimits) -> DatabaseError {
        guard case .postgresql(let endpoint) = url.location else {
            return DatabaseError(.poolExhausted, "the database connection stayed busy for the whole pool timeout")
        }
        let limits = limits.overridden(by: endpoint.parameters)
        return DatabaseError(
            .poolExhausted,
            "connection pool exhausted: all \(limits.poolSize.counted("connection")) to \(serverName(url)) stayed busy for \(limits.poolTimeout) s; raise the pool size (pool_size) or look for a transaction that never ends"
        )
    }

    /// `PostgreSQL at host:port`, the way errors name a server.
    static func serverName(_ url: DatabaseURL) -> String {
        guard case .postgresql(let endpoint) = url.location else { return url.redacted }
        return "PostgreSQL at \(endpoint.host):\(endpoint.port)"
    }

    private static func reasonText(_ error: any Error, limits: ConnectionLimits) -> String {
        switch error {
        case let error as IOError where error.errnoCode == ECONNREFUSED:
            return "connection refused (is the server running and the port right?)"
        case let error as IOError:
            return oneLine(error.description)
        case let error as NIOConnectionError:
            if let first = error.connectionErrors.first { return reasonText(first.error, limits: limits) }
            if error.dnsAError != nil || error.dnsAAAAError != nil { return "the host name could not be resolved" }
            return "no address could be reached"
        case is ChannelError:
            if case ChannelError.connectTimeout = error { return "the server did not answer within \(limits.connectTimeout) s (connect_timeout)" }
            return oneLine(String(describing: error))
        case let error as NIOSSLError:
            return "TLS failed: \(error)"
        case let error as BoringSSLError:
            return "TLS failed: \(oneLine(String(describing: error)))"
        default:
            return oneLine(String(describing: error))
        }
    }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// Defence in depth: whatever a driver put in its text, the password never leaves.
    func scrubbed(of url: DatabaseURL) -> DatabaseError {
        guard case .postgresql(let endpoint) = url.location, let password = endpoint.password, !password.isEmpty,
              description.contains(password) else { return self }
        return DatabaseError(code, description.replacingOccurrences(of: password, with: DatabaseURL.passwordMask), sqlState: sqlState, underlying: underlying)
    }
}
