import Foundation
import PersistKit
import SQLKit

/// A database engine the behaviour tests run on. Every behaviour test runs on each.
public enum TestBackend: String, CaseIterable, Sendable {
    case sqlite
    case postgresql
    /// PostgreSQL through PgBouncer in transaction pooling mode.
    case pgbouncer

    /// The environment variable `scripts/test` sets to its throwaway server's URL.
    public static let postgresVariable = "PERSIST_TEST_DATABASE_URL"
    /// Set to 1 by `scripts/test`: a missing server is then a failure, not a skip.
    public static let requireVariable = "PERSIST_TEST_REQUIRE_POSTGRES"

    /// The environment variable `scripts/test` sets to its PgBouncer's URL.
    public static let pgbouncerVariable = "PERSIST_TEST_PGBOUNCER_URL"

    /// SQLite always; PostgreSQL (and PgBouncer) when a server was given or is required.
    public static var available: [TestBackend] {
        let environment = ProcessInfo.processInfo.environment
        let required = environment[requireVariable] == "1"
        var backends: [TestBackend] = [.sqlite]
        if environment[postgresVariable] != nil || required { backends.append(.postgresql) }
        if environment[pgbouncerVariable] != nil || required { backends.append(.pgbouncer) }
        return backends
    }

    /// The engine behind the backend.
    public var engine: DatabaseURL.Backend { self == .sqlite ? .sqlite : .postgresql }

    /// A URL from the environment that `scripts/test` sets.
    public static func url(from variable: String) throws -> String {
        guard let text = ProcessInfo.processInfo.environment[variable] else {
            throw TestSetupError("this test needs \(variable); run it through scripts/test")
        }
        return text
    }

    /// The admin URL of the test server.
    public static func postgresAdminURL() throws -> String {
        try url(from: postgresVariable)
    }
}


/// The test environment is not what a test needs.
public struct TestSetupError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
