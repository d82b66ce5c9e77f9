import BudgetTracker
import Foundation
import PersistKit
import PersistTestSupport
import PersistTooling
import Testing

@Suite("Budgets from the command line")
struct BudgetLimitCommandTests {
    @Test("budget set, budget move and report budget as a table, CSV and JSON, one statement; bad input is one line and writes nothing", arguments: TestBackend.available)
    func setMoveReport(backend: TestBackend) async throws {
        try await CLIDatabase.with(backend, seeded: true) { database in
            let alice = ["--user", "alice@example.com"]
            let set = try await database.run(["budget", "set"] + alice + ["--category", "Food", "--month", "2024-01", "--amount", "100", "--every-month", "--rollover"])
            #expect(set.status == 0 && set.output == "Food: 100.00 every month from 2024-01, unspent budget rolling over (alice@example.com)\n", "\(set.errorOutput)")
            #expect(try await database.run(["budget", "set"] + alice + ["--category", "Entertainment", "--month", "2024-01", "--amount", "25.5"]).output
                == "Entertainment: 25.50 in 2024-01 (alice@example.com)\n")
            let move = try await database.run(["budget", "move"] + alice + ["--from", "Food", "--to", "Entertainment", "--amount", "10", "--month", "2024-01"])
            #expect(move.output == "Moved 10.00 of 2024-01's budget from Food (now 90.00) to Entertainment (now 35.50)\n", "\(move.errorOutput)")

            let table = try await database.run(["report", "budget"] + alice + ["--month", "2024-01", "--stats"])
            #expect(table.output == """
                alice@example.com, 2024-01
                category         limit  carried  available   spent  remaining   used
                --------------  ------  -------  ---------  ------  ---------  -----
                Entertainment    35.50     0.00      35.50   30.00       5.50  84.5%
                Food             90.00     0.00      90.00   71.25      18.75  79.2%
                Transportation       -     0.00          -   45.00          -      -
                --------------  ------  -------  ---------  ------  ---------  -----
                total           125.50     0.00     125.50  101.25      24.25  80.7%
                45.00 spent in categories without a budget (not in the total)

                """, "\(table.output)")
            // As many statements as the monthly report: the schema check and the report's one.
            let monthly = try await database.run(["report", "monthly"] + alice + ["--month", "2024-01", "--stats"])
            #expect(table.errorOutput.hasPrefix("stats: 2 SQL statements") && monthly.errorOutput.hasPrefix("stats: 2 SQL statements"), "\(table.errorOutput)")
            let csv = try await database.run(["report", "budget"] + alice + ["--month", "2024-02", "--format", "csv"])
            #expect(csv.output == "category,limit,carried,available,spent,remaining,used\nFood,100.00,18.75,118.75,0.00,118.75,0.0%\n", "\(csv.output)")
            let json = try await database.run(["report", "budget"] + alice + ["--month", "2024-02", "--format", "json"])
            let report = try JSONDecoder().decode(BudgetReport.self, from: Data(json.output.utf8))
            #expect(report.available == Money(cents: 11_875) && report.lines.map(\.category) == ["Food"])

            let before = (try await database.snapshot(), try await database.count("budgets"), try await database.count("budget_moves"))
            for arguments in [
                ["budget", "set"] + alice + ["--category", "Food", "--month", "2024-01", "--amount", "-1"],
                ["budget", "set"] + alice + ["--category", "Food", "--month", "2024-13", "--amount", "1"],
                ["budget", "set"] + alice + ["--category", "Food", "--month", "2024-01", "--amount", "1.001"],
                ["budget", "set", "--user", "nobody@example.com", "--category", "Food", "--month", "2024-01", "--amount", "1"],
                ["budget", "set"] + alice + ["--category", "Travel", "--month", "2024-01", "--amount", "1"],
                ["budget", "move"] + alice + ["--from", "Food", "--to", "Entertainment", "--amount", "90.01", "--month", "2024-01"],
                ["budget", "move"] + alice + ["--from", "Food", "--to", "Food", "--amount", "1", "--month", "2024-01"],
                ["budget", "move"] + alice + ["--from", "Food", "--to", "Entertainment", "--amount", "0", "--month", "2024-01"],
                ["report", "budget", "--user", "nobody@example.com", "--month", "2024-01"],
            ] {
                let refused = try await database.run(arguments)
                #expect(refused.status != 0 && refused.errorLines.count == 1 && refused.output.isEmpty, "\(arguments): \(refused.status) \(refused.errorOutput)")
            }
            #expect((try await database.snapshot(), try await database.count("budgets"), try await database.count("budget_moves")) == before)
        }
    }
}

@Suite("Alerts and recurring expenses from the command line")
struct BudgetAlertCommandTests {
    @Test("ten `budget alerts` and ten `recurring run` processes at once: each alert recorded once, each occurrence posted once; exit 4 while alerts stand", arguments: TestBackend.available)
    func tenProcesses(backend: TestBackend) async throws {
        try await CLIDatabase.with(backend, seeded: true) { database in
            let alice = ["--user", "alice@example.com"]
            for (category, amount) in [("Food", "80"), ("Transportation", "45"), ("Entertainment", "100")] {
                #expect(try await database.run(["budget", "set"] + alice + ["--category", category, "--month", "2024-01", "--amount", amount]).status == 0)
            }
            let add = try await database.run(["recurring", "add"] + alice + [
                "--category", "Utilities", "--amount", "49.99", "--every", "monthly", "--from", "2024-01-31", "--until", "2024-12-31", "--description", "Phone",
            ])
            #expect(add.status == 0 && add.output.hasPrefix("Added recurring expense 1: 49.99 monthly from 2024-01-31 (Phone)"), "\(add.output)\(add.errorOutput)")

            let checks = try await withThrowingTaskGroup(of: ChildProcess.self) { group in
                for _ in 0..<10 { group.addTask { try await database.run(["budget", "alerts"] + alice + ["--month", "2024-01", "--format", "csv"]) } }
                return try await group.reduce(into: [ChildProcess]()) { $0.append($1) }
            }
            #expect(checks.allSatisfy { $0.status == 4 }, "\(checks.map { "\($0.status) \($0.errorOutput)" })")
            // Food 71.25 of 80 (89.1%) reaches 80 %; Transportation 45 of 45 reaches both.
            #expect(checks.allSatisfy { $0.output.split(separator: "\n").count == 4 })
            #expect(checks.map { $0.output.split(separator: "\n").dropFirst().filter { $0.hasSuffix(",new") }.count }.reduce(0, +) == 3)
            #expect(try await database.count("budget_alerts") == 3)
            let table = try await database.run(["budget", "alerts"] + alice + ["--month", "2024-01"])
            #expect(table.status == 4 && table.output.contains("Transportation       100%  45.00      45.00  100.0%"), "\(table.output)")
            #expect(try await database.run(["budget", "alerts"] + alice + ["--month", "2024-02"]).status == 0)

            let runs = try await withThrowingTaskGroup(of: ChildProcess.self) { group in
                for _ in 0..<10 { group.addTask { try await database.run(["recurring", "run", "--until", "2024-06-30"]) } }
                return try await group.reduce(into: [ChildProcess]()) { $0.append($1) }
            }
            #expect(runs.allSatisfy { $0.status == 0 }, "\(runs.map(\.errorOutput))")
            let posted = runs.compactMap { Int($0.output.split(separator: " ")[1]) ?? ($0.output.hasPrefix("Posted 0 ") ? 0 : nil) }
            #expect(posted.reduce(0, +) == 6, "\(runs.map(\.output))")
            #expect(try await database.descriptions(like: "Phone").count == 6)
            let list = try await database.run(["recurring", "list", "--format", "csv"])
            #expect(list.output == "id,user,category,amount,every,from,until,paused,posted,skipped,last,description\n1,alice@example.com,Utilities,49.99,monthly,2024-01-31,2024-12-31,no,6,0,2024-06-30,Phone\n", "\(list.output)")

            let before = try await database.snapshot()
            for arguments in [
                ["recurring", "add"] + alice + ["--category", "Utilities", "--amount", "1", "--every", "daily", "--from", "2024-01-01", "--description", "x"],
                ["recurring", "add"] + alice + ["--category", "Utilities", "--amount", "0", "--every", "weekly", "--from", "2024-01-01", "--description", "x"],
                ["recurring", "add"] + alice + ["--category", "Utilities", "--amount", "1", "--every", "weekly", "--from", "2024-02-30", "--description", "x"],
                ["recurring", "run", "--until", "9999-01-01"],
                ["recurring", "pause", "--id", "99"],
                ["recurring", "delete", "--id", "99"],
                ["budget", "alerts", "--user", "nobody@example.com", "--month", "2024-01"],
                ["budget", "thresholds"] + alice + ["0"],
                ["budget", "set"] + alice + ["--category", "Utilities", "--month", "2024-01", "--amount", "-5"],
                ["budget", "move"] + alice + ["--month", "2024-01", "--from", "Utilities", "--to", "Phone", "--amount", "-5"],
            ] {
                let refused = try await database.run(arguments)
                #expect(refused.status != 0 && refused.status != 4 && refused.errorLines.count == 1, "\(arguments): \(refused.status) \(refused.errorOutput)")
                // A negative amount is read as the amount and refused as one, not as an unknown option.
                #expect(!refused.errorOutput.localizedCaseInsensitiveContains("unknown option"), "\(arguments): \(refused.errorOutput)")
            }
            // A budgeted category is neither merged nor deleted, and no command is suggested that
            // would be refused as well.
            let merge = try await database.run(["category", "merge", "Food", "Entertainment"])
            #expect(merge.status != 0 && merge.errorOutput == "persist: error: category 'Food' has budgets (limits, moves or recurring expenses) and cannot be deleted or merged away\n", "\(merge.errorOutput)")
            #expect(try await database.snapshot() == before)
            #expect(try await database.count("budget_alerts") == 3)
            #expect(try await database.count("recurring_rules") == 1)

            // A recurring refund: `--amount -5` is the amount.
            let refund = try await database.run(["recurring", "add"] + alice + [
                "--category", "Utilities", "--amount", "-5", "--every", "monthly", "--from", "2024-01-01", "--until", "2024-02-01", "--description", "Cashback",
            ])
            #expect(refund.status == 0, "\(refund.errorOutput)")
            #expect(try await database.run(["recurring", "run", "--until", "2024-03-01"]).status == 0)
            #expect(try await database.descriptions(like: "Cashback").count == 2)
        }
    }
}
