import Foundation

/// Where the database URL in use came from: the one rule every persist command follows.
///
/// In order: the `--database-url` flag, the `DATABASE_URL` environment variable, a `DATABASE_URL=`
/// line in `.env` in the current directory, and finally the embedded default `sqlite:///persist.db`.
public enum DatabaseURLSource: Sendable, Equatable, CustomStringConvertible {
    case flag
    case environment
    case dotEnvFile(path: String)
    case embeddedDefault
    /// `DIRECT_URL` (environment or `.env`): the direct, unpooled endpoint, used for migrations.
    case directURL

    /// The environment variable that names the database.
    public static let variable = "DATABASE_URL"
    /// The environment variable that names the direct (unpooled) endpoint for migrations.
    public static let directVariable = "DIRECT_URL"

    public var description: String {
        switch self {
        case .flag: "--database-url"
        case .environment: "the \(Self.variable) environment variable"
        case .dotEnvFile(let path): "\(Self.variable) in \(path)"
        case .embeddedDefault: "the embedded default"
        case .directURL: Self.directVariable
        }
    }
}

/// What a URL is wanted for.
public enum DatabasePurpose: Sendable {
    /// Everyday work: `DATABASE_URL` (a pooled endpoint is fine).
    case work
    /// Schema changes: `DIRECT_URL` when set, since a transaction-mode pooler (Neon's, PgBouncer)
    /// is no place for migrations; otherwise as for work.
    case migrations
}

/// A database URL together with where it was found.
public struct ResolvedDatabaseURL: Sendable, Equatable {
    /// The parsed URL.
    public let url: DatabaseURL
    /// Where it came from, for messages such as "bad URL in .env".
    public let source: DatabaseURLSource

    /// Applies the one rule: flag, then environment, then `.env`, then the embedded default.
    ///
    /// - Parameters:
    ///   - flag: the value of `--database-url`, if given.
    ///   - environment: the process environment (a parameter so tests can pass their own).
    ///   - directory: the folder whose `.env` file is read.
    /// - Throws: ``DatabaseURLError`` when the chosen text is not a usable URL (the message says
    ///   where the text came from) or `.env` cannot be read.
    ///   - purpose: `.migrations` prefers `DIRECT_URL` (environment, then `.env`) over everything
    ///     but the flag.
    public static func resolve(
        flag: String?,
        purpose: DatabasePurpose = .work,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        directory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) throws(DatabaseURLError) -> ResolvedDatabaseURL {
        if let flag {
            return try ResolvedDatabaseURL(text: flag, source: .flag)
        }
        let dotEnv = directory.appendingPathComponent(".env")
        if purpose == .migrations {
            if let value = try environmentValue(DatabaseURLSource.directVariable, in: environment) {
                return try ResolvedDatabaseURL(text: value, source: .directURL)
            }
            if let value = try DotEnvFile.value(of: DatabaseURLSource.directVariable, in: dotEnv) {
                return try ResolvedDatabaseURL(text: value, source: .directURL)
            }
        }
        if let value = try environmentValue(DatabaseURLSource.variable, in: environment) {
            return try ResolvedDatabaseURL(text: value, source: .environment)
        }
        if let value = try DotEnvFile.value(of: DatabaseURLSource.variable, in: dotEnv) {
            return try ResolvedDatabaseURL(text: value, source: .dotEnvFile(path: ".env"))
        }
        return ResolvedDatabaseURL(url: .embeddedDefault, source: .embeddedDefault)
    }

    /// `variable`'s value, or nil when it is not set.
    ///
    /// - Throws: when it is set but empty, as an unresolved CI secret is: falling back to the next
    ///   source would silently use another database.
    private static func environmentValue(_ variable: String, in environment: [String: String]) throws(DatabaseURLError) -> String? {
        guard let value = environment[variable] else { return nil }
        guard !value.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw DatabaseURLError(.malformed, "the \(variable) environment variable is set but empty; give it a URL, or unset it")
        }
        return value
    }

    /// Pairs a known URL with its source.
    public init(url: DatabaseURL, source: DatabaseURLSource) {
        self.url = url
        self.source = source
    }

    private init(text: String, source: DatabaseURLSource) throws(DatabaseURLError) {
        do {
            self.init(url: try DatabaseURL(text), source: source)
        } catch {
            throw DatabaseURLError(error.code, "\(error.description) [from \(source)]")
        }
    }
}
