import BudgetTracker
import Foundation
import PersistKit
import PersistTestSupport
import Testing

/// What a newcomer meets in the first hour (issue 14): messages that say what to do next, counts
/// in words, output that keeps its shape.
@Suite("A newcomer's first hour")
struct NewcomerTests {
    @Test("a usage error points to the help of the command that was typed")
    func usageErrorsPointToTheSubcommand() async throws {
        try await CLIDatabase.with(.sqlite) { database in
            for (arguments, help) in [
                (["report", "monthly", "--month", "2024-01"], "persist report monthly --help"),
                (["expense", "add", "--user", "a@example.com"], "persist expense add --help"),
                (["decide", "--expected-rows=-1"], "persist decide --help"),
                (["doctor", "--format", "csv"], "persist doctor --help"),
                // `bench` runs its default subcommand, whose help lists the options.
                (["bench", "--format", "csv"], "persist bench ledger --help"),
            ] {
                let result = try await database.run(arguments)
                #expect(result.status == 2 && result.errorLines.count == 1, "\(arguments): \(result.errorOutput)")
                #expect(result.errorOutput.hasSuffix("(see '\(help)')\n"), "\(arguments): \(result.errorOutput)")
            }
        }
    }

    @Test("counts read as words: 1 expense, 2 expenses, 1 category")
    func plurals() async throws {
        try await CLIDatabase.with(.sqlite) { database in
            let one = database.file("one.csv")
            try "date,user,category,amount,description\n2024-01-02,a@example.com,Food,3.00,b\n".write(to: one, atomically: true, encoding: .utf8)
            let imported = try await database.run(["expense", "import", one.path, "--create-missing"])
            #expect(imported.output.hasPrefix("Imported 1 expense totalling 3.00"), "\(imported.output)")
            #expect(imported.output.contains("(created 1 user, 1 category)"), "\(imported.output)")
            let chart = try await database.run(["report", "monthly", "--user", "a@example.com", "--month", "2024-01", "--chart"])
            #expect(chart.output.hasSuffix("total 3.00 in 1 expense\n"), "\(chart.output)")
            let everything = try await database.run(["--help"]).output + (try await database.run(["expense", "import", one.path])).errorOutput
            #expect(!everything.contains("(s)") && !everything.contains("(ies)"))
        }
    }

    @Test("a missing user, category or expense says how to find or add one")
    func notFoundSaysWhatToDo() async throws {
        try await CLIDatabase.with(.sqlite, seeded: true) { database in
            let before = try await database.snapshot()
            let category = try await database.run(["expense", "add", "--user", "alice@example.com", "--category", "Bob's", "--amount", "1", "--description", "x"])
            #expect(category.status == 1)
            #expect(category.errorOutput == "persist: error: no category 'Bob's' (`persist category list` shows them; `persist category add -- 'Bob'\\''s'` adds it)\n")
            let user = try await database.run(["report", "monthly", "--user", "nobody@example.com", "--month", "2024-01"])
            #expect(user.errorOutput.contains("`persist user add --email='nobody@example.com' --name NAME` adds one"), "\(user.errorOutput)")
            // The nearest existing names, ignoring case; none when nothing is close.
            let typo = try await database.run(["expense", "add", "--user", "alice@example.com", "--category", "fod", "--amount", "1", "--description", "x"])
            #expect(typo.errorOutput == "persist: error: no category 'fod' (did you mean 'Food'? `persist category list` shows them; `persist category add -- 'fod'` adds it)\n")
            let email = try await database.run(["report", "monthly", "--user", "alice@exampel.com", "--month", "2024-01"])
            #expect(email.status == 1 && email.errorOutput.contains("(did you mean 'alice@example.com'? "), "\(email.errorOutput)")
            #expect(try await database.snapshot() == before)
        }
    }

    @Test("gate --ledger with a missing file: runtime failure (1), as the exit-code table says")
    func gateMissingLedger() async throws {
        try await CLIDatabase.with(.sqlite, seeded: true) { database in
            let result = try await database.run(["gate", "--ledger", "absent.csv", "--user", "alice@example.com", "--month", "2024-01"])
            #expect(result.status == 1)
            #expect(result.errorOutput == "persist: error: cannot open the ledger absent.csv: no such readable file\n")
        }
    }

    @Test("a multi-line description stays on one table line, marked; CSV and JSON keep it")
    func multiLineDescriptions() async throws {
        try await CLIDatabase.with(.sqlite, seeded: true) { database in
            let added = try await database.run(["expense", "add", "--user", "alice@example.com", "--category", "Food", "--amount", "2", "--description", "two\nlines\tand a tab", "--date", "2024-01-30"])
            #expect(added.status == 0, "\(added.errorOutput)")
            let table = try await database.run(["expense", "list", "--user", "alice@example.com"])
            #expect(table.output.contains("two⏎lines and a tab"))
            #expect(table.output.split(separator: "\n").count == 2 + 5)
            let csv = try await database.run(["expense", "list", "--user", "alice@example.com", "--format", "csv"])
            #expect(csv.output.contains("\"two\nlines\tand a tab\""))
        }
    }

