import BudgetTracker
import Foundation
import PersistKit
import PersistTestSupport
import Testing

@Suite("The budget tracker from the command line")
struct BudgetCommandTests {
    @Test("seed, then the chapter's monthly report", arguments: TestBackend.available)
    func seedAndReport(backend: TestBackend) async throws {
        try await ScratchDatabase.with(backend) { scratch in
            let run = { (arguments: [String]) in
                try await PersistBinary.run(arguments, in: scratch.folder, environment: ["DATABASE_URL": scratch.urlText])
            }
            if backend.engine == .postgresql {
                let refused = try await run(["seed"])
                #expect(refused.status == 1)
                #expect(refused.errorLines.count == 1)
                #expect(refused.errorOutput.contains("run `persist migrate`"))
                let migrate = try await run(["migrate"])
                #expect(migrate.output.hasPrefix("Applied 16: M0001_CreateUsers"))
                #expect(try await run(["migrate"]).output == "Schema is up to date\n")
            }
            #expect(try await run(["seed"]).output == "Seeded alice@example.com with 4 categories and 4 expenses\n")
            #expect(try await run(["seed"]).output == "Skipped: the database already has users\n")

            let table = try await run(["report", "monthly", "--user", "alice@example.com", "--month", "2024-01"])
            #expect(table.status == 0)
            #expect(table.output == """
                alice@example.com, 2024-01
                category        count   total   share
                --------------  -----  ------  ------
                Food                2   71.25   48.7%
                Transportation      1   45.00   30.8%
                Entertainment       1   30.00   20.5%
                --------------  -----  ------  ------
                total               4  146.25  100.0%

                """)

            let csv = try await run(["report", "monthly", "--user", "alice@example.com", "--month", "2024-01", "--format", "csv"])
            #expect(csv.output == "category,count,total,share\nFood,2,71.25,48.7%\nTransportation,1,45.00,30.8%\nEntertainment,1,30.00,20.5%\n")

            let json = try await run(["report", "monthly", "--user", "alice@example.com", "--month", "2024-01", "--format", "json", "--stats"])
            let report = try JSONDecoder().decode(MonthlyReport.self, from: Data(json.output.utf8))
            #expect(report.total.description == "146.25")
            #expect(report.categories.first?.total.description == "71.25")
            #expect(json.errorOutput.hasPrefix("stats: "))
            #expect(json.errorOutput.contains(" SQL statements in "))
        }
    }

    @Test("users, categories, expenses, transfer, import and export", arguments: TestBackend.available)
    func workflow(backend: TestBackend) async throws {
        try await ScratchDatabase.with(backend) { scratch in
            let run = { (arguments: [String]) in
                try await PersistBinary.run(arguments, in: scratch.folder, environment: ["DATABASE_URL": scratch.urlText])
            }
            _ = try await run(["migrate"])
            #expect(try await run(["user", "add", "--email", "bob@example.com", "--name", "Bob"]).status == 0)
            #expect(try await run(["category", "add", "Food"]).status == 0)
            #expect(try await run(["category", "add", "Fun", "--color", "#00ff00"]).status == 0)
            let added = try await run([
                "expense", "add", "--user", "bob@example.com", "--category", "Food", "--amount", "12.50", "--date", "2024-05-02", "--description", "Lunch",
            ])
            #expect(added.output.hasPrefix("Added expense 1: 2024-05-02 Food 12.50 Lunch"))
            let transfer = try await run(["transfer", "--user", "bob@example.com", "--from", "Food", "--to", "Fun", "--amount", "5", "--date", "2024-05-03"])
            #expect(transfer.output == "Transferred 5.00 from Food to Fun (expenses 2 and 3)\n")

            let ledger = scratch.folder.appendingPathComponent("in.csv")
            try "\u{FEFF}description,amount,date,user,category\r\n\"Tea, \"\"green\"\"\",3.20,2024-05-04,bob@example.com,Fun\r\n".write(to: ledger, atomically: true, encoding: .utf8)
            let imported = try await run(["expense", "import", ledger.path])
            #expect(imported.output.hasPrefix("Imported 1 expense totalling 3.20 in "))

            let list = try await run(["expense", "list", "--user", "bob@example.com", "--format", "csv"])
            #expect(list.output == #"""
                id,date,user,category,amount,description
                4,2024-05-04,bob@example.com,Fun,3.20,"Tea, ""green"""
                3,2024-05-03,bob@example.com,Fun,5.00,Transfer from Food
                2,2024-05-03,bob@example.com,Food,-5.00,Transfer to Fun
                1,2024-05-02,bob@example.com,Food,12.50,Lunch

                """#)
            #expect(try await run(["expense", "list", "--limit", "1", "--format", "csv"]).output.split(separator: "\n").count == 2)
            #expect(try await run(["expense", "update", "1", "--amount", "13.00"]).output.hasPrefix("Updated expense 1: 2024-05-02 Food 13.00"))
            #expect(try await run(["expense", "delete", "4"]).status == 0)
            let top = try await run(["expense", "top", "--user", "bob@example.com", "--limit", "1", "--format", "json"])
            #expect(try JSONDecoder().decode([ExpenseRecord].self, from: Data(top.output.utf8)).map(\.id) == [1])

            let export = try await run(["expense", "export", "--user", "bob@example.com"])
            #expect(export.output == """
                date,user,category,amount,description,transfer
                2024-05-02,bob@example.com,Food,13.00,Lunch,
                2024-05-03,bob@example.com,Food,-5.00,Transfer to Fun,1
                2024-05-03,bob@example.com,Fun,5.00,Transfer from Food,1

                """)
            let deleteCategory = try await run(["category", "delete", "Food"])
            #expect(deleteCategory.status == 1)
            #expect(deleteCategory.errorOutput == "persist: error: category 'Food' still has 2 expenses and is shared; merge it into another category, or delete its expenses first (`persist category merge -- 'Food' OTHER`)\n")
            #expect(try await run(["user", "delete", "bob@example.com", "--yes"]).output == "Deleted user bob@example.com and 3 expenses\n")
            #expect(try await run(["category", "delete", "Food"]).status == 0)
        }
    }

    @Test("bad input: one line naming the field, non-zero exit, database unchanged", arguments: TestBackend.available)
    func badInput(backend: TestBackend) async throws {
        try await ScratchDatabase.with(backend) { scratch in
            let environment = ["DATABASE_URL": scratch.urlText]
            let run = { (arguments: [String]) in try await PersistBinary.run(arguments, in: scratch.folder, environment: environment) }
            _ = try await run(["migrate"])
            _ = try await run(["seed"])
            let brokenCSV = scratch.folder.appendingPathComponent("broken.csv")
            try "date,user,category,amount,description\n2024-01-01,alice@example.com,Food,1.00,\"open\n".write(to: brokenCSV, atomically: true, encoding: .utf8)
            let missingColumn = scratch.folder.appendingPathComponent("missing.csv")
            try "date,user,amount,description\n2024-01-01,alice@example.com,1.00,x\n".write(to: missingColumn, atomically: true, encoding: .utf8)
            let add = ["expense", "add", "--user", "alice@example.com", "--category", "Food", "--description", "x", "--amount"]
            let cases: [([String], Int32, String)] = [
                (["user", "add", "--email", "alice@example.com", "--name", "A"], 1, "already exists"),
                (["user", "add", "--email", "no-at-sign", "--name", "A"], 2, "email"),
                (add + ["abc"], 2, "amount"),
                (add + ["12.345"], 2, "amount"),
                (add + ["0"], 2, "amount"),
                (add + ["1e3"], 2, "amount"),
                (add + ["100000000.00"], 2, "amount"),
                (add + ["1.00", "--date", "2024-02-30"], 2, "date"),
                (["expense", "add", "--user", "alice@example.com", "--category", "Food", "--amount", "1", "--description", String(repeating: "d", count: 201)], 2, "description"),
                (["expense", "add", "--user", "ghost@example.com", "--category", "Food", "--amount", "1", "--description", "x"], 1, "ghost@example.com"),
                (["expense", "add", "--user", "alice@example.com", "--category", "Nowhere", "--amount", "1", "--description", "x"], 1, "Nowhere"),
                (["expense", "import", brokenCSV.path], 1, "unterminated quote"),
                (["expense", "import", missingColumn.path], 1, "missing column 'category'"),
                (["expense", "import", scratch.folder.appendingPathComponent("absent.csv").path], 1, "cannot open"),
                (["report", "monthly", "--user", "alice@example.com", "--month", "2024-13"], 2, "month"),
                (["report", "monthly", "--user", "ghost@example.com", "--month", "2024-01"], 1, "no user"),
                (["transfer", "--user", "alice@example.com", "--from", "Food", "--to", "Food", "--amount", "1"], 2, "two different categories"),
                (["expense", "list", "--limit", "0"], 2, "limit"),
                (["category", "add", "X", "--color", "blue"], 2, "color"),
            ]
            let before = try await snapshot(scratch)
            for (arguments, status, needle) in cases {
                let result = try await run(arguments)
                #expect(result.status == status, "\(arguments.joined(separator: " ")): \(result.errorOutput)")
                #expect(result.errorLines.count == 1, "\(arguments.joined(separator: " ")): \(result.errorOutput)")
                #expect(result.errorOutput.hasPrefix("persist: error: "))
                #expect(result.errorOutput.contains(needle), "\(arguments.joined(separator: " ")): \(result.errorOutput)")
                #expect(result.output.isEmpty)
            }
            #expect(try await snapshot(scratch) == before)
        }
    }

    private func snapshot(_ scratch: ScratchDatabase) async throws -> String {
        try await DatabaseHandle.withOpen(try scratch.url) { try await DatabaseSnapshot.take($0) }
    }
}
