import Foundation
import PersistKit
import SQLKit

/// A database engine the behaviour tests run on. Every behaviour test runs on each.
public enum TestBackend: String, CaseIterable, Sendable {
    case sqlite
    case postgresql

    /// The environment variable `scripts/test` sets to its throwaway server's URL.
    public static let postgresVariable = "PERSIST_TEST_DATABASE_URL"
    /// Set to 1 by `scripts/test`: a missing server is then a failure, not a skip.
    public static let requireVariable = "PERSIST_TEST_REQUIRE_POSTGRES"

    /// SQLite always; PostgreSQL when a server was given or is required.
    public static var available: [TestBackend] {
        let environment = ProcessInfo.processInfo.environment
        let postgres = environment[postgresVariable] != nil || environment[requireVariable] == "1"
        return postgres ? [.sqlite, .postgresql] : [.sqlite]
    }

    /// The admin URL of the test server.
    public static func postgresAdminURL() throws -> String {
        guard let text = ProcessInfo.processInfo.environment[postgresVariable] else {
            throw TestSetupError("PostgreSQL tests need \(postgresVariable); run them through scripts/test")
        }
        return text
    }
}


/// The test environment is not what a test needs.
public struct TestSetupError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
