import BudgetTracker
import Foundation
import PersistKit
import PersistTooling
import PersistTestSupport
import Testing

/// What people read: help with examples, a version, completions, and report output in every
/// format, compared with committed snapshots.
@Suite("Help, completions and output formats")
struct HelpAndOutputTests {
    static let snapshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    /// A fixed width, so help and tables wrap the same on every machine.
    static let fixedWidth = ["COLUMNS": "100"]

    static let commands = [
        "", "proof", "proof write", "proof read", "proof run", "doctor", "migrate", "seed",
        "user", "user add", "user list", "user rename", "user delete",
        "category", "category add", "category list", "category recolor", "category delete",
        "expense", "expense add", "expense list", "expense update", "expense delete", "expense top", "expense import", "expense export",
        "report", "report monthly", "report trend", "transfer", "gate", "skill", "skill init", "skill check", "decide", "bench",
        "bench ledger", "bench serve", "serve", "user set-password", "user sessions", "user sessions revoke",
    ]

    @Test("every command's --help shows a real example", arguments: commands)
    func helpHasAnExample(command: String) async throws {
        let arguments = command.split(separator: " ").map(String.init) + ["--help"]
        let result = try await PersistBinary.run(arguments, in: try TemporaryFolder.make(), environment: Self.fixedWidth)
        #expect(result.status == 0)
        #expect(result.output.contains("USAGE: persist"), "\(command)")
        #expect(result.output.contains("Example"), "persist \(command) --help has no example")
    }

    @Test("help texts, as snapshots", arguments: ["", "report monthly", "report trend", "expense import"])
    func helpSnapshots(command: String) async throws {
        let arguments = command.split(separator: " ").map(String.init) + ["--help"]
        let result = try await PersistBinary.run(arguments, in: try TemporaryFolder.make(), environment: Self.fixedWidth)
        let name = "help-" + (command.isEmpty ? "persist" : command.replacingOccurrences(of: " ", with: "-"))
        try Snapshot.expect(result.output, named: name, in: Self.snapshots)
    }

    @Test("--version, and completion scripts for bash, zsh and fish")
    func versionAndCompletions() async throws {
        let folder = try TemporaryFolder.make()
        let version = try await PersistBinary.run(["--version"], in: folder)
        #expect(version.status == 0)
        #expect(version.output.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil, "\(version.output)")
        for shell in ["bash", "zsh", "fish"] {
            let script = try await PersistBinary.run(["--generate-completion-script", shell], in: folder)
            #expect(script.status == 0)
            #expect(script.output.contains("persist"))
            #expect(script.output.contains("trend"), "\(shell) completions know the subcommands")
        }
    }

    @Test("report output in every format, as snapshots")
    func reportSnapshots() async throws {
        try await CLIDatabase.with(.sqlite, seeded: true) { database in
            let monthly = ["report", "monthly", "--user", "alice@example.com", "--month", "2024-01"]
            let trend = ["report", "trend", "--user", "alice@example.com", "--months", "3", "--until", "2024-02"]
            for (name, arguments) in [
                ("monthly-table", monthly), ("monthly-json", monthly + ["--format", "json"]), ("monthly-csv", monthly + ["--format", "csv"]),
                ("monthly-chart", monthly + ["--chart"]),
                ("trend-table", trend), ("trend-json", trend + ["--format", "json"]), ("trend-csv", trend + ["--format", "csv"]),
                ("expense-list-narrow", ["expense", "list", "--user", "alice@example.com"]),
                ("migrate-status-table", ["migrate", "--status"]), ("migrate-status-csv", ["migrate", "--status", "--format", "csv"]),
                ("migrate-status-json", ["migrate", "--status", "--format", "json"]),
            ] {
                // A narrow table shortens its text to fit, on a terminal only.
                let result = name.hasSuffix("narrow")
                    ? try await database.runOnTerminal(arguments, environment: ["COLUMNS": "56", "NO_COLOR": "1"])
                    : try await { let run = try await database.run(arguments, environment: ["COLUMNS": "72"]); return (run.status, run.output) }()
                #expect(result.status == 0, "\(name)")
                try Snapshot.expect(result.output, named: name, in: Self.snapshots)
            }
        }
    }

    @Test("a pipe gets every character, whatever COLUMNS says")
    func pipesAreNeverShortened() async throws {
        try await CLIDatabase.with(.sqlite, seeded: true) { database in
            let long = String(repeating: "long description ", count: 8)
            #expect(try await database.run(["expense", "add", "--user", "alice@example.com", "--category", "Food", "--amount", "1", "--description", long]).status == 0)
            let piped = try await database.run(["expense", "list"], environment: ["COLUMNS": "56"])
            #expect(piped.output.contains(long.trimmingCharacters(in: .whitespaces)))
            let terminal = try await database.runOnTerminal(["expense", "list"], environment: ["COLUMNS": "56", "NO_COLOR": "1"])
            #expect(!terminal.output.contains(long.trimmingCharacters(in: .whitespaces)) && terminal.output.contains("…"))
        }
    }

    @Test("colour: category colours when forced, none with NO_COLOR or in a pipe")
    func colours() async throws {
        try await CLIDatabase.with(.sqlite, seeded: true) { database in
            let chart = ["report", "monthly", "--user", "alice@example.com", "--month", "2024-01", "--chart"]
            // Empty NO_COLOR counts as unset (the test runner may set it).
            let forced = try await database.run(chart, environment: ["CLICOLOR_FORCE": "1", "NO_COLOR": "", "COLORTERM": "truecolor"])
            // Food is #FF6B6B: 24-bit where the terminal says it takes it, else the nearest of 256.
            #expect(forced.output.contains("\u{1B}[38;2;255;107;107m"))
            let palette = try await database.run(chart, environment: ["CLICOLOR_FORCE": "1", "NO_COLOR": "", "COLORTERM": ""])
            #expect(palette.output.contains("\u{1B}[38;5;210m"), "\(palette.output.debugDescription)")
            let noColor = try await database.run(chart, environment: ["CLICOLOR_FORCE": "1", "NO_COLOR": "1"])
            #expect(!noColor.output.contains("\u{1B}["))
            let piped = try await database.run(chart)
            #expect(!piped.output.contains("\u{1B}["))
            #expect(piped.output.contains("█"))
            let refused = try await database.run(chart + ["--format", "json"])
            #expect(refused.status == 2)
            #expect(refused.errorLines.count == 1)
        }
    }

    @Test("import progress: a bar on a terminal, nothing in a pipe")
    func progressOnlyOnATerminal() async throws {
        try await CLIDatabase.with(.sqlite) { database in
            let ledger = database.file("ledger.csv")
            try await offPool { [ledger] in try LedgerGenerator.write(rows: 25_000, to: ledger) }
            let piped = try await database.run(["expense", "import", ledger.path, "--create-missing"])
            #expect(piped.status == 0)
            #expect(piped.errorOutput.isEmpty)
            // util-linux `script` gives the command a pseudo-terminal; its output holds both streams.
            var environment = ProcessInfo.processInfo.environment
            environment["DATABASE_URL"] = database.scratch.urlText
            let command = "'\(PersistBinary.url.path)' expense import --again '\(ledger.path)'"
            let terminal = try await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/script"), ["-qec", command, "/dev/null"],
                                                      environment: environment, directory: database.scratch.folder)
            #expect(terminal.status == 0, "\(terminal.output)")
            #expect(terminal.output.contains("imported ["), "\(terminal.output)")
            #expect(terminal.output.contains("100% 25000 rows"))
            #expect(terminal.output.contains("Imported 25000 expenses"))
        }
    }
}
