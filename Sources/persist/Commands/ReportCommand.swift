import ArgumentParser
import BudgetTracker
import Foundation

extension Persist {
    /// `persist report`: summaries computed in the database.
    struct ReportCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Reports over the expenses.",
            subcommands: [Monthly.self]
        )

        struct Monthly: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "A user's month per category: count, total, share; one SQL query.",
                discussion: "Example:\n  persist report monthly --user alice@example.com --month 2024-01"
            )
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var output: OutputOptions
            @Option(help: "The user's email.") var user: String
            @Option(help: "The month, YYYY-MM.") var month: String

            func run() async throws {
                let month = try Month(parsing: month)
                let report = try await database.withLedger { try await $0.monthlyReport(user: user, month: month) }
                switch output.format {
                case .json:
                    print(try Renderer.json(report), terminator: "")
                case .csv:
                    print(try Renderer.render(report.categories, as: .csv), terminator: "")
                case .table:
                    print("\(report.user), \(report.month)")
                    print(Renderer.table(
                        headers: CategoryTotal.headers,
                        rows: report.categories.map(\.cells),
                        numeric: CategoryTotal.numericColumns,
                        footer: [["total", String(report.count), report.total.description, report.categories.isEmpty ? "" : "100.0%"]]
                    ), terminator: "")
                }
            }
        }
    }
}
