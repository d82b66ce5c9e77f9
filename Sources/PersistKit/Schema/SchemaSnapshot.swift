import Foundation
import SQLKit

/// The shape of a schema as the database itself reports it: its tables, their columns (type,
/// nullability, default), indexes, constraints, views and triggers, each as one normalised line.
///
/// Two snapshots of databases made by the same migrations are equal; ``drift(from:)`` lists how
/// one differs from another (a column added by hand, an index dropped).
public struct SchemaSnapshot: Sendable, Equatable {
    /// Each object (`"column notes.body"`, `"index notes_title"`) and its definition.
    public let objects: [String: String]

    /// How this (the live schema) differs from `expected` (what the migrations make), sorted by object.
    public func drift(from expected: SchemaSnapshot) -> [SchemaDrift] {
        let names = Set(objects.keys).union(expected.objects.keys).sorted()
        var drift = names.compactMap { name -> SchemaDrift? in
            let actual = objects[name], wanted = expected.objects[name]
            return actual == wanted ? nil : SchemaDrift(object: name, expected: wanted, actual: actual)
        }
        // A table's whole definition (SQLite) is only news when nothing more precise explains it.
        let explained = Set(drift.filter { !$0.object.hasPrefix("definition ") }.compactMap(\.table))
        drift.removeAll { $0.object.hasPrefix("definition ") && explained.contains($0.table ?? "") }
        return drift
    }

    /// Reads the schema `sql` sees (on PostgreSQL, `schema`, by default the current one), leaving
    /// out the tables named in `excluding`.
    public static func read(on sql: any SQLDatabase, schema: String? = nil, excluding: Set<String> = []) async throws -> SchemaSnapshot {
        var objects: [String: String] = [:]
        if sql.dialect.name == "sqlite" {
            try await readSQLite(on: sql, excluding: excluding, into: &objects)
        } else {
            let name: String
            if let schema { name = schema } else {
                name = try await sql.raw("SELECT current_schema() AS name").first()!.decode(column: "name", as: String.self)
            }
            try await readPostgreSQL(on: sql, schema: name, excluding: excluding, into: &objects)
        }
        return SchemaSnapshot(objects: objects)
    }

    /// The columns of `table`, by name (empty when it does not exist).
    static func columns(of table: String, on sql: any SQLDatabase) async throws -> Set<String> {
        let query: SQLQueryString = sql.dialect.name == "sqlite"
            ? "SELECT name FROM pragma_table_info(\(bind: table))"
            : "SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = \(bind: table)"
        return Set(try await sql.raw(query).all().map { try $0.decode(column: "name", as: String.self) })
    }

