import FluentKit
import SQLKit

/// The rule that keeps category names unambiguous for every user: the names one user sees (the
/// shared categories and their own) are all different.
///
/// Two unique indexes keep names unique among the shared categories and within each user's own
/// (``M0010_OwnCategories``). That no user's own name equals a shared one spans rows, which no
/// index can say, so every new category is written through ``claim(_:owner:on:)``: under one
/// lock (PostgreSQL: a transaction-level advisory lock, which PgBouncer's transaction mode keeps;
/// SQLite: the write lock every transaction already takes), the name is checked and then inserted.
enum CategoryNames {
    /// Takes the lock and checks that `name` is free for a new category of `owner` (`nil`:
    /// shared), inside the transaction that will insert it.
    ///
    /// - Throws: ``LedgerError/duplicate(kind:key:)`` when the owner already sees a category of
    ///   that name, or (for a shared one) when a user has one of their own by that name.
    static func claim(_ name: String, owner: Int?, on database: any Database) async throws {
        try await lock(on: database)
        let clash = try await Category.query(on: database).filter(\.$name == name).group(.or) { either in
            either.filter(\.$ownerID == nil)
            if let owner { either.filter(\.$ownerID == owner) } else { either.filter(\.$ownerID != nil) }
        }.all()
        guard !clash.isEmpty else { return }
        // For a shared name, the clash may be a user's own category: it exists all the same
        // (retrying cannot help; another name can).
        throw LedgerError.duplicate(kind: "category", key: name)
    }

    /// The id of the category named `name` that `owner` (`nil`: everyone) sees, made first (with
    /// ``Category/color(for:)``) when there is none; `created` says which. Safe when several
    /// imports make the same category at once: the later one finds the earlier one's.
    static func findOrCreate(_ name: String, owner: Int?, on database: any Database) async throws -> (id: Int, created: Bool) {
        try await lock(on: database)
        let seen = try await Category.query(on: database).filter(\.$name == name).group(.or) { either in
            either.filter(\.$ownerID == nil)
            if let owner { either.filter(\.$ownerID == owner) }
        }.first()
        if let seen { return (seen.id!, false) }
        try await claim(name, owner: owner, on: database)
        let category = Category(name: name, color: Category.color(for: name), owner: owner)
        try await category.create(on: database)
        return (category.id!, true)
    }

    /// Serialises every category insert on PostgreSQL until the transaction ends (SQLite's
    /// transactions already hold the write lock).
    private static func lock(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        if sql.dialect.name != "sqlite" {
            try await sql.raw("SELECT pg_advisory_xact_lock(hashtext('persist.category_names'))").run()
        }
    }
}
