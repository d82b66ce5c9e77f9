import FluentKit

extension Ledger {
    /// Adds a user.
    ///
    /// - Throws: ``LedgerError/invalid(field:reason:)`` for a bad email or name,
    ///   ``LedgerError/duplicate(kind:key:)`` when the email is taken.
    @discardableResult
    public func addUser(email: String, name: String) async throws -> UserRecord {
        try await addUser(email: email, name: name, alsoIn: { _, _ in })
    }

    /// The longest name a user may have.
    static let nameLength = 100

    /// ``addUser(email:name:)``, running `alsoIn` with the new id in the same transaction.
    @discardableResult
    func addUser(email: String, name: String, alsoIn: @escaping @Sendable (any Database, Int) async throws -> Void) async throws -> UserRecord {
        let email = try Validation.email(email)
        let name = try Validation.name(name, field: "name", maximum: Self.nameLength)
        do {
            return try await handle.transaction { database in
                // Made inside the unit: a unit that starts over after a lost connection must
                // insert a new model, not one that already has the id of the rolled-back row.
                let user = User(email: email, name: name)
                try await user.create(on: database)
                try await alsoIn(database, user.id!)
                return UserRecord(user)
            }
        } catch where Self.isConstraintFailure(error) {
            throw LedgerError.duplicate(kind: "user", key: email)
        }
    }

    /// Every user, by email.
    public func users() async throws -> [UserRecord] {
        try await handle.read { try await User.query(on: $0).sort(\.$email).all().map(UserRecord.init) }
    }

    /// Changes a user's name.
    ///
    /// - Throws: ``LedgerError/notFound(kind:key:)`` for an unknown email.
    public func renameUser(email: String, to name: String) async throws -> UserRecord {
        let email = try Validation.email(email)
        let name = try Validation.name(name, field: "name", maximum: Self.nameLength)
        return try await handle.transaction { database in
            let user = try await Self.user(email: email, on: database)
            user.name = name
            try await user.save(on: database)
            return UserRecord(user)
        }
    }

    /// Deletes a user and, with them, their expenses.
    ///
    /// - Parameter confirmed: whether deleting the user's expenses too was confirmed; when `false`
    ///   a user who has expenses is refused (``LedgerError/unconfirmed(what:)``), one without is deleted.
    /// - Returns: how many expenses went with the user.
    /// - Throws: ``LedgerError/notFound(kind:key:)`` for an unknown email.
    @discardableResult
    public func deleteUser(email: String, confirmed: Bool = true) async throws -> Int {
        let email = try Validation.email(email)
        return try await handle.transaction { database in
            let user = try await Self.user(email: email, on: database)
            let expenses = try await Expense.query(on: database).filter(\.$user.$id == user.id!).count()
            if !confirmed, expenses > 0 {
                throw LedgerError.unconfirmed(what: "user \(email) has \(expenses) expense\(expenses == 1 ? "" : "s"), which would be deleted with them")
            }
            // Expenses first: the user's own categories go with the user, and a category that
            // expenses still use cannot be deleted.
            try await Expense.query(on: database).filter(\.$user.$id == user.id!).delete()
            try await user.delete(on: database)
            return expenses
        }
    }

    /// The user with this (already normalised) email.
    static func user(email: String, on database: any Database) async throws -> User {
        guard let user = try await User.query(on: database).filter(\.$email == email).first() else {
            throw LedgerError.notFound(kind: "user", key: email)
        }
        return user
    }
}
