import ArgumentParser
import BudgetTracker

extension Persist {
    /// `persist seed`: the chapter's sample data.
    struct SeedCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "seed",
            abstract: "Load the sample data once (skipped when any user exists).",
            discussion: "Example:\n  persist seed\n  persist report monthly --user alice@example.com --month 2024-01"
        )
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let seeded = try await database.withLedger { try await $0.seedSampleData() }
            print(seeded ? "Seeded alice@example.com with 4 categories and 4 expenses" : "Skipped: the database already has users")
        }
    }
}
