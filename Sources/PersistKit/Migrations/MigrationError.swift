/// Why the schema cannot be used or changed as asked: one line for a person, a ``code``, and the
/// migrations or data concerned.
public struct MigrationError: PersistFailure, Equatable {
    /// What kind of refusal it is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's name, stable across versions.
        public let description: String
        private init(_ name: String) { description = name }

        /// The database needs migrations that are not applied automatically (PostgreSQL).
        public static let pending = Code("pending")
        /// The database was migrated by a newer program: refused for changes.
        public static let newerDatabase = Code("newerDatabase")
        /// An applied migration's statements differ from this program's (its checksum).
        public static let changedMigration = Code("changedMigration")
        /// The named migration is not applied, or not one of this program's.
        public static let notApplied = Code("notApplied")
        /// The bookkeeping table holds a row this program cannot read or continue from.
        public static let unreadableRecord = Code("unreadableRecord")
        /// Something a pending migration would create exists already, and is not what it would make.
        public static let conflictingObject = Code("conflictingObject")
        /// Reverting would destroy rows; refused unless forced.
        public static let revertWouldLoseData = Code("revertWouldLoseData")
        /// A pending migration breaks a rule for changing a live PostgreSQL schema, and the
        /// migrator was asked to be strict.
        public static let lint = Code("lint")
    }

    /// What kind of refusal it is.
    public let code: Code

    /// Names and versions read from the database, as they may appear in one line.
    private static func shown(_ names: [String]) -> String {
        names.map { PrintableText.oneLine($0, limit: 100) }.joined(separator: ", ")
    }
    /// The migrations concerned (pending, unknown, changed), what a revert would destroy
    /// (`"notes: 12 rows"`), or the lint findings.
    public let items: [String]
    /// One line for a person.
    public let description: String

    /// The database needs these migrations, which are not applied automatically.
    public static func pending(names: [String]) -> MigrationError {
        MigrationError(code: .pending, items: names, description: "the database schema is not current: \(names.count.counted("migration")) pending (\(names.joined(separator: ", "))); apply them first")
    }

    /// The database has migrations this program does not know (`names`), applied by `programs`
    /// (`nil` when one of them is this very version: a build with other migrations).
    public static func newerDatabase(names: [String], programs: [String]?) -> MigrationError {
        let need: String
        switch programs {
        case let programs? where !programs.isEmpty: need = "\(shown(programs)) or later"
        case .some: need = "a newer version of the program"
        case nil: need = "the build that applied them"
        }
        return MigrationError(
            code: .newerDatabase, items: names,
            description: "the database was migrated by a newer program: it has \(shown(names)), which this version does not know; changes need \(need) (reading still works)"
        )
    }

    /// Applied migrations whose statements are no longer this program's.
    public static func changedMigrations(_ names: [String]) -> MigrationError {
        MigrationError(
            code: .changedMigration, items: names,
            description: "migration \(shown(names)) was changed after it was applied (its checksum differs from the one recorded); restore it as it was released, or, if the new version makes the same schema, repair the recorded checksum"
        )
    }

    /// `name` is not an applied migration of this program's.
    public static func notApplied(_ name: String, applied: [String]) -> MigrationError {
        let known = applied.isEmpty ? "none is applied" : "applied: \(shown(applied))"
        return MigrationError(code: .notApplied, items: [name], description: "migration \(shown([name])) is not an applied migration of this program (\(known))")
    }

    /// `name` is not one of this program's migrations.
    public static func notOurs(_ name: String, first: String?, last: String?) -> MigrationError {
        let range = first.map { "its migrations run from \($0) to \(last ?? $0)" } ?? "it has no migrations"
        return MigrationError(code: .notApplied, items: [name], description: "migration \(shown([name])) is not one of this program's (\(range))")
    }

    /// The bookkeeping table holds something this program cannot read or continue from.
    public static func unreadableRecord(_ detail: String) -> MigrationError {
        MigrationError(code: .unreadableRecord, items: [], description: "the migrations table persist_migrations \(detail); nothing was changed")
    }

    /// Index `index`, which `migration` creates if it does not exist, exists already but is not usable
    /// as it stands (`problem`).
    public static func conflictingIndex(_ index: String, of migration: String, problem: String) -> MigrationError {
        MigrationError(
            code: .conflictingObject, items: [index],
            description: "index \(shown([index])), which \(migration) creates, exists already but \(problem); nothing was applied"
        )
    }

    /// Reverting would destroy these rows (`"notes: 12 rows"`); refused unless forced.
    public static func revertWouldLoseData(_ losses: [String]) -> MigrationError {
        MigrationError(code: .revertWouldLoseData, items: losses, description: "reverting would delete data (\(losses.joined(separator: ", "))); nothing was reverted; force the revert to lose it")
    }

    /// Pending migrations break these rules; nothing was applied.
    public static func lint(_ findings: [MigrationLint.Finding]) -> MigrationError {
        MigrationError(
            code: .lint, items: findings.map(\.description),
            description: "\(findings.count.counted("lint finding")) in the pending migrations, and strict mode is on; nothing was applied: \(findings.map(\.description).joined(separator: "; "))"
        )
    }
}
