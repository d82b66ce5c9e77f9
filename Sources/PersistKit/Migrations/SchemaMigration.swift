import SQLKit

/// One versioned step of a schema, applied and reverted with SQL that works on SQLite and
/// PostgreSQL alike.
///
/// A migration's ``name`` is its identity in the database: choose it once (`M0003_CreateExpenses`)
/// and never change it, nor the migration's body, after it has been released. Inside, write table
/// and column names as plain strings, not model constants, so that later model changes cannot
/// rewrite history.
public protocol SchemaMigration: Sendable {
    /// The stable name recorded when the migration is applied.
    var name: String { get }
    /// Changes the schema forward.
    func prepare(on database: any SQLDatabase) async throws
    /// Undoes ``prepare(on:)``.
    func revert(on database: any SQLDatabase) async throws
}
