import Foundation

/// A parsed, validated database location: where persist keeps its data.
///
/// Accepts what users already have from SQLAlchemy or a Neon dashboard:
///
/// ```swift
/// let local = try DatabaseURL("sqlite:///persist.db")
/// let neon = try DatabaseURL("postgresql://alex:secret@ep-cool-1.neon.tech/app?sslmode=require")
/// print(neon.redacted) // postgresql://alex:***@ep-cool-1.neon.tech/app?sslmode=require
/// ```
///
/// The password is kept for connecting only; ``redacted`` and ``description`` never show it.
public struct DatabaseURL: Sendable, Equatable, CustomStringConvertible {
    /// Which database engine a URL points at.
    public enum Backend: String, Sendable, Equatable {
        case sqlite
        case postgresql
    }

    /// Where an SQLite database lives.
    public enum SQLiteStorage: Sendable, Equatable {
        /// A file; relative paths are resolved against the current directory when opened.
        case file(path: String)
        /// A private in-memory database that vanishes when the process ends.
        case memory
    }

    /// How to reach a PostgreSQL server, with the libpq options persist supports.
    public struct PostgresEndpoint: Sendable, Equatable {
        /// Host name or IP address; sent as TLS SNI, which Neon routes on.
        public var host: String
        /// TCP port, 5432 unless the URL names another.
        public var port: Int
        /// The role to log in as (percent-decoded).
        public var user: String
        /// The password (percent-decoded). Never printed.
        public var password: String?
        /// The database name; `nil` lets the server pick (the user's name).
        public var database: String?
        /// The supported libpq query parameters, by name, in the order given.
        public var parameters: PostgresParameters
    }

    /// The location, by backend.
    public enum Location: Sendable, Equatable {
        case sqlite(SQLiteStorage)
        case postgresql(PostgresEndpoint)
    }

    /// The parsed location.
    public let location: Location

    /// The scheme as the user wrote it, lower-cased (`postgresql+psycopg2`, `postgres`, `sqlite`).
    public let scheme: String

    /// The exact text that was parsed, password included: handed to child processes through the
    /// environment, never shown.
    let text: String

    /// The embedded default: `persist.db` in the current directory.
    public static let embeddedDefault = DatabaseURL(
        location: .sqlite(.file(path: "persist.db")), scheme: "sqlite", text: "sqlite:///persist.db"
    )

    init(location: Location, scheme: String, text: String) {
        self.location = location
        self.scheme = scheme
        self.text = text
    }

    /// The engine this URL points at.
    public var backend: Backend {
        switch location {
        case .sqlite: .sqlite
        case .postgresql: .postgresql
        }
    }

    /// The URL as text with any password replaced by `***`: safe to print and log.
    public var description: String { redacted }

    /// Parses a database URL.
    ///
    /// - Throws: ``DatabaseURLError`` naming what is wrong; its text never contains the password.
    public init(_ text: String) throws(DatabaseURLError) {
        self = try DatabaseURLParser.parse(text)
    }
}
