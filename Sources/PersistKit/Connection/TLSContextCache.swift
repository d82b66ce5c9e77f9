import NIOConcurrencyHelpers
import NIOSSL

/// TLS contexts are costly to build (trust roots are read and parsed), so persist builds each
/// distinct one once per process and shares it between handles and connections.
enum TLSContextCache {
    struct Key: Hashable {
        let verification: CertificateVerification
        let rootCertificate: String?
    }

    private static let contexts = NIOLockedValueBox<[Key: NIOSSLContext]>([:])

    /// The shared context for this verification policy and root certificate file.
    static func context(for key: Key) throws -> NIOSSLContext {
        try contexts.withLockedValue { contexts in
            if let context = contexts[key] { return context }
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.certificateVerification = key.verification
            if let rootCertificate = key.rootCertificate { configuration.trustRoots = .file(rootCertificate) }
            let context = try NIOSSLContext(configuration: configuration)
            contexts[key] = context
            return context
        }
    }
}