    private static func readSQLite(on sql: any SQLDatabase, excluding: Set<String>, into objects: inout [String: String]) async throws {
        for row in try await sql.raw("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('view', 'trigger')").all() {
            guard !excluding.contains(try row.decode(column: "tbl_name", as: String.self)) else { continue }
            objects["\(try row.decode(column: "type", as: String.self)) \(try row.decode(column: "name", as: String.self))"] =
                normalised(try row.decode(column: "sql", as: String?.self) ?? "")
        }
        let tables = try await sql.raw("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name").all()
        for row in tables {
            let table = try row.decode(column: "name", as: String.self)
            guard !excluding.contains(table) else { continue }
            objects["table \(table)"] = "table"
            objects["definition \(table)"] = normalised(try row.decode(column: "sql", as: String?.self) ?? "")
            for column in try await sql.raw("SELECT name, type, \"notnull\" AS required, dflt_value, pk FROM pragma_table_info(\(bind: table))").all() {
                let name = try column.decode(column: "name", as: String.self)
                var definition = try column.decode(column: "type", as: String.self).uppercased()
                if try column.decode(column: "required", as: Int.self) != 0 { definition += " NOT NULL" }
                if let value = try column.decode(column: "dflt_value", as: String?.self) { definition += " DEFAULT \(value)" }
                if try column.decode(column: "pk", as: Int.self) != 0 { definition += " PRIMARY KEY" }
                objects["column \(table).\(name)"] = definition
            }
            for index in try await sql.raw("SELECT name, \"unique\" AS is_unique, partial FROM pragma_index_list(\(bind: table))").all() {
                let name = try index.decode(column: "name", as: String.self)
                // Each key column with its order and collation; a partial index with its WHERE clause.
                let columns = try await sql.raw("SELECT name, \"desc\" AS descending, coll FROM pragma_index_xinfo(\(bind: name)) WHERE key = 1 ORDER BY seqno").all()
                    .map { column -> String in
                        var text = try column.decode(column: "name", as: String?.self) ?? "(expression)"
                        if let collation = try column.decode(column: "coll", as: String?.self), collation.uppercased() != "BINARY" { text += " COLLATE \(collation.uppercased())" }
                        if try column.decode(column: "descending", as: Int.self) != 0 { text += " DESC" }
                        return text
                    }
                let unique = try index.decode(column: "is_unique", as: Int.self) != 0 ? "UNIQUE " : ""
                var definition = "\(unique)ON \(table) (\(columns.joined(separator: ", ")))"
                if try index.decode(column: "partial", as: Int.self) != 0 {
                    let text = try await sql.raw("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = \(bind: name)").first()?.decode(column: "sql", as: String?.self) ?? ""
                    let clause = normalised(text).range(of: " where ", options: [.caseInsensitive, .backwards]).map { String(normalised(text)[$0.upperBound...]) } ?? "?"
                    definition += " WHERE \(clause)"
                }
                objects["index \(name)"] = definition
            }
            for key in try await sql.raw("SELECT \"from\" AS source, \"table\" AS target, \"to\" AS target_column, on_delete FROM pragma_foreign_key_list(\(bind: table))").all() {
                let source = try key.decode(column: "source", as: String.self)
                let target = try key.decode(column: "target", as: String.self)
                let column = try key.decode(column: "target_column", as: String?.self) ?? "id"
                objects["reference \(table).\(source)"] = "REFERENCES \(target)(\(column)) ON DELETE \(try key.decode(column: "on_delete", as: String.self))"
            }
        }
    }