    @Test("categories created by an import get distinct colours from the palette")
    func distinctColours() async throws {
        try await CLIDatabase.with(.sqlite) { database in
            let file = database.file("many.csv")
            let names = ["Food", "Rent", "Travel", "Books", "Health", "Gifts"]
            try ("date,user,category,amount,description\n" + names.map { "2024-01-02,a@example.com,\($0),1.00,x\n" }.joined())
                .write(to: file, atomically: true, encoding: .utf8)
            #expect(try await database.run(["expense", "import", file.path, "--create-missing"]).status == 0)
            let listed = try await database.run(["category", "list", "--format", "csv"]).output
            let colours = listed.split(separator: "\n").dropFirst().map { $0.split(separator: ",").last.map(String.init) ?? "" }
            #expect(colours.count == names.count && colours.allSatisfy(Category.palette.contains), "\(listed)")
            #expect(Set(colours).count >= 4, "\(listed)")
        }
    }
}

/// `category merge` and the new `expense list` filters, on every backend.
@Suite("Categories merge; listings filter by dates and text")
struct MergeAndFilterTests {
    @Test("merge moves every expense (every user's, transfers too) and deletes the category; totals unchanged", arguments: TestBackend.available)
    func merge(backend: TestBackend) async throws {
        try await CLIDatabase.with(backend, seeded: true) { database in
            #expect(try await database.run(["transfer", "--user", "alice@example.com", "--from", "Food", "--to", "Entertainment", "--amount", "20", "--date", "2024-01-20"]).status == 0)
            #expect(try await database.run(["user", "add", "--email", "bob@example.com", "--name", "Bob"]).status == 0)
            #expect(try await database.run(["expense", "add", "--user", "bob@example.com", "--category", "Entertainment", "--amount", "7", "--description", "film"]).status == 0)
            let report = ["report", "monthly", "--user", "alice@example.com", "--month", "2024-01", "--format", "csv"]
            let before = try await database.run(report).output
            let merged = try await database.run(["category", "merge", "Entertainment", "Food"])
            #expect(merged.status == 0 && merged.output == "Merged Entertainment into Food: 3 expenses moved, Entertainment deleted\n", "\(merged.errorOutput)")
            let after = try await database.run(report).output
            // Food 51.25 (after its transfer out) and Entertainment 50.00 become one Food of 101.25.
            #expect(before.contains("Food,3,51.25,") && before.contains("Entertainment,2,50.00,"), "\(before)")
            #expect(after == "category,count,total,share\nFood,5,101.25,69.2%\nTransportation,1,45.00,30.8%\n", "\(after)")
            let categories = try await database.run(["category", "list", "--format", "csv"]).output
            #expect(!categories.contains("Entertainment"))
            // Refused, with nothing changed: into itself, an unknown name.
            let snapshot = try await database.snapshot()
            for arguments in [["Food", "Food"], ["Nope", "Food"], ["Food", "Nope"]] {
                let refused = try await database.run(["category", "merge"] + arguments)
                #expect(refused.status != 0 && refused.errorLines.count == 1, "\(arguments): \(refused.errorOutput)")
            }
            #expect(try await database.snapshot() == snapshot)
        }
    }

    @Test("expense list --from/--to/--search: the right rows, wildcards taken literally", arguments: TestBackend.available)
    func filters(backend: TestBackend) async throws {
        try await CLIDatabase.with(backend, seeded: true) { database in
            for (description, date) in [("100% juice", "2024-01-05"), ("snack_bar", "2024-01-06"), ("LUNCH at work", "2024-02-01")] {
                #expect(try await database.run(["expense", "add", "--user", "alice@example.com", "--category", "Food", "--amount", "1", "--description", description, "--date", date]).status == 0)
            }
            func descriptions(_ arguments: [String]) async throws -> [String] {
                let result = try await database.run(["expense", "list", "--format", "csv"] + arguments)
                #expect(result.status == 0, "\(arguments): \(result.errorOutput)")
                return result.output.split(separator: "\n").dropFirst().map { String($0.split(separator: ",").last!) }
            }
            #expect(try await descriptions(["--search", "lunch"]) == ["LUNCH at work", "Lunch"])
            #expect(try await descriptions(["--search", "%"]) == ["100% juice"])
            #expect(try await descriptions(["--search", "_"]) == ["snack_bar"])
            #expect(try await descriptions(["--from", "2024-01-16", "--to", "2024-01-17"]) == ["Gas", "Lunch"])
            #expect(try await descriptions(["--from", "2024-02-01"]) == ["LUNCH at work"])
            #expect(try await descriptions(["--search", "nothing like this"]) == [])
            let backwards = try await database.run(["expense", "list", "--from", "2024-02-01", "--to", "2024-01-01"])
            #expect(backwards.status == 2 && backwards.errorLines.count == 1, "\(backwards.errorOutput)")
        }
    }
}
