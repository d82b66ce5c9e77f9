import Foundation

/// Rules for changing a live PostgreSQL schema that applications keep using while it changes,
/// checked on the statements pending migrations render for PostgreSQL.
///
/// Tables created earlier in the same batch are new and empty, so nothing done to them is
/// flagged. A migration can break a rule on purpose (``SchemaMigration/lintExceptions``).
public enum MigrationLint {
    /// One rule.
    public enum Rule: String, Sendable, Hashable, Codable, CaseIterable {
        /// A `NOT NULL` column added to an existing table without a default: fails on a table
        /// with rows, and takes an exclusive lock.
        case notNullWithoutDefault = "not-null-without-default"
        /// An index built without `CONCURRENTLY` on a large table: writes wait for the whole build.
        case indexWithoutConcurrently = "index-without-concurrently"
        /// A table or column dropped or renamed: the release still running reads it (expand first,
        /// contract in a later release).
        case dropOrRename = "drop-or-rename"
        /// Statements that lock an existing table without `lock_timeout`: queued behind a long
        /// query, they stall every query of that table behind them.
        case noLockTimeout = "no-lock-timeout"
    }

    /// A rule a migration breaks, and what to do instead.
    public struct Finding: Sendable, Equatable, Codable, CustomStringConvertible {
        /// The rule.
        public let rule: Rule
        /// The migration that breaks it.
        public let migration: String
        /// What it does and what to do instead, in one sentence.
        public let message: String

        /// `"M0010_AddNotes: … [not-null-without-default]"`.
        public var description: String { "\(migration): \(message) [\(rule.rawValue)]" }
    }

    /// The findings for `steps` (each migration with its PostgreSQL statements, in order).
    ///
    /// - Parameters:
    ///   - rows: how many rows an existing table has, up to `largeTableRows` (`nil` when the
    ///     table does not exist).
    ///   - lockTimeout: the `lock_timeout` the batch runs with, if any.
    ///   - indexExists: whether a valid index of that name exists already on that table.
    static func findings(
        for steps: [(migration: any SchemaMigration, statements: [String])],
        lockTimeout: Int?, largeTableRows: Int, rows: (String) async throws -> Int?, indexExists: (String, String) async throws -> Bool
    ) async throws -> [Finding] {
        var created: Set<String> = [], findings: [Finding] = []
        for (migration, statements) in steps {
            var locksExisting = false
            func flag(_ rule: Rule, _ message: String) {
                if !migration.lintExceptions.contains(rule) {
                    findings.append(Finding(rule: rule, migration: migration.name, message: message))
                }
            }
            for statement in statements {
                let text = statement.trimmingCharacters(in: .whitespacesAndNewlines)
                if let match = text.firstMatch(of: Pattern.createTable) {
                    created.insert(String(match.1).lowercased())
                    continue
                }
                func existing(_ table: Substring) async throws -> Int? {
                    created.contains(table.lowercased()) ? nil : try await rows(String(table))
                }
                if let match = text.firstMatch(of: Pattern.alterTable) {
                    guard try await existing(match.1) != nil else { continue }
                    locksExisting = true
                    let table = match.1, changes = match.2
                    for add in changes.matches(of: Pattern.addColumn) {
                        let definition = add.2.uppercased()
                        if definition.contains("NOT NULL") && !definition.contains("DEFAULT") {
                            flag(.notNullWithoutDefault, "adds \(table).\(add.1) NOT NULL without a default, which fails on a table with rows; add it nullable, fill it, then set NOT NULL (or give it a default)")
                        }
                    }
                    for drop in changes.matches(of: Pattern.dropColumn) {
                        flag(.dropOrRename, "drops column \(table).\(drop.1), which the release still running may read; stop reading it in one release and drop it in the next")
                    }
                    if changes.firstMatch(of: Pattern.rename) != nil {
                        flag(.dropOrRename, "renames in \(table), which the release still running reads by its old name; add the new name alongside, move the code over, drop the old name in a later release")
                    }
                } else if let match = text.firstMatch(of: Pattern.createIndex) {
                    guard let count = try await existing(match.4) else { continue }
                    // Built beforehand (CONCURRENTLY, as advised), IF NOT EXISTS makes it a no-op.
                    if match.2 != nil, try await indexExists(String(match.3), String(match.4)) { continue }
                    if match.1 == nil {
                        locksExisting = true
                        if count >= largeTableRows {
                            let advice = match.2 != nil
                                ? "build it beforehand with CREATE INDEX CONCURRENTLY, and this migration skips it"
                                : "write the migration as CREATE INDEX IF NOT EXISTS and build the index beforehand with CREATE INDEX CONCURRENTLY, or apply it when writes can wait"
                            flag(.indexWithoutConcurrently, "builds index \(match.3) on \(match.4) (\(largeTableRows) rows or more) without CONCURRENTLY, and writes to the table wait for the whole build; \(advice)")
                        }
                    }
                } else if let match = text.firstMatch(of: Pattern.dropTable) {
                    guard try await existing(match.1) != nil else { continue }
                    locksExisting = true
                    flag(.dropOrRename, "drops table \(match.1), which the release still running may read; stop using it in one release and drop it in the next")
                }
            }
            if locksExisting && lockTimeout == nil {
                flag(.noLockTimeout, "locks an existing table with no lock_timeout, so a long query ahead of it stalls every query of the table behind it; set a lock timeout and retry when it expires")
            }
        }
        return findings
    }

