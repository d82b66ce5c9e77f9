import Foundation
import PersistTestSupport
import Testing

/// Run through scripts/test, the PostgreSQL half of the suite must run, never skip silently.
@Test func postgresIsPresentWhenRequired() throws {
    let environment = ProcessInfo.processInfo.environment
    if environment[TestBackend.requireVariable] == "1" {
        #expect(environment[TestBackend.postgresVariable] != nil)
        #expect(TestBackend.available.contains(.postgresql))
    }
}
