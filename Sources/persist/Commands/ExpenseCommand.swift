import ArgumentParser
import BudgetTracker
import Foundation
import PersistKit

extension Persist {
    /// `persist expense`: recording, listing, changing, importing and exporting expenses.
    struct ExpenseCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "expense",
            abstract: "Add, list, update, delete, import and export expenses.",
            discussion: """
                Examples:
                  persist expense add --user alice@example.com --category Food --amount 12.50 --description Lunch
                  persist expense list --user alice@example.com --month 2024-01
                  persist expense import january.csv --create-missing
                """,
            subcommands: [Add.self, List.self, Update.self, Delete.self, Top.self, Import.self, Export.self]
        )

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Record an expense.",
                discussion: "Example:\n  persist expense add --user alice@example.com --category Food \\\n      --amount 12.34 --description Lunch"
            )
            @OptionGroup var database: DatabaseOptions
            @Option(help: "The user's email.") var user: String
            @Option(help: "The category's name.") var category: String
            // `.unconditional`: a refund's `--amount -5.00` is the amount, not an unknown option.
            @Option(parsing: .unconditional, help: "The amount, e.g. 12.34, or -5.00 for a refund (not zero, at most two decimals).", transform: ArgumentValue.money) var amount: Money
            @Option(help: "The day, YYYY-MM-DD (default: today).", transform: ArgumentValue.date) var date: CalendarDate?
            @Option(help: "What it was (at most 200 characters).") var description: String

            func run() async throws {
                let new = NewExpense(
                    user: user, category: category, amount: amount,
                    date: date ?? .today(), description: description
                )
                let expense = try await database.withLedger { try await $0.addExpense(new) }
                print("Added expense \(expense.summary)")
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "List expenses, newest first.",
                discussion: "Examples:\n  persist expense list --user alice@example.com --month 2024-01\n  persist expense list --from 2024-01-10 --to 2024-02-09 --search lunch"
            )
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var output: OutputOptions
            @Option(help: "Only this user's expenses (email).") var user: String?
            @Option(help: "Only this category's expenses.") var category: String?
            @Option(help: "Only this month, YYYY-MM.", transform: ArgumentValue.month) var month: Month?
            @Option(help: "Only on or after this day, YYYY-MM-DD.", transform: ArgumentValue.date) var from: CalendarDate?
            @Option(help: "Only on or before this day, YYYY-MM-DD.", transform: ArgumentValue.date) var to: CalendarDate?
            @Option(help: "Only descriptions containing this text (ignoring case).") var search: String?
            @Option(help: "At most this many rows.", transform: ArgumentValue.positive) var limit: Int?

            func run() async throws {
                let filter = ExpenseFilter(
                    user: user, category: category, month: month,
                    from: from, to: to,
                    text: search, limit: limit
                )
                let expenses = try await database.withExistingLedger(writing: false) { try await $0.expenses(filter) }
                print(try Renderer.render(expenses, as: output.format), terminator: "")
            }
        }

        struct Update: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Change an expense.", discussion: "Example:\n  persist expense update 7 --amount 20.00 --category Food"
            )
            @OptionGroup var database: DatabaseOptions
            @Argument(help: "The expense's id (see `expense list`).") var id: Int
            @Option(parsing: .unconditional, help: "New amount (negative for a refund).", transform: ArgumentValue.money) var amount: Money?
            @Option(help: "New category.") var category: String?
            @Option(help: "New day, YYYY-MM-DD.", transform: ArgumentValue.date) var date: CalendarDate?
            @Option(help: "New description.") var description: String?

            func run() async throws {
                let changes = ExpenseChanges(
                    amount: amount, category: category,
                    date: date, description: description
                )
                let expense = try await database.withExistingLedger { try await $0.updateExpense(id: id, changes) }
                print("Updated expense \(expense.summary)")
            }
        }

        struct Delete: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Delete an expense (for one leg of a transfer: the whole transfer).",
                discussion: "Example:\n  persist expense delete 7"
            )
            @OptionGroup var database: DatabaseOptions
            @Argument(help: "The expense's id.") var id: Int

            func run() async throws {
                let expenses = try await database.withExistingLedger { try await $0.deleteExpense(id: id) }
                if expenses.count == 1 {
                    print("Deleted expense \(expenses[0].summary)")
                } else {
                    print("Deleted transfer (both legs): \(expenses.map(\.summary).joined(separator: "; "))")
                }
            }
        }

        struct Top: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "A user's largest expenses.", discussion: "Example:\n  persist expense top --user alice@example.com --limit 3"
            )
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var output: OutputOptions
            @Option(help: "The user's email.") var user: String
            @Option(help: "How many.", transform: ArgumentValue.positive) var limit: Int = 10

            func run() async throws {
                let expenses = try await database.withExistingLedger(writing: false) { try await $0.topExpenses(user: user, limit: limit) }
                print(try Renderer.render(expenses, as: output.format), terminator: "")
            }
        }

        struct Import: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Import expenses from a CSV file, all or nothing.",
                discussion: """
                    The header names the columns date,user,category,amount,description (any order; \
                    user is the email). Any bad row stops the import and nothing is written; so does \
                    Ctrl-C or SIGTERM (exit status 130 or 143).

                    Example:
                      persist expense import january.csv --create-missing
                    """
            )
            @OptionGroup var database: DatabaseOptions
            @Argument(help: "The CSV file.") var file: String
            @Flag(help: "Create unknown users and categories instead of failing.") var createMissing = false
            @Flag(help: "Import a file that was imported into this database before (by default refused, so rows are not doubled).") var again = false

            func run() async throws {
                let url = URL(fileURLWithPath: file)
                let start = ContinuousClock.now
                let progress = ProgressLine(label: "imported")
                let summary: ImportSummary
                do {
                    summary = try await CancelOnSignal.run(doing: "import") { [database, createMissing, again] stop in
                        try await database.withLedger { ledger in
                            try await ledger.importExpenses(from: url, createMissing: createMissing, again: again, progress: { done in
                                if let fraction = done.fraction {
                                    progress.bar(fraction, detail: "\(done.rows) rows")
                                } else {
                                    progress.update(done.rows)
                                }
                            }, stop: stop)
                        }
                    }
                } catch {
                    progress.finish()
                    throw error
                }
                progress.finish()
                let seconds = String(format: "%.2f", (ContinuousClock.now - start).milliseconds / 1000)
                var line = "Imported \(summary.rows.counted("expense")) totalling \(summary.total) in \(seconds) s"
                if summary.createdUsers + summary.createdCategories > 0 {
                    let users = summary.createdUsers.counted("user")
                    let categories = summary.createdCategories.counted("category", plural: "categories")
                    line += " (created \(users), \(categories))"
                }
                print(line)
            }
        }

        struct Export: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Export expenses as CSV (the format `expense import` reads).",
                discussion: "Example:\n  persist expense export --user alice@example.com --month 2024-01 january.csv"
            )
            @OptionGroup var database: DatabaseOptions
            @Option(help: "Only this user's expenses (email).") var user: String?
            @Option(help: "Only this month, YYYY-MM.", transform: ArgumentValue.month) var month: Month?
            @Argument(help: "Write to this file instead of standard output (never the database; an existing file only with --force).") var file: String?
            @Flag(help: "Replace the file if it exists.") var force = false

            func run() async throws {
                let filter = ExpenseFilter(user: user, month: month)
                guard let file else {
                    try await database.withExistingLedger(writing: false) { ledger in
                        try await ledger.exportExpenses(filter) { try StandardOutput.write($0) }
                    }
                    return
                }
                let output = try OutputFile(path: file, force: force, protecting: try database.resolve().url)
                let count = try await database.withExistingLedger(writing: false) { ledger in
                    try await ledger.exportExpenses(filter) { try output.write($0) }
                }
                try output.commit()
                print("Exported \(count.counted("expense")) to \(file)")
            }
        }
    }
}
