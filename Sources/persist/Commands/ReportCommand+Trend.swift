import PersistKit
import ArgumentParser
import BudgetTracker
import Foundation

extension Persist.ReportCommand {
    /// `persist report trend`: month-by-month totals as bars, and a sparkline per category.
    struct Trend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A user's spending month by month: bars for the totals, a sparkline per category.",
            discussion: """
                The window ends with --until (by default the month of the user's latest expense) and \
                reaches back --months months, months without spending included.

                Examples:
                  persist report trend --user alice@example.com
                  persist report trend --user alice@example.com --months 6 --until 2024-06
                  persist report trend --user alice@example.com --svg trend.svg
                  persist report trend --user alice@example.com --format csv > trend.csv
                """
        )
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions
        @Option(help: "The user's email.") var user: String
        @Option(help: "How many months, from 1 to 120.") var months: Int = 12
        @Option(help: "The last month, YYYY-MM.", transform: ArgumentValue.month) var until: Month?
        @Option(help: ArgumentHelp("Also write the monthly totals as an SVG bar chart (never the database; an existing file only with --force).", valueName: "file.svg")) var svg: String?
        @Flag(help: "Replace the --svg file if it exists.") var force = false

        func validate() throws {
            guard (1...120).contains(months) else { throw ValidationError("--months must be from 1 to 120") }
        }

        func run() async throws {
            let svgFile = try svg.map { try OutputFile(path: $0, force: force, protecting: try database.resolve().url) }
            let trend = try await database.withExistingLedger(writing: false) { try await $0.trend(user: user, months: months, until: until) }
            let bars = zip(trend.months, trend.totals).map { BarChart.Bar(label: $0, value: $1, color: nil) }
            if let svgFile {
                try SVGChart.write(title: "\(trend.user): \(trend.months.first ?? "") to \(trend.months.last ?? "")", bars: bars, to: svgFile)
            }
            switch output.format {
            case .json:
                print(try Renderer.json(trend), terminator: "")
            case .csv:
                let headers = ["month", "total"] + trend.categories.map(\.category)
                let rows = trend.months.indices.map { index in
                    [trend.months[index], trend.totals[index].description] + trend.categories.map { $0.totals[index].description }
                }
                print(Renderer.csv(headers: headers, rows: rows), terminator: "")
            case .table:
                let style = TerminalStyle.current
                print("\(trend.user), \(trend.months.first ?? "") to \(trend.months.last ?? "")")
                print(BarChart.render(bars, style: style))
                print(trend.categories.isEmpty ? "no spending in these months\n" : Sparkline.rows(trend.categories, style: style), terminator: "")
            }
        }
    }
}
