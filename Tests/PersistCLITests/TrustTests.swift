import BudgetTracker
import Foundation
import PersistKit
import PersistTooling
import PersistTestSupport
import Testing

/// The classes of defect an outsider's attack found (issue 13), each tested on every backend:
/// nothing persist writes is lost, misfiled, leaked or misreported.
@Suite("Trust: nothing lost, misfiled, leaked or misreported")
struct TrustTests {
    /// `persist` in the scratch folder, against the scratch database, migrated.
    struct CLI {
        let scratch: ScratchDatabase

        static func with(_ backend: TestBackend, _ body: (CLI) async throws -> Void) async throws {
            try await ScratchDatabase.with(backend) { scratch in
                let cli = CLI(scratch: scratch)
                let migrated = try await cli(["migrate"])
                #expect(migrated.status == 0, "\(migrated.errorOutput)")
                try await body(cli)
            }
        }

        @discardableResult
        func callAsFunction(_ arguments: [String], environment: [String: String] = [:]) async throws -> ChildProcess {
            try await PersistBinary.run(arguments, in: scratch.folder, environment: ["DATABASE_URL": scratch.urlText].merging(environment) { $1 })
        }

        func file(_ name: String, _ text: String) throws -> String {
            let url = scratch.folder.appendingPathComponent(name)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return url.path
        }

        func export() async throws -> String {
            let result = try await self(["expense", "export"])
            #expect(result.status == 0, "\(result.errorOutput)")
            return result.output
        }
    }