    /// The indexes `statements` create, with their tables: `(index, table)`.
    static func createdIndexes(in statements: [String]) -> [(index: String, table: String)] {
        statements.compactMap { statement in
            statement.trimmingCharacters(in: .whitespacesAndNewlines).firstMatch(of: Pattern.createIndex).map { (String($0.3), String($0.4)) }
        }
    }

    /// The statement shapes SQLKit renders for PostgreSQL (identifiers quoted or not).
    private enum Pattern {
        nonisolated(unsafe) static let createTable = #/(?i)^CREATE\s+(?:TEMP(?:ORARY)?\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?"?([A-Za-z_][A-Za-z0-9_]*)"?/#
        nonisolated(unsafe) static let alterTable = #/(?i)^ALTER\s+TABLE\s+(?:ONLY\s+)?(?:IF\s+EXISTS\s+)?"?([A-Za-z_][A-Za-z0-9_]*)"?\s+(.*)$/#.dotMatchesNewlines()
        nonisolated(unsafe) static let addColumn = #/(?i)\bADD\s+(?:COLUMN\s+)?(?:IF\s+NOT\s+EXISTS\s+)?(?!CONSTRAINT\b)"?([A-Za-z_][A-Za-z0-9_]*)"?([^,]*)/#
        nonisolated(unsafe) static let dropColumn = #/(?i)\bDROP\s+(?:COLUMN\s+)?(?:IF\s+EXISTS\s+)?(?!(?:CONSTRAINT|NOT|DEFAULT|IDENTITY|EXPRESSION)\b)"?([A-Za-z_][A-Za-z0-9_]*)"?/#
        nonisolated(unsafe) static let rename = #/(?i)\bRENAME\b/#
        nonisolated(unsafe) static let createIndex = #/(?i)^CREATE\s+(?:UNIQUE\s+)?INDEX\s+(CONCURRENTLY\s+)?(IF\s+NOT\s+EXISTS\s+)?"?([A-Za-z_][A-Za-z0-9_]*)"?\s+ON\s+(?:ONLY\s+)?"?([A-Za-z_][A-Za-z0-9_]*)"?/#
        nonisolated(unsafe) static let dropTable = #/(?i)^DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?"?([A-Za-z_][A-Za-z0-9_]*)"?/#
    }
}
