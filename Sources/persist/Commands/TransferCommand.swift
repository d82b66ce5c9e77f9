import ArgumentParser
import BudgetTracker

extension Persist {
    /// `persist transfer`: move budget between categories, both rows or neither.
    struct TransferCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "transfer",
            abstract: "Move an amount from one category to another in one transaction.",
            discussion: """
                Writes a debit (-amount, "Transfer to TO") and a credit (+amount, "Transfer from FROM") \
                that sum to zero; on any failure neither is written.

                Example:
                  persist transfer --user alice@example.com --from Food --to Entertainment --amount 20.00
                """
        )
        @OptionGroup var database: DatabaseOptions
        @Option(help: "The user's email.") var user: String
        @Option(help: "The category to take the amount from.") var from: String
        @Option(help: "The category to give it to.") var to: String
        @Option(parsing: .unconditional, help: "The amount, more than 0.", transform: ArgumentValue.money) var amount: Money
        @Option(help: "The day, YYYY-MM-DD (default: today).", transform: ArgumentValue.date) var date: CalendarDate?

        func run() async throws {
            let date = date ?? .today()
            let transfer = try await database.withLedger {
                try await $0.transfer(user: user, from: from, to: to, amount: amount, date: date)
            }
            print("Transferred \(transfer.credit.amount) from \(from) to \(to) (expenses \(transfer.debit.id) and \(transfer.credit.id))")
        }
    }
}
