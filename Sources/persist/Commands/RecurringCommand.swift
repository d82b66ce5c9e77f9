import ArgumentParser
import BudgetTracker

extension Persist {
    /// `persist recurring`: expenses that post themselves, once per occurrence.
    struct RecurringCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "recurring",
            abstract: "Recurring expenses: rules that `recurring run` posts once per occurrence.",
            discussion: """
                Monthly rules fall due on the first day's day of the month; in a shorter month on its \
                last day (the 31st is the 30th in April, the 28th or 29th in February), never skipped \
                and never moved into the next month. Yearly rules on the 29th of February fall on the \
                28th in other years. `recurring run` posts each occurrence once: run it twice, or from \
                two processes at once, and nothing is posted twice.

                Examples:
                  persist recurring add --user alice@example.com --category Housing --amount 950 --every monthly --from 2024-01-31 --description Rent
                  persist recurring run
                  persist recurring list
                """,
            subcommands: [Add.self, List.self, Run.self, Pause.self, Resume.self, Delete.self]
        )

        /// `persist recurring add`.
        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Add a recurring expense.")
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var output: OutputOptions
            @Option(help: "The user's email.") var user: String
            @Option(help: "The category.") var category: String
            @Option(parsing: .unconditional, help: "The amount of each expense (negative for a refund).", transform: ArgumentValue.money) var amount: Money
            @Option(help: "What each expense is.") var description: String
            @Option(help: "weekly, monthly or yearly.") var every: Frequency
            @Option(help: "The first day it falls due, YYYY-MM-DD (the schedule counts from it).", transform: ArgumentValue.date) var from: CalendarDate
            @Option(help: "The last day it may fall due, YYYY-MM-DD (default: no end).", transform: ArgumentValue.date) var until: CalendarDate?

            func run() async throws {
                let rule = try await database.withExistingLedger {
                    try await $0.addRecurring(user: user, category: category, amount: amount, description: description, frequency: every, startsOn: from, endsOn: until)
                }
                try output.print([rule], summary: { "Added recurring expense \(rule.id): \(rule.amount) \(rule.frequency.rawValue) from \(rule.startsOn) (\(rule.description))" })
            }
        }

        /// `persist recurring list`.
        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List recurring expenses, of one user or of all.")
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var output: OutputOptions
            @Option(help: "Only this user's.") var user: String?

            func run() async throws {
                let rules = try await database.withExistingLedger(writing: false) { try await $0.recurringRules(user: user) }
                print(try Renderer.render(rules, as: output.format), terminator: "")
            }
        }

        /// `persist recurring run`.
        struct Run: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Post every occurrence due by a day (default today) that is not posted yet.",
                discussion: """
                    Safe to run from cron as often as you like, and from several machines at once. \
                    A run is one transaction: one that fails has posted nothing. It posts at most \
                    \(Ledger.recurringBatch) occurrences of a rule (a later run posts the rest), and at most a year ahead.

                    Examples:
                      persist recurring run
                      persist recurring run --until 2024-12-31 --user alice@example.com
                    """
            )
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var output: OutputOptions
            @Option(help: "Post occurrences up to this day, YYYY-MM-DD (default: today; at most a year ahead).", transform: ArgumentValue.date) var until: CalendarDate?
            @Option(help: "Only this user's rules.") var user: String?

            func run() async throws {
                let result = try await database.withExistingLedger { try await $0.postRecurring(until: until ?? .today(), user: user) }
                try output.print(result.posted, summary: {
                    "Posted \(result.posted.count.counted("expense")) from \(result.rules.counted("recurring rule")) due by \(result.until)"
                })
            }
        }

        /// `persist recurring pause`.
        struct Pause: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Pause a recurring expense: `recurring run` posts nothing for it until it resumes.")
            @OptionGroup var database: DatabaseOptions
            @Option(help: "The rule's id (see `recurring list`).") var id: Int

            func run() async throws {
                let rule = try await database.withExistingLedger { try await $0.pauseRecurring(id: id, paused: true) }
                print("Paused recurring expense \(rule.id) (\(rule.description))")
            }
        }

        /// `persist recurring resume`.
        struct Resume: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Resume a paused recurring expense; what fell due from the day it was paused until yesterday is skipped."
            )
            @OptionGroup var database: DatabaseOptions
            @Option(help: "The rule's id (see `recurring list`).") var id: Int

            func run() async throws {
                let rule = try await database.withExistingLedger { try await $0.pauseRecurring(id: id, paused: false) }
                print("Resumed recurring expense \(rule.id) (\(rule.description))")
            }
        }

        /// `persist recurring delete`.
        struct Delete: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Delete a recurring expense; the expenses it posted stay.")
            @OptionGroup var database: DatabaseOptions
            @Option(help: "The rule's id (see `recurring list`).") var id: Int

            func run() async throws {
                try await database.withExistingLedger { try await $0.deleteRecurring(id: id) }
                print("Deleted recurring expense \(id)")
            }
        }
    }
}

extension Frequency: ExpressibleByArgument {}

extension RecurringRule: TableRow {
    static var headers: [String] { ["id", "user", "category", "amount", "every", "from", "until", "paused", "posted", "skipped", "last", "description"] }
    static var numericColumns: Set<Int> { [0, 3, 8, 9] }
    var cells: [String] {
        [String(id), user, category, amount.description, frequency.rawValue, startsOn.description, endsOn?.description ?? "-",
         pausedOn?.description ?? "no", String(posted), String(skipped), lastOccurrence?.description ?? "-", description]
    }
}
