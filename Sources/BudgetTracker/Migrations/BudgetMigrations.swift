import PersistKit
import PersistTooling

/// The budget tracker's schema history, oldest first. Append; never edit or reorder.
public enum BudgetMigrations {
    /// Every migration, in the order it applies.
    public static let all: [any SchemaMigration] = [
        M0001_CreateUsers(),
        M0002_CreateCategories(),
        M0003_CreateExpenses(),
        M0004_AddExpenseIndexes(),
        M0005_LinkTransfers(),
        M0006_CreateImports(),
        M0007_CreateGateScratch(),
        M0008_AddExpenseDateIndex(),
        M0009_JournalGateExpenses(),
        M0010_OwnCategories(),
        M0011_CreateAccounts(),
        M0012_CoverMonthlyTotals(),
        M0013_CreateSubmissions(),
        M0014_CreateBudgets(),
        M0015_CreateBudgetAlerts(),
        M0016_CreateRecurring(),
    ]

    /// A migrator over ``all`` that records this persist's version with what it applies; the
    /// persistence proof's `markers` table shares the database.
    public static var migrator: SchemaMigrator {
        var migrator = SchemaMigrator(all, programVersion: "persist \(PersistVersion.current)")
        migrator.sharedTables = [Marker.schema]
        return migrator
    }
}
