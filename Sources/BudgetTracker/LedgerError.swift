import PersistKit

/// Why the ledger refused a request. Each case reads as one line naming the field or the record;
/// when a ledger call throws one, the database is unchanged.
public enum LedgerError: PersistFailure, Equatable {
    /// A value is malformed or out of range; `field` names it (`amount`, `date`, `email`, …).
    case invalid(field: String, reason: String)
    /// No record of this kind has that key.
    case notFound(kind: String, key: String)
    /// A record of this kind already has that key.
    case duplicate(kind: String, key: String)
    /// The category still has expenses, which share it; it cannot be deleted.
    case categoryInUse(name: String, expenses: Int)
    /// A CSV import stopped at `row` (1 is the header); nothing was written.
    case importFailed(row: Int, reason: String)
    /// The same file (by SHA-256) was imported into this database before; nothing was written.
    case alreadyImported(file: String, when: String, rows: Int)
    /// Deleting would take other records with it and nobody confirmed (`--yes`).
    case unconfirmed(what: String)
    /// Another process changed the same records at the same moment; nothing was written.
    case conflict(String)

    /// Whether this is a problem with what was typed (exit code 2) rather than with the data.
    public var isUsage: Bool {
        if case .invalid = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .invalid(let field, let reason):
            "invalid \(field): \(reason)"
        case .notFound(let kind, let key):
            "no \(kind) '\(key)'"
        case .duplicate(let kind, let key):
            "a \(kind) '\(key)' already exists"
        case .categoryInUse(let name, let expenses):
            "category '\(name)' still has \(expenses.counted("expense")) and is shared; merge it into another category, or delete its expenses first"
        case .importFailed(let row, let reason):
            row > 0 ? "import failed at row \(row): \(reason); nothing was imported" : "import failed: \(reason); nothing was imported"
        case .alreadyImported(let file, let when, let rows):
            "\(file) was already imported into this database (\(when), \(rows.counted("row"))); nothing was imported; pass --again to import it a second time"
        case .unconfirmed(let what):
            "\(what); nothing was deleted; pass --yes to confirm"
        case .conflict(let what):
            "\(what); nothing was changed; try again"
        }
    }
}
