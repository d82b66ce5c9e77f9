import ArgumentParser
import BudgetTracker

extension Persist {
    /// `persist budget`: limits per category and month, and moving budget between categories.
    struct BudgetCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "budget",
            abstract: "Limits per category and month, and moving budget between them.",
            discussion: """
                `persist report budget` shows a month against its limits.

                Examples:
                  persist budget set --user alice@example.com --category Food --month 2024-01 --amount 300 --every-month
                  persist budget move --user alice@example.com --from Food --to Entertainment --amount 20 --month 2024-01
                  persist budget alerts --user alice@example.com --month 2024-01
                """,
            subcommands: [Set.self, Move.self, Alerts.self, Thresholds.self]
        )

        /// `persist budget set`.
        struct Set: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Set a category's limit for a month, or from a month on.",
                discussion: """
                    A limit holds for its month; with --every-month for each later month too, until a \
                    later --every-month setting. A setting without --every-month changes its one month \
                    only: the months after it keep the earlier every-month limit. Setting the same \
                    month again replaces it. With --rollover what a \
                    month leaves unspent is added to the next month's limit (when that one rolls over \
                    too); overspending is not carried.

                    Example:
                      persist budget set --user alice@example.com --category Food --month 2024-01 --amount 300 --every-month --rollover
                    """
            )
            @OptionGroup var database: DatabaseOptions
            @Option(help: "The user's email.") var user: String
            @Option(help: "The category.") var category: String
            @Option(help: "The month, YYYY-MM.", transform: ArgumentValue.month) var month: Month
            @Option(parsing: .unconditional, help: "The limit, 0 or more.", transform: ArgumentValue.money) var amount: Money
            @Flag(help: "Also for every later month, until a later --every-month setting.") var everyMonth = false
            @Flag(help: "Carry what a month leaves unspent into the next.") var rollover = false

            func run() async throws {
                let setting = try await database.withExistingLedger {
                    try await $0.setBudget(user: user, category: category, month: month, limit: amount, everyMonth: everyMonth, rollover: rollover)
                }
                let when = setting.everyMonth ? "every month from \(setting.month)" : "in \(setting.month)"
                print("\(setting.category): \(setting.limit) \(when)\(setting.rollover ? ", unspent budget rolling over" : "") (\(setting.user))")
            }
        }

        /// `persist budget move`.
        struct Move: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Move budget from one category's limit to another's for a month, both or neither.",
                discussion: """
                    The month's total budget is unchanged; a limit never goes below zero.

                    Example:
                      persist budget move --user alice@example.com --from Food --to Entertainment --amount 20 --month 2024-01
                    """
            )
            @OptionGroup var database: DatabaseOptions
            @Option(help: "The user's email.") var user: String
            @Option(help: "The category to take budget from.") var from: String
            @Option(help: "The category to give it to.") var to: String
            @Option(parsing: .unconditional, help: "The amount, more than 0.", transform: ArgumentValue.money) var amount: Money
            @Option(help: "The month, YYYY-MM.", transform: ArgumentValue.month) var month: Month

            func run() async throws {
                let move = try await database.withExistingLedger {
                    try await $0.moveBudget(user: user, from: from, to: to, amount: amount, month: month)
                }
                print("Moved \(move.amount) of \(move.month)'s budget from \(move.from) (now \(move.fromLimit)) to \(move.to) (now \(move.toLimit))")
            }
        }
    }
}
