import Logging
import NIOCore
import NIOPosix
import SQLKit
import PostgresKit
import SQLiteKit

/// A stand-in database that runs nothing: it renders each statement a migration issues in a
/// backend's dialect and keeps it, so a migration can be shown (`--sql`), checked against what
/// was applied (its checksum) and linted without a server. Queries return no rows.
final class SQLStatementRecorder: SQLDatabase, @unchecked Sendable {
    let dialect: any SQLDialect
    let logger = Logger(label: "persist.plan")
    /// Only for the future-based `execute`; the async one (what builders use) never touches it.
    var eventLoop: any EventLoop { MultiThreadedEventLoopGroup.singleton.any() }
    /// The statements so far, in the order issued; only touched by one migration at a time.
    private(set) var statements: [String] = []

    init(_ backend: DatabaseURL.Backend) {
        switch backend {
        case .sqlite: dialect = SQLiteDialect()
        case .postgresql: dialect = PostgresDialect()
        }
    }

    /// What the builders' `run()` calls: records the statement, with no event loop involved (every
    /// command renders the applied migrations to compare their checksums).
    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        record(query)
    }

    /// The future-based form, for callers that use it.
    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        record(query)
        return eventLoop.makeSucceededVoidFuture()
    }

    private func record(_ query: any SQLExpression) {
        let (text, binds) = serialize(query)
        statements.append(Self.inline(text, binds: binds))
    }

    /// Renders the statements `migration` issues going forward.
    static func statements(of migration: any SchemaMigration, on backend: DatabaseURL.Backend) async throws -> [String] {
        let recorder = SQLStatementRecorder(backend)
        try await migration.prepare(on: recorder)
        return recorder.statements
    }

    /// `text` with its placeholders replaced by literals, so the statement runs as printed.
    static func inline(_ text: String, binds: [any Encodable & Sendable]) -> String {
        guard !binds.isEmpty else { return text }
        let literals = binds.map(literal)
        // Both dialects number their placeholders: `$1` (PostgreSQL), `?1` (SQLite).
        return text.replacing(#/[$?]([0-9]+)/#) { match in
            guard let index = Int(match.1), literals.indices.contains(index - 1) else { return String(match.0) }
            return literals[index - 1]
        }
    }

    private static func literal(_ value: any Encodable & Sendable) -> String {
        switch value {
        case let text as String: return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
        case let number as any BinaryInteger: return "\(number)"
        case let flag as Bool: return flag ? "TRUE" : "FALSE"
        case Optional<String>.none: return "NULL"
        default: return "'" + "\(value)".replacingOccurrences(of: "'", with: "''") + "'"
        }
    }
}
