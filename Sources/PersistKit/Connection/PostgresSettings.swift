import FluentKit
import FluentPostgresDriver
import Foundation
import NIOCore
import NIOSSL
import PostgresKit

/// How persist reaches a PostgreSQL server: TLS by libpq's `sslmode`, timeouts and pool size.
struct PostgresSettings {
    let configuration: SQLPostgresConfiguration
    /// The pool size and timeouts in force: the caller's, with the URL's over them.
    let limits: ConnectionLimits

    init(endpoint: DatabaseURL.PostgresEndpoint, defaults: ConnectionLimits) throws(DatabaseError) {
        let parameters = endpoint.parameters
        limits = defaults.overridden(by: parameters)
        var core = PostgresConnection.Configuration(
            host: endpoint.host,
            port: endpoint.port,
            username: endpoint.user,
            password: endpoint.password,
            database: endpoint.database,
            tls: try Self.tls(for: parameters)
        )
        core.options.connectTimeout = .seconds(Int64(limits.connectTimeout))
        if let name = parameters.applicationName {
            core.options.additionalStartupParameters.append(("application_name", name))
        }
        if let options = parameters.options {
            core.options.additionalStartupParameters.append(("options", options))
        }
        configuration = SQLPostgresConfiguration(coreConfiguration: core)
    }

    /// The FluentKit configuration. FluentKit keeps one pool per event loop, so the pool size is
    /// divided among the `loops` the handle uses (at least one connection each).
    func factory(loops: Int) -> DatabaseConfigurationFactory {
        .postgres(
            configuration: configuration,
            maxConnectionsPerEventLoop: max(1, limits.poolSize / max(1, loops)),
            connectionPoolTimeout: .seconds(Int64(limits.poolTimeout)),
            sqlLogLevel: .debug
        )
    }

    /// libpq's `sslmode` as a postgres-nio TLS policy.
    ///
    /// `prefer` and `allow` try TLS without checking the certificate and fall back to plain text;
    /// `require` insists on TLS without checking it (or checks the chain, as libpq does, when
    /// `sslrootcert` is given); `verify-ca` checks the chain; `verify-full` checks the chain and
    /// the host name. Without `sslrootcert` the system's trusted roots are used.
    static func tls(for parameters: PostgresParameters) throws(DatabaseError) -> PostgresConnection.Configuration.TLS {
        if let rootCert = parameters.sslRootCert, !FileManager.default.isReadableFile(atPath: rootCert) {
            throw DatabaseError(.tls, "sslrootcert file not found or not readable: \(rootCert)")
        }
        let verification: CertificateVerification
        let enforced: Bool
        switch parameters.sslMode {
        case .disable:
            return .disable
        case .allow, .prefer:
            (verification, enforced) = (.none, false)
        case .require:
            (verification, enforced) = (parameters.sslRootCert == nil ? .none : .noHostnameVerification, true)
        case .verifyCA:
            (verification, enforced) = (.noHostnameVerification, true)
        case .verifyFull:
            (verification, enforced) = (.fullVerification, true)
        }
        do {
            let context = try TLSContextCache.context(for: .init(verification: verification, rootCertificate: parameters.sslRootCert))
            return enforced ? .require(context) : .prefer(context)
        } catch {
            throw DatabaseError(.tls, "cannot set up TLS: \(DatabaseError.oneLine(String(describing: error)))")
        }
    }
}
