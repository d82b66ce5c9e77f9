import FluentKit
import PersistKit

/// The budget tracker's operations over an open database: users, categories, expenses, imports,
/// reports and transfers.
///
/// Every call either completes or changes nothing: multi-row writes run in one transaction that
/// is rolled back on any failure, and bad input is refused (as ``LedgerError``) before anything
/// is written.
///
/// ```swift
/// try await DatabaseHandle.withOpen(url) { handle in
///     try await BudgetMigrations.migrator.ensureCurrent(on: handle)
///     let ledger = Ledger(handle)
///     let report = try await ledger.monthlyReport(user: "alice@example.com", month: Month(parsing: "2024-01"))
/// }
/// ```
public struct Ledger: Sendable {
    /// The database the ledger works on.
    public let handle: DatabaseHandle

    /// A ledger over an open database whose schema is current.
    public init(_ handle: DatabaseHandle) {
        self.handle = handle
    }

    /// Whether a driver error is a constraint violation (unique, foreign key, check).
    static func isConstraintFailure(_ error: any Error) -> Bool {
        (error as? any FluentKit.DatabaseError)?.isConstraintFailure == true
    }
}
