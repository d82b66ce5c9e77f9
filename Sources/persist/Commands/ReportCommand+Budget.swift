import ArgumentParser
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
                """
        )
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions
        @Option(help: "The user's email.") var user: String
        @Option(help: "The month, YYYY-MM.", transform: ArgumentValue.month) var month: Month
        @Option(help: ArgumentHelp("Verify the spending in the report against this raw ledger CSV before releasing it (exit 3 when blocked).", valueName: "ledger.csv"))
        var verifyAgainst: String?
        @Option(help: "The largest disagreement, per category and in total, that still counts as agreement (0: any difference blocks).") var tolerance: String = "0"

        func run() async throws {
            if let verifyAgainst {
                let tolerance = try Tolerance.parse(tolerance)
                let result = try await database.withExistingLedger(writing: false) {
                    try await $0.verifyBudgetReport(user: user, month: month, ledger: URL(fileURLWithPath: verifyAgainst), tolerance: tolerance)
                }
                return try VerificationRows.print(result, format: output.format)
            }
            let report = try await database.withExistingLedger(writing: false) { try await $0.budgetReport(user: user, month: month) }
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
