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
            @Option(help: ArgumentHelp("Verify the report against this raw ledger CSV before releasing it.", valueName: "ledger.csv"))
            var verifyAgainst: String?
            @Option(help: "The largest disagreement per category that still counts as agreement.") var tolerance: String = "0.01"

            func run() async throws {
                let month = try Month(parsing: month)
                if let verifyAgainst {
                    return try await verify(month: month, ledger: URL(fileURLWithPath: verifyAgainst))
                }
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

            /// The report, checked against the ledger by an independent path; exit 3 when blocked.
            private func verify(month: Month, ledger: URL) async throws {
                let tolerance = try Tolerance.parse(tolerance)
                let result = try await database.withLedger {
                    try await $0.verifyMonthlyReport(user: user, month: month, ledger: ledger, tolerance: tolerance)
                }
                let comparison = result.comparison
                switch output.format {
                case .json:
                    print(try Renderer.json(VerificationJSON(comparison)), terminator: "")
                case .csv:
                    print(Renderer.csv(headers: VerificationRows.headers, rows: VerificationRows.rows(comparison)), terminator: "")
                case .table:
                    print("\(result.user), \(result.month), tolerance \(comparison.tolerance)")
                    print(Renderer.table(headers: VerificationRows.headers, rows: VerificationRows.rows(comparison), numeric: [1, 2, 3]), terminator: "")
                    print(comparison.agrees ? "Release permitted." : "Release BLOCKED — \(comparison.mismatches.count) categories disagree")
                }
                if !comparison.agrees { throw ExitCode(ExitStatus.blocked) }
            }
        }
    }
}
