import FluentKit
import FluentSQL
import PersistKit

extension Ledger {
    /// Adds a category, coloured `color` or, when nil, by ``Category/color(for:)``.
    ///
    /// - Throws: ``LedgerError/invalid(field:reason:)`` for a bad name or colour,
    ///   ``LedgerError/duplicate(kind:key:)`` when the name is taken.
    @discardableResult
    public func addCategory(name: String, color: String? = nil) async throws -> CategoryRecord {
        try await addCategory(name: name, color: color, alsoIn: { _, _ in })
    }

    /// ``addCategory(name:color:)``, running `alsoIn` with the new id in the same transaction.
    @discardableResult
    func addCategory(
        name: String, color: String? = nil, owner: Int? = nil, alsoIn: @escaping @Sendable (any Database, Int) async throws -> Void
    ) async throws -> CategoryRecord {
        let name = try Validation.category(name)
        let color = try Validation.color(color ?? Category.color(for: name))
        do {
            return try await handle.transaction { database in
                // Made inside the unit, as in ``addUser(email:name:alsoIn:)``.
                let category = Category(name: name, color: color, owner: owner)
                try await CategoryNames.claim(name, owner: owner, on: database)
                try await category.create(on: database)
                try await alsoIn(database, category.id!)
                return CategoryRecord(category)
            }
        } catch where Self.isConstraintFailure(error) {
            throw LedgerError.duplicate(kind: "category", key: name)
        }
    }

    /// Every shared category, by name (users' own categories are theirs: see ``UserLedger``).
    public func categories() async throws -> [CategoryRecord] {
        try await handle.read { try await Category.query(on: $0).filter(\.$ownerID == nil).sort(\.$name).all().map(CategoryRecord.init) }
    }

    /// Changes a category's colour.
    ///
    /// - Throws: ``LedgerError/notFound(kind:key:)`` for an unknown name.
    public func recolorCategory(name: String, to color: String) async throws -> CategoryRecord {
        let color = try Validation.color(color)
        return try await handle.transaction { database in
            let category = try await Self.category(name: name, on: database)
            category.color = color
            try await category.save(on: database)
            return CategoryRecord(category)
        }
    }

    /// Deletes a category that no expense uses.
    ///
    /// - Throws: ``LedgerError/categoryInUse(name:expenses:)`` when expenses still use it (categories
    ///   are shared between users), ``LedgerError/notFound(kind:key:)`` for an unknown name.
    public func deleteCategory(name: String) async throws {
        let name = try Validation.category(name)
        do {
            try await handle.transaction { database in
                let category = try await Self.category(name: name, on: database)
                let expenses = try await Expense.query(on: database).filter(\.$category.$id == category.id!).count()
                guard expenses == 0 else { throw LedgerError.categoryInUse(name: name, expenses: expenses) }
                try await Self.refuseIfBudgeted(category, on: database)
                try await category.delete(on: database)
            }
        } catch where ForeignKeyViolation.matches(error) {
            throw LedgerError.addedWhileDeleting(category: name)
        }
    }

    /// Moves every expense of category `source` into `target` and deletes `source`, in one
    /// transaction: both or neither. Categories are shared, so every user's expenses move.
    ///
    /// - Returns: how many expenses moved.
    /// - Throws: ``LedgerError/notFound(kind:key:)`` for an unknown name,
    ///   ``LedgerError/invalid(field:reason:)`` when both names are the same category.
    @discardableResult
    public func mergeCategory(_ source: String, into target: String) async throws -> Int {
        let source = try Validation.category(source)
        let target = try Validation.category(target)
        guard source != target else {
            throw LedgerError.invalid(field: "into", reason: "a category cannot be merged into itself")
        }
        do {
            return try await handle.transaction { database in
                let from = try await Self.category(name: source, on: database)
                let into = try await Self.category(name: target, on: database)
                try await Self.refuseIfBudgeted(from, on: database)
                // The rows the update changed, as it changed them (not a count taken before it).
                let moved = try await (database as! any SQLDatabase).raw("""
                    UPDATE \(ident: Expense.schema) SET category_id = \(bind: into.id!) WHERE category_id = \(bind: from.id!) RETURNING id
                    """).all().count
                try await from.delete(on: database)
                return moved
            }
        } catch where Self.isConstraintFailure(error) {
            // Another process filed an expense under `source`, or deleted `target`, meanwhile.
            throw LedgerError.conflict("'\(source)' or '\(target)' changed while they were being merged")
        }
    }

    /// The category with this name, as ``Validation/category(_:)`` normalises it, among those
    /// `user` sees: the shared ones and, for a user, their own (``CategoryNames`` keeps the
    /// name unambiguous). With `user` `nil`, shared categories only.
    /// With `anyOwner`, any category of that name (for an operator's listing of every user's
    /// expenses).
    static func category(name: String, visibleTo user: Int? = nil, anyOwner: Bool = false, on database: any Database) async throws -> Category {
        let name = try Validation.category(name)
        var query = Category.query(on: database).filter(\.$name == name)
        if !anyOwner {
            query = query.group(.or) { either in
                either.filter(\.$ownerID == nil)
                if let user { either.filter(\.$ownerID == user) }
            }
        }
        let found = try await query.first()
        guard let category = found else {
            throw LedgerError.notFound(kind: "category", key: name)
        }
        return category
    }
}