    private static func readPostgreSQL(on sql: any SQLDatabase, schema: String, excluding: Set<String>, into objects: inout [String: String]) async throws {
        let tables = try await sql.raw("""
            SELECT table_name AS name FROM information_schema.tables
            WHERE table_schema = \(bind: schema) AND table_type = 'BASE TABLE'
            """).all().map { try $0.decode(column: "name", as: String.self) }
        let kept = Set(tables).subtracting(excluding)
        for table in kept { objects["table \(table)"] = "table" }
        let columns = try await sql.raw("""
            SELECT table_name, column_name, data_type, character_maximum_length AS length, is_nullable, column_default, is_identity
            FROM information_schema.columns WHERE table_schema = \(bind: schema)
            """).all()
        for column in columns {
            let table = try column.decode(column: "table_name", as: String.self)
            guard kept.contains(table) else { continue }
            var definition = try column.decode(column: "data_type", as: String.self).uppercased()
            if let length = try column.decode(column: "length", as: Int?.self) { definition += "(\(length))" }
            if try column.decode(column: "is_nullable", as: String.self) == "NO" { definition += " NOT NULL" }
            if let value = try column.decode(column: "column_default", as: String?.self) { definition += " DEFAULT \(value)" }
            if try column.decode(column: "is_identity", as: String.self) == "YES" { definition += " IDENTITY" }
            objects["column \(table).\(try column.decode(column: "column_name", as: String.self))"] = definition
        }
        for view in try await sql.raw("SELECT viewname, definition FROM pg_views WHERE schemaname = \(bind: schema)").all() {
            objects["view \(try view.decode(column: "viewname", as: String.self))"] = normalised(try view.decode(column: "definition", as: String.self))
        }
        for view in try await sql.raw("SELECT matviewname, definition FROM pg_matviews WHERE schemaname = \(bind: schema)").all() {
            objects["materialized view \(try view.decode(column: "matviewname", as: String.self))"] = normalised(try view.decode(column: "definition", as: String.self))
        }
        // Row-level security (the switch and each policy), enum types, sequences not behind an identity column.
        for table in try await sql.raw("""
            SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = \(bind: schema) AND c.relkind = 'r' AND c.relrowsecurity
            """).all() {
            let name = try table.decode(column: "name", as: String.self)
            if kept.contains(name) { objects["row security \(name)"] = "enabled" }
        }
        for policy in try await sql.raw("""
            SELECT tablename, policyname, cmd, qual, with_check AS checked
            FROM pg_policies WHERE schemaname = \(bind: schema)
            """).all() {
            let table = try policy.decode(column: "tablename", as: String.self)
            guard kept.contains(table) else { continue }
            var definition = try policy.decode(column: "cmd", as: String.self)
            if let using = try policy.decode(column: "qual", as: String?.self) { definition += " USING (\(using))" }
            if let checked = try policy.decode(column: "checked", as: String?.self) { definition += " WITH CHECK (\(checked))" }
            objects["policy \(table).\(try policy.decode(column: "policyname", as: String.self))"] = definition
        }
        for type in try await sql.raw("""
            SELECT t.typname AS name, string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) AS labels
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid
            WHERE n.nspname = \(bind: schema) GROUP BY t.typname
            """).all() {
            objects["type \(try type.decode(column: "name", as: String.self))"] = "ENUM (\(try type.decode(column: "labels", as: String.self)))"
        }
        for sequence in try await sql.raw("""
            SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = \(bind: schema) AND c.relkind = 'S'
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('i', 'a'))
            """).all() {
            objects["sequence \(try sequence.decode(column: "name", as: String.self))"] = "sequence"
        }
        let triggers = try await sql.raw("""
            SELECT c.relname AS table_name, t.tgname AS name, pg_get_triggerdef(t.oid) AS definition
            FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = \(bind: schema) AND NOT t.tgisinternal
            """).all()
        for trigger in triggers {
            let definition = try trigger.decode(column: "definition", as: String.self)
                .replacingOccurrences(of: " ON \(schema).", with: " ON ").replacingOccurrences(of: " ON \"\(schema)\".", with: " ON ")
            objects["trigger \(try trigger.decode(column: "name", as: String.self))"] = definition
        }
        let indexes = try await sql.raw("""
            SELECT t.relname AS tablename, c.relname AS indexname, pg_get_indexdef(c.oid) AS indexdef, i.indisvalid AS valid
            FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = \(bind: schema)
            """).all()
        for index in indexes {
            let table = try index.decode(column: "tablename", as: String.self)
            guard kept.contains(table) else { continue }
            var definition = try index.decode(column: "indexdef", as: String.self)
                .replacingOccurrences(of: " ON \(schema).", with: " ON ")
                .replacingOccurrences(of: " ON \"\(schema)\".", with: " ON ")
            // A failed CREATE INDEX CONCURRENTLY leaves an index that writes maintain and no query uses.
            if try !index.decode(column: "valid", as: Bool.self) { definition += " (INVALID: a failed build)" }
            objects["index \(try index.decode(column: "indexname", as: String.self))"] = definition
        }
        let constraints = try await sql.raw("""
            SELECT c.relname AS table_name, k.conname AS name, pg_get_constraintdef(k.oid) AS definition
            FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = \(bind: schema)
            """).all()
        for constraint in constraints {
            let table = try constraint.decode(column: "table_name", as: String.self)
            guard kept.contains(table) else { continue }
            objects["constraint \(table).\(try constraint.decode(column: "name", as: String.self))"] = try constraint.decode(column: "definition", as: String.self)
        }
    }

    /// `text` with every run of white space made one space.
    private static func normalised(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

/// One way the live schema differs from what the migrations make.
public struct SchemaDrift: Sendable, Equatable, Codable, CustomStringConvertible {
    /// The object (`"column notes.body"`).
    public let object: String
    /// Its definition as the migrations make it; `nil` when they do not make it.
    public let expected: String?
    /// Its definition in the database; `nil` when the database lacks it.
    public let actual: String?

    /// The table the object belongs to, when it names one.
    var table: String? {
        let words = object.split(separator: " ", maxSplits: 1)
        guard words.count == 2 else { return nil }
        switch words[0] {
        case "table", "definition": return String(words[1])
        case "column", "reference", "constraint": return words[1].split(separator: ".").first.map(String.init)
        default: return nil
        }
    }

    /// One line: what is where.
    public var description: String {
        switch (expected, actual) {
        case (nil, let actual?): return "\(object): in the database (\(actual)) but not made by the migrations"
        case (let expected?, nil): return "\(object): made by the migrations (\(expected)) but missing from the database"
        case (let expected?, let actual?): return "\(object): the database has \(actual), the migrations make \(expected)"
        case (nil, nil): return "\(object): unchanged"
        }
    }
}
