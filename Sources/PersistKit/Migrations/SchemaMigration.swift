import SQLKit

/// One versioned step of a schema, applied and reverted with SQL that works on SQLite and
/// PostgreSQL alike.
///
/// A migration's ``name`` is its identity in the database: choose it once (`M0003_CreateNotes`)
/// and never change it, nor the migration's body, after it has been released: the migrator
/// records a checksum of the statements it ran and refuses a database whose migration differs.
/// Inside, write table and column names as plain strings, not model constants, so that later
/// model changes cannot rewrite history.
public protocol SchemaMigration: Sendable {
    /// The stable name recorded when the migration is applied.
    var name: String { get }
    /// Changes the schema forward.
    func prepare(on database: any SQLDatabase) async throws
    /// Undoes ``prepare(on:)``.
    func revert(on database: any SQLDatabase) async throws
    /// The data ``revert(on:)`` destroys; a revert that would destroy rows is refused unless forced.
    var revertLoses: [RevertLoss] { get }
    /// Rules of ``MigrationLint`` this migration breaks on purpose: `[.dropOrRename]` for the
    /// contract step of an expand/contract change, once no running release reads what it drops.
    var lintExceptions: Set<MigrationLint.Rule> { get }
}

/// Data a migration's revert destroys: every row of a table it drops, or the values of a column.
public struct RevertLoss: Sendable, Equatable {
    /// The table dropped, or holding the column dropped, or whose rows are deleted.
    public let table: String
    /// The column dropped; `nil` when the whole table goes.
    public let column: String?
    /// For rows deleted with others: the column of ``table`` that points at them, and the table
    /// and column of the rows whose non-null values go (see ``rows(of:whose:pointsAt:with:)``).
    public let reference: Reference?

    /// Rows of one table that a revert deletes because of the rows they point at.
    public struct Reference: Sendable, Equatable {
        /// The column of ``RevertLoss/table`` holding the other table's id.
        public let column: String
        /// The table pointed at.
        public let parent: String
        /// The parent's column whose non-null values mark the rows that go.
        public let parentColumn: String
    }

    /// The rows of `table` (the whole table is dropped).
    public static func table(_ table: String) -> RevertLoss { RevertLoss(table: table, column: nil, reference: nil) }

    /// The non-null values of `column` in `table` (the column is dropped).
    public static func column(_ column: String, of table: String) -> RevertLoss { RevertLoss(table: table, column: column, reference: nil) }

    /// The rows of `table` whose `column` points at a row of `parent` with a non-null
    /// `parentColumn`: deleted with those rows (children that go with their parents).
    public static func rows(of table: String, whose column: String, pointsAt parent: String, with parentColumn: String) -> RevertLoss {
        RevertLoss(table: table, column: nil, reference: Reference(column: column, parent: parent, parentColumn: parentColumn))
    }
}

extension SchemaMigration {
    /// What ``SchemaMigration/revert(on:)`` destroys; by default nothing (an index, say).
    public var revertLoses: [RevertLoss] { [] }

    /// By default a migration breaks no rule on purpose.
    public var lintExceptions: Set<MigrationLint.Rule> { [] }
}
