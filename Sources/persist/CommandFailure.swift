import PersistKit

/// A command that cannot do its work for a reason of its own (not the database's, not the
/// ledger's): one line on standard error, exit status 1.
struct CommandFailure: PersistFailure {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
