import PersistKit

/// Why the ledger refused a request: one line naming the field or the record, and a ``code`` to
/// react to. When a ledger call throws one, the database is unchanged.
///
/// A struct with codes rather than an enum, so that a new kind of refusal is not a breaking
/// change for callers that switch over it.
public struct LedgerError: PersistFailure, Equatable {
    /// What kind of refusal it is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's name, stable across versions (`notFound`).
        public let description: String
        private init(_ name: String) { description = name }

        /// A value is malformed or out of range; ``LedgerError/subject`` names the field.
        public static let invalid = Code("invalid")
        /// No record of kind ``LedgerError/subject`` has the key ``LedgerError/key``.
        public static let notFound = Code("notFound")
        /// A record of kind ``LedgerError/subject`` already has the key ``LedgerError/key``.
        public static let duplicate = Code("duplicate")
        /// The category ``LedgerError/subject`` still has expenses; it cannot be deleted.
        public static let categoryInUse = Code("categoryInUse")
        /// The category ``LedgerError/subject`` has budgets (limits, moves or recurring
        /// expenses); it can be neither deleted nor merged away.
        public static let categoryBudgeted = Code("categoryBudgeted")
        /// A CSV import stopped at a row; nothing was written.
        public static let importFailed = Code("importFailed")
        /// The same file was imported into this database before; nothing was written.
        public static let alreadyImported = Code("alreadyImported")
        /// Deleting would take other records with it and nobody confirmed.
        public static let unconfirmed = Code("unconfirmed")
        /// Another process changed the same records at the same moment; nothing was written.
        public static let conflict = Code("conflict")
        /// The same form was sent before and its rows were added then; nothing was written now.
        public static let alreadySubmitted = Code("alreadySubmitted")
    }

    /// What kind of refusal it is.
    public let code: Code
    /// The field (``Code/invalid``), the kind of record (``Code/notFound``, ``Code/duplicate``) or
    /// the category (``Code/categoryInUse``) concerned, when there is one.
    public let subject: String?
    /// The key that was looked for or already taken (``Code/notFound``, ``Code/duplicate``).
    public let key: String?
    /// Why a value is ``Code/invalid``, without the field's name (`"'2024-13' is not a month…"`).
    public let reason: String?
    /// One line for a person.
    public let description: String

    private init(_ code: Code, subject: String? = nil, key: String? = nil, reason: String? = nil, _ description: String) {
        self.code = code
        self.subject = subject
        self.key = key
        self.reason = reason
        self.description = description
    }

    /// A value is malformed or out of range; `field` names it (`amount`, `date`, `email`, …).
    public static func invalid(field: String, reason: String) -> LedgerError {
        LedgerError(.invalid, subject: field, reason: reason, "invalid \(field): \(reason)")
    }

    /// No record of this kind has that key.
    public static func notFound(kind: String, key: String) -> LedgerError {
        LedgerError(.notFound, subject: kind, key: key, "no \(kind) '\(key)'")
    }

    /// A record of this kind already has that key.
    public static func duplicate(kind: String, key: String) -> LedgerError {
        LedgerError(.duplicate, subject: kind, key: key, "a \(kind) '\(key)' already exists")
    }

    /// The category still has expenses, which share it; it cannot be deleted.
    public static func categoryInUse(name: String, expenses: Int) -> LedgerError {
        LedgerError(.categoryInUse, subject: name, "category '\(name)' still has \(expenses.counted("expense")) and is shared; merge it into another category, or delete its expenses first")
    }

    /// A category that has limits, budget moves or recurring expenses (of any user) is neither
    /// deleted nor merged away: its limits would vanish and the moves' other categories change.
    public static func categoryBudgeted(name: String) -> LedgerError {
        LedgerError(.categoryBudgeted, subject: name, "category '\(name)' has budgets (limits, moves or recurring expenses) and cannot be deleted or merged away")
    }

    /// An expense was added to the category while it was being deleted (the database's foreign
    /// key refused the delete); the category stays.
    public static func addedWhileDeleting(category name: String) -> LedgerError {
        LedgerError(.categoryInUse, subject: name, "category '\(name)' got an expense while it was being deleted, so it was not deleted; merge it into another category, or delete its expenses first")
    }

    /// A CSV import stopped at `row` (1 is the header); nothing was written.
    public static func importFailed(row: Int, reason: String) -> LedgerError {
        LedgerError(.importFailed, row > 0 ? "import failed at row \(row): \(reason); nothing was imported" : "import failed: \(reason); nothing was imported")
    }

    /// The same file (by its fingerprint) was imported into this database before; nothing was written.
    public static func alreadyImported(file: String, when: String, rows: Int) -> LedgerError {
        LedgerError(.alreadyImported, "\(file) was already imported into this database (\(when), \(rows.counted("row"))); nothing was imported; pass --again to import it a second time")
    }

    /// Deleting would take other records with it and nobody confirmed (`--yes`).
    public static func unconfirmed(what: String) -> LedgerError {
        LedgerError(.unconfirmed, "\(what); nothing was deleted; pass --yes to confirm")
    }

    /// The same form (by its submission key) was sent before and its rows were added then;
    /// nothing was added now.
    public static func alreadySubmitted() -> LedgerError {
        LedgerError(.alreadySubmitted, "this form was already sent and saved; nothing was added again")
    }

    /// Another process changed the same records at the same moment; nothing was written.
    public static func conflict(_ what: String) -> LedgerError {
        LedgerError(.conflict, "\(what); nothing was changed; try again")
    }
}
