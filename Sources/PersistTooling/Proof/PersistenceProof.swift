import FluentKit
import PersistKit
import SQLKit

/// The seed's first promise: a row written by one process is there for the next.
///
/// ``write(name:to:)`` and ``readNames(from:)`` are the two halves; ``ProofRun`` runs them as two
/// separate processes.
public enum PersistenceProof {
    /// The name written when none is given.
    public static let defaultName = "persistent-check"

    /// Creates the `markers` table if missing and inserts one marker, in one transaction.
    ///
    /// - Throws: ``ProofError`` for a bad name (nothing is written); driver errors otherwise.
    public static func write(name: String, to handle: DatabaseHandle) async throws {
        try validate(name: name)
        try await handle.transaction { database in
            try await createMarkersTable(on: database as! any SQLDatabase)
            try await Marker(name: name).create(on: database)
        }
    }

    /// Every marker name, in insertion order.
    ///
    /// - Throws: ``ProofError/noMarkersTable`` when nothing was ever written.
    public static func readNames(from handle: DatabaseHandle) async throws -> [String] {
        try await handle.read { database in
            guard try await (database as! any SQLDatabase).tableExists(Marker.schema) else { throw ProofError.noMarkersTable }
            return try await Marker.query(on: database).sort(\.$id).all().map(\.name)
        }
    }

    /// Renders names the way the seed's Python script prints them: `['persistent-check']`.
    public static func listLiteral(_ names: [String]) -> String {
        "[" + names.map(PythonStringLiteral.render).joined(separator: ", ") + "]"
    }

    static func validate(name: String) throws(ProofError) {
        if name.isEmpty { throw .emptyName }
        if name.count > Marker.maximumNameLength { throw .nameTooLong(length: name.count) }
    }

    /// The same table on both backends; the length check makes SQLite enforce what PostgreSQL's
    /// VARCHAR(100) does.
    private static func createMarkersTable(on sql: any SQLDatabase) async throws {
        try await sql.create(table: Marker.schema)
            .ifNotExists()
            .column("id", type: .int, .primaryKey(autoIncrement: true))
            .column(
                "name", type: .custom(SQLRaw("VARCHAR(\(Marker.maximumNameLength))")), .notNull,
                .check(SQLRaw("length(name) <= \(Marker.maximumNameLength)"))
            )
            .run()
    }
}
