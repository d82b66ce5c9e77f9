import Foundation
import SQLKit

/// Whether a live schema is what this program's migrations make.
public struct SchemaCheck: Sendable, Equatable {
    /// The migrations' side of things: pending, unknown, changed.
    public let status: MigrationStatus
    /// How the live schema differs from what its applied migrations make.
    public let drift: [SchemaDrift]

    /// Nothing pending, unknown or changed, and no drift.
    public var agrees: Bool { status.isCurrent && drift.isEmpty }

    /// One line per problem, empty when the schema agrees.
    public var problems: [String] {
        var lines: [String] = []
        if !status.pending.isEmpty { lines.append("\(status.pending.count.counted("migration")) pending: \(status.pending.joined(separator: ", "))") }
        if !status.unknown.isEmpty { lines.append("applied by a newer program: \(status.unknown.joined(separator: ", "))") }
        if !status.changed.isEmpty { lines.append("changed since applied: \(status.changed.joined(separator: ", "))") }
        // Names come from the database: one printable line each.
        return (lines + drift.map(\.description)).map { PrintableText.oneLine($0) }
    }

    /// What is wrong, counted by kind: "9 migrations pending", "2 differences".
    public var summary: String {
        var parts: [String] = []
        if !status.pending.isEmpty { parts.append("\(status.pending.count.counted("migration")) pending") }
        if !status.unknown.isEmpty { parts.append("\(status.unknown.count.counted("migration")) from a newer program") }
        if !status.changed.isEmpty { parts.append("\(status.changed.count.counted("migration")) changed since applied") }
        if !drift.isEmpty { parts.append("\(drift.count.counted("difference")) between the schema and the migrations") }
        return parts.isEmpty ? "the schema agrees with the migrations" : parts.joined(separator: ", ")
    }
}

extension SchemaMigrator {
    /// Compares the live schema (tables, columns, types, nullability, defaults, indexes,
    /// constraints) with what the applied migrations make, built beside it and thrown away: on
    /// PostgreSQL in a new schema inside a transaction that is rolled back, on SQLite in a
    /// temporary file. The bookkeeping table and ``sharedTables`` are left out.
    public func check(on handle: DatabaseHandle) async throws -> SchemaCheck {
        let backend = handle.url.backend
        let excluded = sharedTables.union([Self.table])
        switch backend {
        case .postgresql:
            return try await handle.probe { database in
                let sql = database as! any SQLDatabase
                // After a running migrator or revert (never halfway through one), and without the
                // failed read of a missing table that would abort the transaction.
                try await lock(sql)
                let applied = try await sql.tableExists(Self.table) ? try await appliedMigrations(on: sql) : []
                let status = try await status(of: applied, on: backend)
                let live = try await SchemaSnapshot.read(on: sql, excluding: excluded)
                let scratch = "persist_check_\(UUID().uuidString.prefix(8).lowercased())"
                try await sql.raw("CREATE SCHEMA \(ident: scratch)").run()
                try await sql.raw("SET LOCAL search_path TO \(ident: scratch)").run()
                for migration in appliedInOrder(applied) { try await migration.prepare(on: sql) }
                let expected = try await SchemaSnapshot.read(on: sql, schema: scratch, excluding: excluded)
                return SchemaCheck(status: status, drift: live.drift(from: expected))
            }
        case .sqlite:
            // One snapshot: the records and the schema as one committed batch left them.
            let (applied, live) = try await handle.readSnapshot { database in
                let sql = database as! any SQLDatabase
                return (try await appliedMigrations(on: sql), try await SchemaSnapshot.read(on: sql, excluding: excluded))
            }
            let status = try await status(of: applied, on: backend)
            let folder = try PrivateFolder.make("persist-check")
            defer { PrivateFolder.remove(folder) }
            let expected = try await DatabaseHandle.withOpen(try DatabaseURL("sqlite:///" + folder.appendingPathComponent("expected.db").path)) { scratch in
                try await scratch.transaction { database in
                    let sql = database as! any SQLDatabase
                    for migration in appliedInOrder(applied) { try await migration.prepare(on: sql) }
                    return try await SchemaSnapshot.read(on: sql, excluding: excluded)
                }
            }
            return SchemaCheck(status: status, drift: live.drift(from: expected))
        }
    }

    /// This program's migrations that `applied` holds, in the code's order (the order they ran).
    private func appliedInOrder(_ applied: [MigrationStatus.Applied]) -> [any SchemaMigration] {
        let names = Set(applied.map(\.name))
        return migrations.filter { names.contains($0.name) }
    }
}
