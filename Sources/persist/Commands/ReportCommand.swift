import PersistKit
import ArgumentParser
import BudgetTracker
import Foundation

extension Persist {
    /// `persist report`: summaries computed in the database.
    struct ReportCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Reports over the expenses: one month per category, or month by month.",
            discussion: """
                Examples:
                  persist report monthly --user alice@example.com --month 2024-01 --chart
                  persist report trend --user alice@example.com --months 12
                """,
            subcommands: [Monthly.self, Trend.self, Budget.self]
        )

        struct Monthly: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "A user's month per category: count, total, share; one SQL query.",
                discussion: """
                    --chart draws the totals as bars in the terminal (in the categories' colours when \
                    the terminal shows colour; NO_COLOR turns colour off); --svg writes the same chart \
                    as an SVG file for a browser.

                    Examples:
                      persist report monthly --user alice@example.com --month 2024-01
                      persist report monthly --user alice@example.com --month 2024-01 --chart
                      persist report monthly --user alice@example.com --month 2024-01 --svg january.svg
                      persist report monthly --user alice@example.com --month 2024-01 --format csv > january.csv
                    """
            )
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var output: OutputOptions
            @Option(help: "The user's email.") var user: String
            @Option(help: "The month, YYYY-MM.", transform: ArgumentValue.month) var month: Month
            @Option(help: ArgumentHelp("Verify the report against this raw ledger CSV before releasing it.", valueName: "ledger.csv"))
            var verifyAgainst: String?
            @Option(help: "The largest disagreement, per category and in total, that still counts as agreement (0: any difference blocks).") var tolerance: String = "0"
            @Flag(help: "Draw the totals as a bar chart instead of a table.") var chart = false
            @Option(help: ArgumentHelp("Also write the chart as an SVG file (never the database; an existing file only with --force).", valueName: "file.svg")) var svg: String?
            @Flag(help: "Replace the --svg file if it exists.") var force = false

            func validate() throws {
                if chart, output.format != .table {
                    throw ValidationError("--chart draws for people; leave out --format \(output.format.rawValue)")
                }
            }

            func run() async throws {
                if let verifyAgainst {
                    return try await verify(month: month, ledger: URL(fileURLWithPath: verifyAgainst))
                }
                let svgFile = try svg.map { try OutputFile(path: $0, force: force, protecting: try database.resolve().url) }
                let report = try await database.withExistingLedger(writing: false) { try await $0.monthlyReport(user: user, month: month) }
                let bars = report.categories.map { BarChart.Bar(label: $0.category, value: $0.total, color: $0.color) }
                if let svgFile {
                    try SVGChart.write(title: "\(report.user), \(report.month): \(report.total) in all", bars: bars, to: svgFile)
                }
                if chart {
                    print("\(report.user), \(report.month)")
                    print(BarChart.render(bars, style: .current), terminator: "")
                    print("total \(report.total) in \(report.count.counted("expense"))")
                    return
                }
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
                let result = try await database.withExistingLedger(writing: false) {
                    try await $0.verifyMonthlyReport(user: user, month: month, ledger: ledger, tolerance: tolerance)
                }
                try VerificationRows.print(result, format: output.format)
            }
        }
    }
}