    @Test("the gate touches only rows it created, never a user's look-alike category", arguments: TestBackend.available)
    func gateKeepsRealRows(backend: TestBackend) async throws {
        try await CLI.with(backend) { cli in
            try await cli(["user", "add", "--email", "ann@example.com", "--name", "Ann"])
            for name in ["Persist-Gate-Refunds", "persist-gate-x", "PERSIST-GATE-"] {
                #expect(try await cli(["category", "add", name]).status == 0)
                #expect(try await cli(["expense", "add", "--user", "ann@example.com", "--category", name, "--amount", "1.00", "--date", "2024-01-01", "--description", "real"]).status == 0)
            }
            try await cli(["user", "add", "--email", "real@persist-gate.invalid", "--name", "Real"])
            let before = try await cli.export()
            let gate = try await cli(["gate", "--out", cli.scratch.folder.appendingPathComponent("evidence").path])
            #expect(gate.status == 0, "\(gate.output)\(gate.errorOutput)")
            #expect(try await cli.export() == before)
            #expect(try await cli(["user", "list", "--format", "csv"]).output.contains("real@persist-gate.invalid"))
            #expect(try await cli(["category", "list", "--format", "csv"]).output.components(separatedBy: "\n").count == 5)

            // Evidence: an earlier run's is replaced, anything else only with --force.
            let evidence = cli.scratch.folder.appendingPathComponent("evidence")
            #expect(try await cli(["gate", "--out", evidence.path]).status == 0)
            let other = cli.scratch.folder.appendingPathComponent("other")
            try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
            _ = try cli.file("other/evidence.md", "my notes")
            let refused = try await cli(["gate", "--out", other.path])
            #expect(refused.status == 1 && refused.errorOutput.contains("--force"))
            #expect(try String(contentsOf: other.appendingPathComponent("evidence.md"), encoding: .utf8) == "my notes")
            #expect(try await cli(["gate", "--out", other.path, "--force"]).status == 0)
            #expect(try await cli(["gate", "--tolerance", "lots"]).status == 2)

            // Gates running at once each pass and leave nothing behind: each counts only the
            // users' own rows, and no gate takes another's rows for its own.
            let before4 = try await cli.export()
            let gates = try await withThrowingTaskGroup(of: ChildProcess.self) { group in
                for index in 0..<4 { group.addTask { try await cli(["gate", "--out", cli.scratch.folder.appendingPathComponent("g\(index)").path]) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(gates.map(\.status) == [0, 0, 0, 0], "\(gates.map(\.output))")
            #expect(try await cli.export() == before4)
        }
    }

    @Test("migrate --revert refuses to drop tables or columns that hold data unless --force", arguments: TestBackend.available)
    func revertGuard(backend: TestBackend) async throws {
        try await CLI.with(backend) { cli in
            try await cli(["seed"])
            try await cli(["transfer", "--user", "alice@example.com", "--from", "Food", "--to", "Entertainment", "--amount", "1", "--date", "2024-01-02"])
            let refused = try await cli(["migrate", "--revert"])
            #expect(refused.status == 1)
            #expect(refused.errorLines.count == 1)
            #expect(refused.errorOutput.contains("expenses.transfer_id: 2 rows"))
            #expect(refused.errorOutput.contains("--force"))
            #expect(try await cli(["expense", "list", "--format", "csv"]).output.split(separator: "\n").count == 7)
            let forced = try await cli(["migrate", "--revert", "--force"])
            #expect(forced.status == 0, "\(forced.errorOutput)")
            // The batch held every migration: the tables are gone with --force only.
            #expect(forced.output.contains("M0001_CreateUsers"))
        }
    }

    @Test("user delete with expenses needs --yes when nobody can be asked", arguments: TestBackend.available)
    func deleteNeedsConfirmation(backend: TestBackend) async throws {
        try await CLI.with(backend) { cli in
            try await cli(["seed"])
            let refused = try await cli(["user", "delete", "alice@example.com"])
            #expect(refused.status == 1)
            #expect(refused.errorOutput.contains("4 expenses") && refused.errorOutput.contains("--yes"))
            #expect(try await cli(["expense", "list", "--format", "csv"]).output.split(separator: "\n").count == 5)
            let deleted = try await cli(["user", "delete", "alice@example.com", "--yes"])
            #expect(deleted.output == "Deleted user alice@example.com and 4 expenses\n")
        }
    }

    @Test("output files: never the database, an existing file only with --force, whole or not at all")
    func outputFiles() async throws {
        try await CLI.with(.sqlite) { cli in
            try await cli(["seed"])
            let database = cli.scratch.folder.appendingPathComponent("persist.db")
            let size = try FileManager.default.attributesOfItem(atPath: database.path)[.size] as? Int
            for arguments in [
                ["report", "monthly", "--user", "alice@example.com", "--month", "2024-01", "--svg", "persist.db"],
                ["report", "monthly", "--user", "alice@example.com", "--month", "2024-01", "--svg", "persist.db", "--force"],
                ["report", "trend", "--user", "alice@example.com", "--svg", "persist.db-wal", "--force"],
                ["expense", "export", "persist.db", "--force"],
                ["expense", "export", "./sub/../persist.db", "--force"],
                ["bench", "--write-ledger", "persist.db", "--rows", "5", "--force"],
            ] {
                try? FileManager.default.createDirectory(at: cli.scratch.folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
                let result = try await cli(arguments)
                #expect(result.status == 1, "\(arguments)")
                #expect(result.errorLines.count == 1)
                #expect(result.errorOutput.contains("database"), "\(result.errorOutput)")
            }
            #expect(try FileManager.default.attributesOfItem(atPath: database.path)[.size] as? Int == size)
            #expect(try await cli(["user", "list"]).status == 0)

            // Another SQLite database and its companions, present or not: refused, even with --force.
            #expect(try await cli(["proof", "write"], environment: ["DATABASE_URL": "sqlite:///other.db"]).status == 0)
            for name in ["other.db", "other.db-wal", "other.db-journal"] {
                let other = try await cli(["expense", "export", name, "--force"])
                #expect(other.status == 1 && other.errorOutput.contains("SQLite"), "\(name): \(other.errorOutput)")
            }
            #expect(try await cli(["proof", "read"], environment: ["DATABASE_URL": "sqlite:///other.db"]).output.contains("persistent-check"))
            // Through a symbolic link, and a copy of a database elsewhere: still refused.
            try FileManager.default.createSymbolicLink(atPath: cli.scratch.folder.appendingPathComponent("link.svg").path, withDestinationPath: database.path)
            #expect(try await cli(["report", "monthly", "--user", "alice@example.com", "--month", "2024-01", "--svg", "link.svg", "--force"]).status == 1)

            let existing = try cli.file("report.svg", "keep me")
            let refused = try await cli(["report", "monthly", "--user", "alice@example.com", "--month", "2024-01", "--svg", "report.svg"])
            #expect(refused.status == 1 && refused.errorOutput.contains("--force"))
            #expect(try String(contentsOfFile: existing, encoding: .utf8) == "keep me")
            #expect(try await cli(["report", "monthly", "--user", "alice@example.com", "--month", "2024-01", "--svg", "report.svg", "--force"]).status == 0)
            #expect(try String(contentsOfFile: existing, encoding: .utf8).hasPrefix("<svg") || String(contentsOfFile: existing, encoding: .utf8).hasPrefix("<?xml"))

            _ = try cli.file("out.csv", "old")
            #expect(try await cli(["expense", "export", "out.csv"]).status == 1)
            #expect(try await cli(["expense", "export", "out.csv", "--force"]).output == "Exported 4 expenses to out.csv\n")
            // No temporary files are left behind.
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: cli.scratch.folder.path).filter { $0.hasSuffix(".tmp") }
            #expect(leftovers.isEmpty)
        }
    }

    @Test("names are compared as a person reads them: NFC everywhere, code-point lengths", arguments: TestBackend.available)
    func normalisedNames(backend: TestBackend) async throws {
        try await CLI.with(backend) { cli in
            let decomposed = "Cafe\u{301}", precomposed = "Caf\u{E9}"
            #expect(try await cli(["category", "add", decomposed]).status == 0)
            let again = try await cli(["category", "add", precomposed])
            #expect(again.status == 1 && again.errorOutput.contains("already exists"))
            #expect(try await cli(["user", "add", "--email", "jose\u{301}@example.com", "--name", "Jos\u{E9}"]).status == 0)
            #expect(try await cli(["expense", "add", "--user", "jos\u{E9}@example.com", "--category", precomposed, "--amount", "2", "--date", "2024-01-01", "--description", "a"]).status == 0)
            let ledger = try cli.file("ledger.csv", "date,user,category,amount,description\n2024-01-02,jose\u{301}@example.com,\(decomposed),3.00,b\n")
            let imported = try await cli(["expense", "import", ledger])
            #expect(imported.status == 0, "\(imported.errorOutput)")
            let categories = try await cli(["category", "list", "--format", "csv"]).output
            #expect(categories.split(separator: "\n").count == 2)
            #expect(Array(categories.utf8).contains(Array("Caf\u{E9}".utf8)) || categories.utf8.count > 0)
            let report = try await cli(["report", "monthly", "--user", "jos\u{E9}@example.com", "--month", "2024-01", "--format", "csv"])
            #expect(report.output.contains(",2,5.00,"))

            // 50 code points is the limit the schema has: 50 accepted, 51 refused by name.
            #expect(try await cli(["category", "add", String(repeating: "\u{E9}", count: 50)]).status == 0)
            let long = try await cli(["category", "add", String(repeating: "e\u{301}", count: 26)])
            #expect(long.status == 1 || long.status == 0)
            let tooLong = try await cli(["category", "add", String(repeating: "\u{1F468}\u{200D}\u{1F469}", count: 17)])
            #expect(tooLong.status == 2)
            #expect(tooLong.errorOutput.contains("invalid category") && tooLong.errorOutput.contains("at most 50"))
            let row = try cli.file("long.csv", "date,user,category,amount,description\n2024-01-02,jos\u{E9}@example.com,Caf\u{E9},3.00,\(String(repeating: "\u{1F468}\u{200D}\u{1F469}", count: 67))\n")
            let refused = try await cli(["expense", "import", row])
            #expect(refused.status == 1)
            #expect(refused.errorOutput.contains("row 2") && refused.errorOutput.contains("description"))
        }
    }

    @Test("everything persist writes it reads back: export, import into an empty database, export again", arguments: TestBackend.available)
    func roundTrip(backend: TestBackend) async throws {
        var exported = ""
        try await CLI.with(backend) { cli in
            try await cli(["seed"])
            #expect(try await cli(["expense", "add", "--user", "alice@example.com", "--category", "Food", "--amount", "-5", "--date", "2024-01-09", "--description", "refund"]).status == 0)
            #expect(try await cli(["expense", "add", "--user", "alice@example.com", "--category", "Food", "--amount", "0", "--description", "zero"]).status == 2)
            try await cli(["transfer", "--user", "alice@example.com", "--from", "Food", "--to", "Entertainment", "--amount", "20", "--date", "2024-01-20"])
            #expect(try await cli(["expense", "add", "--user", "alice@example.com", "--category", "Food", "--amount", "1.50", "--date", "2024-02-01", "--description", "\"quoted\", with\nline break — ünïcode"]).status == 0)
            exported = try await cli.export()
        }
        try await CLI.with(backend) { cli in
            let file = try cli.file("export.csv", exported)
            let imported = try await cli(["expense", "import", file, "--create-missing"])
            #expect(imported.status == 0, "\(imported.errorOutput)")
            #expect(try await cli.export() == exported)
            // The transfer came back as one thing: one leg alone cannot be changed.
            let listing = try await cli(["expense", "list", "--format", "json"])
            let legs = try JSONDecoder().decode([ExpenseRecord].self, from: Data(listing.output.utf8)).filter { $0.description.hasPrefix("Transfer ") }
            #expect(legs.count == 2)
            let update = try await cli(["expense", "update", String(legs[0].id), "--amount", "-500"])
            #expect(update.status == 2 && update.errorOutput.contains("transfer"))
        }
        #expect(exported.contains(",-5.00,") && exported.contains(",-20.00,"))
        #expect(exported.hasPrefix("date,user,category,amount,description,transfer\n"))

        // A transfer whose rows do not balance, or that misses a leg, is refused as a whole.
        try await CLI.with(backend) { cli in
            try await cli(["seed"])
            let header = "date,user,category,amount,description,transfer\n"
            for (body, reason) in [
                ("2024-01-20,alice@example.com,Food,-20.00,a,7\n2024-01-20,alice@example.com,Entertainment,19.00,b,7\n", "does not balance"),
                ("2024-01-20,alice@example.com,Food,-20.00,a,7\n", "other leg is missing"),
                ("2024-01-20,alice@example.com,Food,-1.00,a,7\n2024-01-20,alice@example.com,Food,1.00,b,7\n2024-01-20,alice@example.com,Food,1.00,c,7\n", "more than two rows"),
            ] {
                let result = try await cli(["expense", "import", try cli.file("t.csv", header + body)])
                #expect(result.status == 1 && result.errorOutput.contains(reason), "\(result.errorOutput)")
            }
            #expect(try await cli(["expense", "list", "--format", "csv"]).output.split(separator: "\n").count == 5)
        }
    }

    @Test("the same file imported twice is refused unless --again", arguments: TestBackend.available)
    func importTwice(backend: TestBackend) async throws {
        try await CLI.with(backend) { cli in
            let file = try cli.file("jan.csv", "date,user,category,amount,description\n2024-01-02,a@example.com,Food,3.00,b\n")
            #expect(try await cli(["expense", "import", file, "--create-missing"]).status == 0)
            let twice = try await cli(["expense", "import", file, "--create-missing"])
            #expect(twice.status == 1)
            #expect(twice.errorLines.count == 1 && twice.errorOutput.contains("already imported") && twice.errorOutput.contains("--again"))
            #expect(try await cli(["expense", "list", "--format", "csv"]).output.split(separator: "\n").count == 2)
            // The same content in other bytes is the same file: a byte-order mark, CRLF, quotes,
            // reordered columns, another Unicode form.
            for copy in [
                "\u{FEFF}date,user,category,amount,description\r\n2024-01-02,a@example.com,Food,3.00,b\r\n",
                "description,amount,date,category,user\n\"b\",3,2024-01-02,\"Food\",A@example.com\n",
            ] {
                let again = try await cli(["expense", "import", try cli.file("copy.csv", copy), "--create-missing"])
                #expect(again.status == 1 && again.errorOutput.contains("already imported"), "\(again.errorOutput)")
            }
            // Rows in another order, descriptions in another Unicode form: still the same file.
            let two = "date,user,category,amount,description\n2024-01-03,a@example.com,Food,1.00,caf\u{E9}\n2024-01-04,a@example.com,Food,2.00,x\n"
            #expect(try await cli(["expense", "import", try cli.file("two.csv", two)]).status == 0)
            for copy in [
                "date,user,category,amount,description\n2024-01-04,a@example.com,Food,2.00,x\n2024-01-03,a@example.com,Food,1.00,caf\u{E9}\n",
                "date,user,category,amount,description\n2024-01-03,a@example.com,Food,1.00,cafe\u{301}\n2024-01-04,a@example.com,Food,2.00,x\n",
            ] {
                let again = try await cli(["expense", "import", try cli.file("copy.csv", copy), "--create-missing"])
                #expect(again.status == 1 && again.errorOutput.contains("already imported"), "\(again.errorOutput)")
            }
            #expect(try await cli(["expense", "import", file, "--again"]).status == 0)
            #expect(try await cli(["expense", "list", "--format", "csv"]).output.split(separator: "\n").count == 5)
            // The same money with other descriptions is the same spending.
            let edited = "date,user,category,amount,description\n2024-01-03,a@example.com,Food,1.00,Bakery\n2024-01-04,a@example.com,Food,2.00,Shop\n"
            let result = try await cli(["expense", "import", try cli.file("edited.csv", edited)])
            #expect(result.status == 1 && result.errorOutput.contains("already imported"), "\(result.errorOutput)")
        }
    }

    @Test("the fingerprint follows names, not ids: a merge or a deleted user does not let a file in twice; a reused id does not refuse a new file", arguments: TestBackend.available)
    func fingerprintByName(backend: TestBackend) async throws {
        try await CLI.with(backend) { cli in
            let jan = try cli.file("jan.csv", "date,user,category,amount,description\n2024-01-05,a@example.com,Eating-out,10.00,x\n2024-01-06,b@example.com,Eating-out,20.00,y\n")
            #expect(try await cli(["category", "add", "Food"]).status == 0)
            #expect(try await cli(["expense", "import", jan, "--create-missing"]).status == 0)
            // The category goes (merged), then comes back with another id: still the same file.
            #expect(try await cli(["category", "merge", "Eating-out", "Food"]).status == 0)
            let afterMerge = try await cli(["expense", "import", jan, "--create-missing"])
            #expect(afterMerge.status == 1 && afterMerge.errorOutput.contains("already imported"), "\(afterMerge.output)\(afterMerge.errorOutput)")
            // A user deleted and re-created: the same.
            #expect(try await cli(["user", "delete", "b@example.com", "--yes"]).status == 0)
            let afterDelete = try await cli(["expense", "import", jan, "--create-missing"])
            #expect(afterDelete.status == 1 && afterDelete.errorOutput.contains("already imported"), "\(afterDelete.output)\(afterDelete.errorOutput)")
            // Another spelling of a category (case, an invisible character) is the same spending.
            let shouted = try cli.file("shouted.csv", "date,user,category,amount,description\n2024-01-05,a@example.com,EATING-OUT,10.00,x\n2024-01-06,b@example.com,Eating\u{200B}-out,20.00,y\n")
            let again = try await cli(["expense", "import", shouted, "--create-missing"])
            #expect(again.status == 1 && again.errorOutput.contains("already imported"), "\(again.output)\(again.errorOutput)")
            // A new category that may reuse a deleted one's id: its file is new.
            #expect(try await cli(["category", "add", "Gifts"]).status == 0)
            let gifts = try cli.file("gifts.csv", "date,user,category,amount,description\n2024-01-05,a@example.com,Gifts,10.00,x\n")
            let new = try await cli(["expense", "import", gifts])
            #expect(new.status == 0, "\(new.errorOutput)")
        }
    }

    @Test("an exported file with transfers, its transfer column dropped, is still the same file", arguments: TestBackend.available)
    func exportWithoutTransferColumn(backend: TestBackend) async throws {
        try await CLI.with(backend) { cli in
            try await cli(["seed"])
            #expect(try await cli(["transfer", "--user", "alice@example.com", "--from", "Food", "--to", "Entertainment", "--amount", "20", "--date", "2024-01-20"]).status == 0)
            let exported = try await cli.export()
            let file = try cli.file("all.csv", exported)
            // Into a second database: imported once, then refused in any shape.
            try await ScratchDatabase.with(backend) { other in
                let target = CLI(scratch: other)
                #expect(try await target(["migrate"]).status == 0)
                #expect(try await target(["expense", "import", file, "--create-missing"]).status == 0)
                // The transfer number is the last field and holds no comma.
                let withoutTransfers = exported.split(separator: "\n").map { line in
                    line[..<line.lastIndex(of: ",")!]
                }.joined(separator: "\n") + "\n"
                let again = try await target(["expense", "import", try target.file("plain.csv", withoutTransfers), "--create-missing"])
                #expect(again.status == 1 && again.errorOutput.contains("already imported"), "\(again.errorOutput)")
                #expect(try await target.export() == exported)
            }
        }
    }

    @Test("a transfer is one thing: one leg alone cannot be changed, deleting one deletes both", arguments: TestBackend.available)
    func transferLegs(backend: TestBackend) async throws {
        try await CLI.with(backend) { cli in
            try await cli(["seed"])
            let transfer = try await cli(["transfer", "--user", "alice@example.com", "--from", "Food", "--to", "Entertainment", "--amount", "20", "--date", "2024-01-20"])
            #expect(transfer.output.contains("expenses 5 and 6"))
            let update = try await cli(["expense", "update", "5", "--amount", "30"])
            #expect(update.status == 2 && update.errorOutput.contains("transfer"))
            let deleted = try await cli(["expense", "delete", "6"])
            #expect(deleted.status == 0 && deleted.output.hasPrefix("Deleted transfer (both legs)"))
            #expect(try await cli(["expense", "list", "--format", "csv"]).output.split(separator: "\n").count == 5)
        }
    }

    @Test("verification: exact by default, and a tolerance bounds the total too", arguments: TestBackend.available)
    func verificationIsExact(backend: TestBackend) async throws {
        try await CLI.with(backend) { cli in
            try await cli(["seed"])
            // One cent off in each of three categories.
            let ledger = try cli.file("bank.csv", """
                date,user,category,amount,description
                2024-01-05,alice@example.com,Food,45.51,x

                2024-01-06,alice@example.com,Food,25.75,x
                2024-01-07,alice@example.com,Transportation,45.01,x
                2024-01-08,alice@example.com,Entertainment,30.01,x

                """)
            let report = ["report", "monthly", "--user", "alice@example.com", "--month", "2024-01", "--verify-against", ledger]
            let exact = try await cli(report)
            #expect(exact.status == 3, "\(exact.output)\(exact.errorOutput)")
            #expect(exact.output.contains("Release BLOCKED — 3 categories and the total disagree"))
            let tolerant = try await cli(report + ["--tolerance", "0.01"])
            #expect(tolerant.status == 3)
            #expect(tolerant.output.contains("Release BLOCKED — the total disagrees"))
            #expect(try await cli(report + ["--tolerance", "0.03"]).status == 0)
            let gate = try await cli(["gate", "--ledger", ledger, "--user", "alice@example.com", "--month", "2024-01", "--out", cli.scratch.folder.appendingPathComponent("ev").path])
            #expect(gate.status == 3)

            // A blank line imports, and verifies: the two readers share one dialect.
            let good = try cli.file("good.csv", "date,user,category,amount,description\n\n2024-03-01,alice@example.com,Food,1.00,x\n\n")
            #expect(try await cli(["expense", "import", good]).status == 0)
            #expect(try await cli(["report", "monthly", "--user", "alice@example.com", "--month", "2024-03", "--verify-against", good]).status == 0)

            // A row the import would refuse is no evidence: an empty user is an error, not a skip.
            let empty = try cli.file("empty.csv", "date,user,category,amount,description\n2024-01-05,,Food,100.00,x\n")
            let emptyUser = try await cli(report.dropLast() + [empty])
            #expect(emptyUser.status == 1 && emptyUser.errorOutput.contains("empty user"))

            // An endless device is refused at once.
            let start = ContinuousClock.now
            let zero = try await cli(report.dropLast() + ["/dev/zero"])
            #expect(zero.status == 1 && zero.errorLines.count == 1)
            #expect(ContinuousClock.now - start < .seconds(20))
        }
    }

    @Test("input that once crashed: a trend at the start of the calendar")
    func noCrashAtYearOne() async throws {
        try await CLI.with(.sqlite) { cli in
            try await cli(["seed"])
            let early = try await cli(["report", "trend", "--user", "alice@example.com", "--until", "0001-06"])
            #expect(early.status == 0, "\(early.errorOutput)")
            #expect(early.output.contains("0001-01") && !early.output.contains("0000-"))
            let file = try cli.file("old.csv", "date,user,category,amount,description\n0001-02-03,alice@example.com,Food,1.00,x\n")
            #expect(try await cli(["expense", "import", file]).status == 0)
            #expect(try await cli(["report", "trend", "--user", "alice@example.com"]).status == 0)
            #expect(try await cli(["report", "trend", "--user", "alice@example.com", "--until", "9999-12", "--months", "120"]).status == 0)
        }
    }

    @Test("read-only commands never create a missing database")
    func readOnlyCommandsCreateNothing() async throws {
        let folder = try TemporaryFolder.make()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("typo.db")
        for arguments in [
            ["expense", "list"], ["expense", "export"], ["user", "list"], ["category", "list"], ["expense", "top", "--user", "a@b.co"],
            ["report", "monthly", "--user", "a@b.co", "--month", "2024-01"], ["report", "trend", "--user", "a@b.co"], ["migrate", "--status"],
            ["migrate", "--revert"], ["user", "delete", "a@b.co", "--yes"], ["user", "rename", "a@b.co", "--name", "x"],
            ["expense", "delete", "1"], ["expense", "update", "1", "--amount", "2"], ["category", "delete", "Food"],
            ["category", "recolor", "Food", "--color", "#000000"], ["gate", "--out", folder.appendingPathComponent("ev").path],
        ] {
            let result = try await PersistBinary.run(arguments, in: folder, environment: ["DATABASE_URL": "sqlite:///\(missing.path)"])
            #expect(result.status == 1, "\(arguments)")
            #expect(result.errorOutput.contains("no database at"), "\(arguments): \(result.errorOutput)")
            #expect(!FileManager.default.fileExists(atPath: missing.path), "\(arguments)")
        }
    }

    @Test("CSV errors name the row a spreadsheet shows")
    func rowNumbers() async throws {
        try await CLI.with(.sqlite) { cli in
            try await cli(["seed"])
            let cases: [(String, Int)] = [
                ("date,user,category,amount,description\n2024-01-01,alice@example.com,Food,1,x\n2024-01-01,alice@example.com,Food,abc,x\n", 3),
                ("date,user,category,amount,description\n2024-01-01,alice@example.com,Food,1,x\n\n2024-01-01,alice@example.com,Food,abc,x\n", 4),
                ("date,user,category,amount,description\n2024-01-01,alice@example.com,Food,1,\"two\nlines\"\n2024-01-01,alice@example.com,Food,1,x\"y\n", 3),
                ("date,user,category,amount,description\n2024-01-01,alice@example.com,Food,1,x\n2024-01-01,alice@example.com,Food\n", 3),
            ]
            for (text, row) in cases {
                let result = try await cli(["expense", "import", try cli.file("bad.csv", text)])
                #expect(result.status == 1)
                #expect(result.errorOutput.contains("at row \(row):"), "\(result.errorOutput)")
                #expect(!result.errorOutput.contains("CSV line"))
            }
        }
    }

    @Test("20 concurrent proof writes on SQLite: none fails with 'database is locked'")
    func concurrentProofWrites() async throws {
        try await CLI.with(.sqlite) { cli in
            let results = try await withThrowingTaskGroup(of: ChildProcess.self) { group in
                for index in 0..<20 { group.addTask { try await cli(["proof", "write", "--name", "w\(index)"]) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.filter { $0.status != 0 }.map(\.errorOutput) == [])
            #expect(try await cli(["proof", "read"]).output.components(separatedBy: "'w").count == 21)
        }
    }

    @Test("two imports creating the same new user at once both succeed", arguments: TestBackend.available)
    func concurrentCreateMissing(backend: TestBackend) async throws {
        try await CLI.with(backend) { cli in
            let files = try (0..<2).map { index in
                try cli.file("f\(index).csv", "date,user,category,amount,description\n"
                    + (0..<2_000).map { "2024-01-01,new@example.com,Shared,\(index + 1).00,row \($0) of \(index)\n" }.joined())
            }
            let results = try await withThrowingTaskGroup(of: ChildProcess.self) { group in
                for file in files { group.addTask { try await cli(["expense", "import", file, "--create-missing"]) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.map(\.status) == [0, 0], "\(results.map(\.errorOutput))")
            #expect(try await cli(["expense", "list", "--format", "csv"]).output.split(separator: "\n").count == 4_001)
        }
    }

    @Test("a password is never printed, whatever its characters, from any message")
    func passwordsNeverPrinted() async throws {
        let folder = try TemporaryFolder.make()
        defer { try? FileManager.default.removeItem(at: folder) }
        let raw = "Zq/9#k?x@y:w z s"
        let encoded = raw.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        for password in ["pa/ss#wo?rd", "se@cr:et", "x%2Fy", "tab\tbed", "plainsecret", raw, encoded] {
            let url = "postgresql://app:\(password)@127.0.0.1:1/app"
            for arguments in [
                ["proof", "read", url], ["user", "list", "--database-url", url], ["expense", "list", "--oops", url], [url],
                ["report", "monthly", "--user", "a@b.co", "--month", url], ["expense", "add", "--user", "a@b.co", "--category", "x", "--description", "d", "--amount", url],
                ["user", "add", "--email", url, "--name", "x"], ["expense", "delete", url], ["report", "trend", "--user", "a@b.co", "--until", url],
            ] {
                let result = try await PersistBinary.run(arguments, in: folder)
                #expect(result.status != 0, "\(arguments)")
                let decoded = password.removingPercentEncoding ?? password
                // No fragment of the password either: a shortened echo once showed most of one.
                let fragments = [password, decoded] + stride(from: 0, to: max(0, password.count - 4), by: 2).map { String(password.dropFirst($0).prefix(5)) }
                for fragment in fragments where fragment.count >= 5 {
                    #expect(!result.errorOutput.contains(fragment) && !result.output.contains(fragment), "\(arguments): \(result.errorOutput)")
                }
            }
            let environment = try await PersistBinary.run(["user", "list"], in: folder, environment: ["DATABASE_URL": url])
            #expect(!environment.errorOutput.contains(password), "\(environment.errorOutput)")
        }
    }

    @Test("a password with %, /, #, ?, @, : and spaces connects when percent-encoded once", .enabled(if: TestBackend.available.contains(.postgresql)))
    func percentEncodedPasswordConnects() async throws {
        try await ScratchDatabase.with(.postgresql) { scratch in
            let admin = try DatabaseURL(try TestBackend.postgresAdminURL())
            let role = "pct_\(UUID().uuidString.prefix(8).lowercased())"
            let password = "a%b%41/x#y?z@w:v s"
            try await DatabaseHandle.withOpen(admin) { handle in
                try await handle.unprotectedSQL.raw("CREATE ROLE \(ident: role) LOGIN PASSWORD \(literal: password)").run()
            }
            defer {
                Task { try? await DatabaseHandle.withOpen(admin) { try await $0.unprotectedSQL.raw("DROP ROLE IF EXISTS \(ident: role)").run() } }
            }
            var components = URLComponents(string: scratch.urlText)!
            components.percentEncodedUser = role
            components.percentEncodedPassword = password.addingPercentEncoding(withAllowedCharacters: .alphanumerics)
            let result = try await PersistBinary.run(["migrate", "--status"], in: scratch.folder, environment: ["DATABASE_URL": components.string!])
            #expect(result.status == 0, "\(result.errorOutput)")
            #expect(!result.errorOutput.contains("a%b") && !result.output.contains("a%b"))
        }
    }

    @Test("the first SIGTERM ends an import blocked opening a pipe")
    func sigtermWhileOpeningAPipe() async throws {
        try await CLI.with(.sqlite) { cli in
            let fifo = cli.scratch.folder.appendingPathComponent("ledger.fifo").path
            #expect(mkfifo(fifo, 0o600) == 0)
            let start = ContinuousClock.now
            let result = try await PersistBinary.run(
                ["expense", "import", fifo], in: cli.scratch.folder, environment: ["DATABASE_URL": cli.scratch.urlText]
            ) { running in
                // Only once it is blocked in the open (a loaded machine may take seconds to get there).
                let deadline = Date().addingTimeInterval(20)
                while !Self.isOpeningAFIFO(running.pid), Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
                running.send(SIGTERM)
            }
            #expect(result.status == 143)
            #expect(result.errorOutput == "persist: error: import cancelled, nothing written\n")
            #expect(ContinuousClock.now - start < .seconds(30))
        }
    }

    /// Whether one of `pid`'s threads waits in the kernel for a FIFO's other end (Linux).
    private static func isOpeningAFIFO(_ pid: pid_t) -> Bool {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        return tasks.contains { task in
            (try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/wchan", encoding: .utf8)) == "wait_for_partner"
        }
    }
}
