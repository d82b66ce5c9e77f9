import FluentKit
import FluentPostgresDriver
import Foundation
import NIOCore
import NIOSSL
import PostgresKit

/// How persist reaches a PostgreSQL server: TLS by libpq's `sslmode`, timeouts and pool size.
struct PostgresSettings {
    /// Connections per process unless `pool_size` or `PERSIST_POOL_SIZE` says otherwise.
    static let defaultPoolSize = 5
    /// Seconds to wait for a pooled connection unless `pool_timeout` or `PERSIST_POOL_TIMEOUT` says otherwise.
    static let defaultPoolTimeout = 10
    /// Seconds to wait for the server to answer unless `connect_timeout` says otherwise.
    static let defaultConnectTimeout = 10

    let configuration: SQLPostgresConfiguration
    let poolSize: Int
    let poolTimeout: Int

    init(endpoint: DatabaseURL.PostgresEndpoint, environment: [String: String] = ProcessInfo.processInfo.environment) throws(DatabaseError) {
        let parameters = endpoint.parameters
        var core = PostgresConnection.Configuration(
            host: endpoint.host,
            port: endpoint.port,
            username: endpoint.user,
            password: endpoint.password,
            database: endpoint.database,
            tls: try Self.tls(for: parameters)
        )
        // libpq treats connect_timeout=0 as "wait forever"; a bounded wait is kinder, so 0 means the default.
        let connectTimeout = parameters.connectTimeout.flatMap { $0 > 0 ? $0 : nil } ?? Self.defaultConnectTimeout
        core.options.connectTimeout = .seconds(Int64(connectTimeout))
        if let name = parameters.applicationName {
            core.options.additionalStartupParameters.append(("application_name", name))
        }
        if let options = parameters.options {
            core.options.additionalStartupParameters.append(("options", options))
        }
        configuration = SQLPostgresConfiguration(coreConfiguration: core)
        poolSize = parameters.poolSize ?? environment["PERSIST_POOL_SIZE"].flatMap { Int($0) } ?? Self.defaultPoolSize
        poolTimeout = parameters.poolTimeout ?? environment["PERSIST_POOL_TIMEOUT"].flatMap { Int($0) } ?? Self.defaultPoolTimeout
    }

    /// The FluentKit configuration: one event loop, so `poolSize` bounds the whole process.
    func factory() -> DatabaseConfigurationFactory {
        .postgres(
            configuration: configuration,
            maxConnectionsPerEventLoop: poolSize,
            connectionPoolTimeout: .seconds(Int64(poolTimeout)),
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
        var tls = TLSConfiguration.makeClientConfiguration()
        if let rootCert = parameters.sslRootCert {
            guard FileManager.default.isReadableFile(atPath: rootCert) else {
                throw DatabaseError(.tls, "sslrootcert file not found or not readable: \(rootCert)")
            }
            tls.trustRoots = .file(rootCert)
        }
        let enforced: Bool
        switch parameters.sslMode {
        case .disable:
            return .disable
        case .allow, .prefer:
            tls.certificateVerification = .none
            enforced = false
        case .require:
            tls.certificateVerification = parameters.sslRootCert == nil ? .none : .noHostnameVerification
            enforced = true
        case .verifyCA:
            tls.certificateVerification = .noHostnameVerification
            enforced = true
        case .verifyFull:
            tls.certificateVerification = .fullVerification
            enforced = true
        }
        do {
            let context = try NIOSSLContext(configuration: tls)
            return enforced ? .require(context) : .prefer(context)
        } catch {
            throw DatabaseError(.tls, "cannot set up TLS: \(DatabaseError.oneLine(String(describing: error)))")
        }
    }
}
