import FluentKit
import Foundation
import PersistKit
import SQLKit

/// Examines a database as a doctor command reports it: can it be used, how is it
/// reached, and what should change.
public enum DatabaseDoctor {
    /// How many `SELECT 1` round trips the latency is the median of.
    public static let latencySamples = 7

    /// Examines the database at `resolved`; never throws: failures become part of the report.
    ///
    /// - Parameters:
    ///   - migrator: the schema whose migrations to count, if any.
    ///   - limits: the pool size and timeouts the application uses unless the URL says otherwise.
    public static func examine(
        _ resolved: ResolvedDatabaseURL, migrator: SchemaMigrator? = nil, limits: ConnectionLimits = ConnectionLimits()
    ) async -> DoctorReport {
        let url = resolved.url
        var report = DoctorReport(
            backend: url.backend.rawValue, database: url.redacted, source: resolved.source.description,
            usable: false, warnings: warnings(for: resolved)
        )
        if case .postgresql(let endpoint) = url.location {
            report.authentication = endpoint.password == nil ? "no password (trust or peer on the server)" : "password"
            let effective = limits.overridden(by: endpoint.parameters)
            report.pool = .init(size: effective.poolSize, acquireTimeoutSeconds: effective.poolTimeout, connectTimeoutSeconds: effective.connectTimeout)
        }
        if case .sqlite(.file(let path)) = url.location, !FileManager.default.fileExists(atPath: path) {
            // The first command that writes creates the file; nothing is wrong yet.
            report.usable = true
            report.warnings.append("the SQLite file \(path) does not exist yet; the first command that writes creates it")
            report.migrations = migrator.map { .init(applied: 0, pending: $0.migrations.map(\.name)) }
            return report
        }
        do {
            try await DatabaseHandle.withOpen(url, mode: url.backend == .sqlite ? .readOnly : .readWrite, limits: limits) { handle in
                try await inspect(handle, endpoint: url.location, into: &report)
                if let migrator {
                    let status = try await migrator.status(on: handle)
                    report.migrations = .init(applied: status.applied.count, pending: status.pending, unknown: status.unknown, changed: status.changed)
                    if !status.unknown.isEmpty {
                        report.warnings.append("the database has migrations this version does not know (\(PrintableText.oneLine(status.unknown.joined(separator: ", "), limit: 300))): a newer version migrated it, and changes are refused")
                    }
                    if !status.changed.isEmpty {
                        report.warnings.append("migrations changed since they were applied (\(PrintableText.oneLine(status.changed.joined(separator: ", "), limit: 300))): commands refuse the database until the migration is restored or its checksum repaired")
                    }
                }
            }
            report.usable = true
        } catch {
            report.failure = diagnose(error, url: url)
        }
        return report
    }

    private static func inspect(_ handle: DatabaseHandle, endpoint: DatabaseURL.Location, into report: inout DoctorReport) async throws {
        let sql = handle.unprotectedSQL
        switch endpoint {
        case .sqlite:
            report.serverVersion = "SQLite " + (try await sql.raw("SELECT sqlite_version() AS v").first()?.decode(column: "v", as: String.self) ?? "?")
        case .postgresql(let postgres):
            report.serverVersion = try await sql.raw("SHOW server_version").first()?.decode(column: "server_version", as: String.self)
            // A pooler answers on its own port; the server reports the port it listens on.
            let serverPort = try await sql.raw("SELECT inet_server_port() AS port").first()?.decode(column: "port", as: Int?.self)
            let pooled = serverPort.map { $0 != postgres.port } ?? false
            report.pooled = pooled
            var tls = DoctorReport.TLS(
                sslMode: postgres.parameters.sslMode.rawValue, encrypted: nil, protocolVersion: nil,
                certificateVerified: verification(postgres.parameters)
            )
            if postgres.parameters.sslMode == .disable {
                tls.encrypted = false
            } else if !pooled, let row = try await sql.raw("SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()").first() {
                tls.encrypted = try row.decode(column: "ssl", as: Bool.self)
                tls.protocolVersion = try row.decode(column: "version", as: String?.self)
            }
            report.tls = tls
            if let host = Optional(postgres.host), !isLoopback(host), tls.encrypted == false {
                report.warnings.append("\(host) is not on this machine and the connection is not encrypted; use sslmode=require or stricter")
            }
        }
        var samples: [Double] = []
        for _ in 0..<latencySamples {
            let start = ContinuousClock.now
            try await sql.raw("SELECT 1 AS persist_pre_ping").run()
            samples.append((ContinuousClock.now - start).milliseconds)
        }
        report.latencyMilliseconds = (samples.sorted()[samples.count / 2] * 100).rounded() / 100
    }

    private static func verification(_ parameters: PostgresParameters) -> String {
        switch parameters.sslMode {
        case .verifyFull: "chain and host name"
        case .verifyCA: "chain"
        case .require where parameters.sslRootCert != nil: "chain"
        default: "none"
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host.hasPrefix("127.") || host == "::1" || host == "[::1]"
    }
}
