import ArgumentParser
import BudgetTracker
import Foundation

extension Persist.BudgetCommand {
    /// `persist budget alerts`.
    struct Alerts: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the categories over a threshold of their budget; exit 4 when there are some.",
            discussion: """
                Each alert is recorded once per category, month and threshold: a later check lists it \
                again with the time it was first recorded, and never records it twice (not even when \
                two checks run at once). Exit status 0: none; 4: some (for cron and scripts). The \
                thresholds are 80% and 100% unless set with `persist budget thresholds`.

                Examples:
                  persist budget alerts --user alice@example.com --month 2024-01
                  persist budget alerts --user alice@example.com --format json
                """
        )
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions
        @Option(help: "The user's email.") var user: String
        @Option(help: "The month, YYYY-MM (default: this month).", transform: ArgumentValue.month) var month: Month?

        func run() async throws {
            let month = try month ?? Month(parsing: String(CalendarDate.today().description.prefix(7)))
            let result = try await database.withExistingLedger { try await $0.checkBudgetAlerts(user: user, month: month) }
            switch output.format {
            case .json:
                print(try Renderer.json(result), terminator: "")
            case .csv:
                print(try Renderer.render(result.alerts, as: .csv), terminator: "")
            case .table:
                let thresholds = result.thresholds.map { "\($0)%" }.joined(separator: ", ")
                if result.alerts.isEmpty {
                    print("\(result.user), \(result.month): no category has reached \(thresholds) of its budget")
                } else {
                    print("\(result.user), \(result.month): thresholds \(thresholds)")
                    print(Renderer.table(headers: BudgetAlert.headers, rows: result.alerts.map(\.cells), numeric: BudgetAlert.numericColumns), terminator: "")
                }
            }
            if !result.alerts.isEmpty { throw ExitCode(ExitStatus.alerts) }
        }
    }

    /// `persist budget thresholds`.
    struct Thresholds: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set the percentages of a budget at which `budget alerts` reports a category.",
            discussion: """
                Replaces the user's thresholds (by default 80 and 100).

                Example:
                  persist budget thresholds --user alice@example.com 50 90 100
                """
        )
        @OptionGroup var database: DatabaseOptions
        @Option(help: "The user's email.") var user: String
        @Argument(help: "Whole percentages from 1 to 1000 (one to ten of them).") var percents: [Int]

        func run() async throws {
            let thresholds = try await database.withExistingLedger { try await $0.setAlertThresholds(user: user, percents: percents) }
            print("Alert thresholds for \(user.lowercased()): \(thresholds.map { "\($0)%" }.joined(separator: ", "))")
        }
    }
}

extension BudgetAlert: TableRow {
    static var headers: [String] { ["category", "threshold", "spent", "available", "used", "recorded", "new"] }
    static var numericColumns: Set<Int> { [1, 2, 3, 4] }
    var cells: [String] {
        let recorded = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(recordedAt)))
        return [category, "\(percent)%", spent.description, available.description, BudgetLine.percent(used), recorded, isNew ? "new" : ""]
    }
}
