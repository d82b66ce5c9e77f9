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
    /// The most connections the process opens.
    let poolSize: Int
    /// Seconds to wait for a free pooled connection.
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
        let poolSizeSetting = try Self.setting("PERSIST_POOL_SIZE", in: environment)
        let poolTimeoutSetting = try Self.setting("PERSIST_POOL_TIMEOUT", in: environment)
        poolSize = parameters.poolSize ?? poolSizeSetting ?? Self.defaultPoolSize
        poolTimeout = parameters.poolTimeout ?? poolTimeoutSetting ?? Self.defaultPoolTimeout
        self.connectTimeout = connectTimeout
    }

    /// Seconds persist waits for the server to answer when connecting.
    let connectTimeout: Int

    /// A positive whole number from the environment, or `nil` when the variable is unset.
    private static func setting(_ name: String, in environment: [String: String]) throws(DatabaseError) -> Int? {
        guard let text = environment[name], !text.isEmpty else { return nil }
        guard let value = Int(text), value >= 1, value <= 100_000 else {
            throw DatabaseError(.invalidSetting, "\(name)='\(text)' is not a whole number from 1")
        }
        return value
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
