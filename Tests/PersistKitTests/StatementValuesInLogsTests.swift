import Foundation
import Logging
import NIOConcurrencyHelpers
import PersistKit
import PersistTestSupport
import SQLKit
import Testing

/// At debug level the drivers log every statement. Its values (e-mail addresses, amounts,
/// password and token hashes) must not reach the log; the SQL may.
@Suite("Statement values in logs")
struct StatementValuesInLogsTests {
    /// Keeps every line logged to it, with its metadata, as text.
    struct CapturingLogHandler: LogHandler {
        let lines: NIOLockedValueBox<[String]>
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        func log(event: LogEvent) {
            let fields = (event.metadata ?? [:]).map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " ")
            lines.withLockedValue { $0.append("\(event.message) \(fields)") }
        }

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
    }

    @Test("debug logs show the statements, never their values", arguments: TestBackend.available)
    func valuesHidden(backend: TestBackend) async throws {
        let lines = NIOLockedValueBox<[String]>([])
        var logger = Logger(label: "test") { _ in CapturingLogHandler(lines: lines) }
        logger.logLevel = .trace
        try await ScratchDatabase.with(backend) { scratch in
            try await DatabaseHandle.withOpen(try scratch.url, logger: logger) { handle in
                try await handle.transaction { database in
                    let sql = database as! any SQLDatabase
                    try await sql.raw("CREATE TABLE secrets (name TEXT)").run()
                    try await sql.raw("INSERT INTO secrets (name) VALUES (\(bind: "hunter2-secret"))").run()
                }
                _ = try await handle.read { try await ($0 as! any SQLDatabase).raw("SELECT name FROM secrets WHERE name = \(bind: "other-secret")").all() }
            }
        }
        let logged = lines.withLockedValue { $0 }
        #expect(logged.contains { $0.contains("INSERT INTO secrets") }, "the statements were not logged at all: \(logged.suffix(5))")
        #expect(!logged.contains { $0.contains("hunter2-secret") || $0.contains("other-secret") }, "\(logged.filter { $0.contains("secret") })")
    }
}
