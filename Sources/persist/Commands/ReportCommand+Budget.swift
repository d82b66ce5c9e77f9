import ArgumentParser
import PersistKit
import BudgetTracker
import Foundation

extension Persist.ReportCommand {
    /// `persist report budget`: a month against its limits.
    struct Budget: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A user's month against its limits: per category limit, spent, remaining, % used; one SQL query.",
            discussion: """
                Limits are set with `persist budget set`. Categories with spending but no budget are \
                listed after the budgeted ones and are not in the totals.

                Examples:
                  persist report budget --user alice@example.com --month 2024-01
                  persist report budget --user alice@example.com --month 2024-01 --verify-against ledger.csv
                  persist report budget --user alice@example.com --month 2024-01 --format json
                  persist report budget --user alice@example.com --month 2024-01 --chart --svg january-budget.svg
                """
        )
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions
        @Option(help: "The user's email.") var user: String
        @Option(help: "The month, YYYY-MM.", transform: ArgumentValue.month) var month: Month
        @Option(help: ArgumentHelp("Verify the spending in the report against this raw ledger CSV before releasing it (exit 3 when blocked).", valueName: "ledger.csv"))
        var verifyAgainst: String?
        @Option(help: "The largest disagreement, per category and in total, that still counts as agreement (0: any difference blocks).") var tolerance: String = "0"
        @Flag(help: "Draw what was spent as bars against each limit instead of a table.") var chart = false
        @Option(help: ArgumentHelp("Also write the chart as an SVG file (never the database; an existing file only with --force).", valueName: "file.svg")) var svg: String?
        @Flag(help: "Replace the --svg file if it exists.") var force = false

        func validate() throws {
            if chart, output.format != .table {
                throw ValidationError("--chart draws for people; leave out --format \(output.format.rawValue)")
            }
        }

        func run() async throws {
            if let verifyAgainst {
                let tolerance = try Tolerance.parse(tolerance)
                let result = try await database.withExistingLedger(writing: false) {
                    try await $0.verifyBudgetReport(user: user, month: month, ledger: URL(fileURLWithPath: verifyAgainst), tolerance: tolerance)
                }
                return try VerificationRows.print(result, format: output.format)
            }
            let svgFile = try svg.map { try OutputFile(path: $0, force: force, protecting: try database.resolve().url) }
            let report = try await database.withExistingLedger(writing: false) { try await $0.budgetReport(user: user, month: month) }
            if let svgFile {
                let title = "\(report.user), \(report.month): \(report.spent) of \(report.available) spent"
                try svgFile.write(SVGBudgetChart.render(title: title, lines: report.lines))
                try svgFile.commit()
            }
            if chart {
                print("\(report.user), \(report.month)")
                print(BudgetChart.render(report.lines, style: .current), terminator: "")
                print("total \(report.spent) of \(report.available) (\(BudgetLine.percent(report.used)))")
                return
            }
            switch output.format {
            case .json:
                print(try Renderer.json(report), terminator: "")
            case .csv:
                print(try Renderer.render(report.lines, as: .csv), terminator: "")
            case .table:
                print("\(report.user), \(report.month)")
                guard !report.lines.isEmpty else {
                    print("No budget and no spending in \(report.month); set one with `persist budget set`.")
                    return
                }
                let footer = [["total", report.limit.description, report.carried.description, report.available.description,
                               report.spent.description, report.remaining.description, BudgetLine.percent(report.used)]]
                print(Renderer.table(headers: BudgetLine.headers, rows: report.lines.map(\.cells), numeric: BudgetLine.numericColumns, footer: footer), terminator: "")
                if report.unbudgeted.cents != 0 { print("\(report.unbudgeted) spent in categories without a budget (not in the total)") }
            }
        }
    }
}

extension BudgetLine: TableRow {
    static var headers: [String] { ["category", "limit", "carried", "available", "spent", "remaining", "used"] }
    static var numericColumns: Set<Int> { [1, 2, 3, 4, 5, 6] }
    var cells: [String] {
        [category, limit?.description ?? "-", carried.description, available?.description ?? "-", spent.description,
         remaining?.description ?? "-", Self.percent(used)]
    }

    /// `92.5%`, or `-` when nothing is available to spend.
    static func percent(_ used: Decimal?) -> String {
        used.map(CategoryTotal.percent) ?? "-"
    }
}
