import Foundation

/// Turns URL text into a ``DatabaseURL``; every failure is a ``DatabaseURLError``.
enum DatabaseURLParser {
    static let accepted = "expected sqlite:///path.db, sqlite:///:memory: or postgresql://user@host:port/database, with user:password for a password"

    static func parse(_ raw: String) throws(DatabaseURLError) -> DatabaseURL {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let colon = text.firstIndex(of: ":"), text[colon...].hasPrefix("://") else {
            throw DatabaseURLError(.malformed, "not a database URL (\(accepted))")
        }
        let scheme = text[..<colon].lowercased()
        let base = scheme.split(separator: "+", maxSplits: 1).first.map(String.init) ?? scheme
        switch base {
        case "sqlite":
            return try parseSQLite(String(text[text.index(colon, offsetBy: 3)...]), scheme: scheme, text: text)
        case "postgresql", "postgres":
            return try parsePostgres(text, scheme: scheme)
        default:
            let shown = scheme.isEmpty ? "an empty scheme" : "'\(scheme)'"
            throw DatabaseURLError(.unsupportedScheme, "unsupported database scheme \(shown) (\(accepted))")
        }
    }

    /// `rest` is everything after `sqlite://`: an empty host, then the path after one more slash.
    private static func parseSQLite(_ rest: String, scheme: String, text: String) throws(DatabaseURLError) -> DatabaseURL {
        if rest.contains("?") {
            throw DatabaseURLError(.unknownParameter, "sqlite URLs take no query parameters")
        }
        if rest.isEmpty {
            return DatabaseURL(location: .sqlite(.memory), scheme: scheme, text: text)
        }
        guard rest.hasPrefix("/") else {
            throw DatabaseURLError(.malformed, "an sqlite URL has no host: write sqlite:///relative.db or sqlite:////absolute/path.db")
        }
        let path = String(rest.dropFirst()).removingPercentEncoding ?? String(rest.dropFirst())
        if path.isEmpty || path == ":memory:" {
            return DatabaseURL(location: .sqlite(.memory), scheme: scheme, text: text)
        }
        if path.hasSuffix("/") {
            throw DatabaseURLError(.malformed, "the sqlite URL names a folder, not a database file")
        }
        // `sqlite:///user:secret@host/app.db` is a server URL with the wrong scheme, not a file
        // name: refused, so the secret never becomes a file name shown in messages.
        if let firstSegment = path.split(separator: "/", omittingEmptySubsequences: false).first,
           let at = firstSegment.firstIndex(of: "@"), firstSegment[..<at].contains(":") {
            throw DatabaseURLError(.malformed, "an sqlite URL takes no user name or password (it names a file); for a server use postgresql://user:password@host/database")
        }
        return DatabaseURL(location: .sqlite(.file(path: path)), scheme: scheme, text: text)
    }

    private static func parsePostgres(_ text: String, scheme: String) throws(DatabaseURLError) -> DatabaseURL {
        guard let components = URLComponents(string: text) else {
            throw DatabaseURLError(.malformed, "malformed PostgreSQL URL (\(accepted)); percent-encode special characters in the user name and password")
        }
        guard let host = components.host?.removingPercentEncoding, !host.isEmpty else {
            throw DatabaseURLError(.missingHost, "the PostgreSQL URL has no host (\(accepted))")
        }
        // `percentEncoded…` then one decoding: `user` and `password` are already decoded, and
        // decoding them again would turn a password's `%41` into `A`.
        guard let user = components.percentEncodedUser?.removingPercentEncoding, !user.isEmpty else {
            throw DatabaseURLError(.missingUser, "the PostgreSQL URL has no user name (\(accepted))")
        }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else {
            throw DatabaseURLError(.malformed, "the PostgreSQL URL's port \(port) is out of range 1-65535")
        }
        var path = components.path
        if path.hasPrefix("/") { path.removeFirst() }
        if path.contains("/") {
            throw DatabaseURLError(.malformed, "the PostgreSQL URL's path must be just the database name")
        }
        let endpoint = DatabaseURL.PostgresEndpoint(
            host: host,
            port: port,
            user: user,
            password: components.percentEncodedPassword?.removingPercentEncoding,
            database: path.isEmpty ? nil : (path.removingPercentEncoding ?? path),
            parameters: try PostgresParameters(queryItems: components.queryItems ?? [])
        )
        return DatabaseURL(location: .postgresql(endpoint), scheme: scheme, text: text)
    }
}

extension PostgresParameters {
    /// Reads the query of a PostgreSQL URL, refusing names persist does not support.
    init(queryItems: [URLQueryItem]) throws(DatabaseURLError) {
        let unknown = queryItems.map(\.name).filter { !Self.supportedNames.contains($0) }
        if !unknown.isEmpty {
            let names = unknown.map { "'\($0)'" }.joined(separator: ", ")
            throw DatabaseURLError(
                .unknownParameter,
                "unknown PostgreSQL URL parameter \(names) (supported: \(Self.supportedNames.joined(separator: ", ")))"
            )
        }
        for item in queryItems {
            let value = item.value ?? ""
            items.append(Item(name: item.name, value: value))
            switch item.name {
            case "sslmode":
                sslMode = try Self.choice(value, of: SSLMode.self, for: item.name)
            case "channel_binding":
                channelBinding = try Self.choice(value, of: ChannelBinding.self, for: item.name)
                if channelBinding == .require {
                    throw DatabaseURLError(
                        .unsupportedParameter,
                        "channel_binding=require is not supported by persist's PostgreSQL driver; remove it from the URL or set channel_binding=prefer (TLS with sslmode=require or verify-full still protects the connection)"
                    )
                }
            case "sslrootcert": sslRootCert = value
            case "application_name": applicationName = value
            case "options": options = value
            case "connect_timeout": connectTimeout = try Self.count(value, for: item.name, allowZero: true)
            case "pool_size": poolSize = try Self.count(value, for: item.name, allowZero: false)
            case "pool_timeout": poolTimeout = try Self.count(value, for: item.name, allowZero: false)
            default: break
            }
        }
    }

    private static func choice<T: RawRepresentable & CaseIterable>(
        _ value: String, of: T.Type, for name: String
    ) throws(DatabaseURLError) -> T where T.RawValue == String {
        guard let choice = T(rawValue: value) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw DatabaseURLError(.invalidParameter, "invalid \(name) '\(value)' (expected one of: \(allowed))")
        }
        return choice
    }

    private static func count(_ value: String, for name: String, allowZero: Bool) throws(DatabaseURLError) -> Int {
        guard let number = Int(value), number >= (allowZero ? 0 : 1), number <= 100_000 else {
            let smallest = allowZero ? "0" : "1"
            throw DatabaseURLError(.invalidParameter, "invalid \(name) '\(value)' (expected a whole number from \(smallest) to 100000)")
        }
        return number
    }
}
