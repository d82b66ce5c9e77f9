import BudgetTracker
import Foundation
import PersistKit
import PersistTooling
import PersistTestSupport
import SQLKit
import Testing

/// Bad input on every command: a non-zero exit, exactly one clear line naming what is wrong, no
/// crash or stack trace, and not a byte of the database changed.
@Suite("Hostile and malformed input")
struct HostileInputTests {
    /// One invocation and what must come of it.
    struct Case: Sendable, CustomStringConvertible {
        let arguments: [String]
        /// The exit status; 0 for input that is legitimate and must be accepted.
        let status: Int32
        /// Text the error line must contain (the field or the thing at fault).
        let naming: String
        var description: String { arguments.joined(separator: " ") }
    }

    static func add(amount: String = "1.00", date: String = "2024-01-10", description: String = "x",
                    user: String = "alice@example.com", category: String = "Food") -> [String] {
        ["expense", "add", "--user", user, "--category", category, "--amount", amount, "--date", date, "--description", description]
    }

    /// Files the CSV cases import, written into the database's folder before the cases run.
    static let csvFiles: [String: Data] = {
        let header = "date,user,category,amount,description\n"
        let row = "2024-01-05,alice@example.com,Food,1.00,ok\n"
        var files: [String: Data] = [
            "empty.csv": Data(),
            // Found by the import fuzzer: a file holding only a byte-order mark crashed the reader.
            "bom-only.csv": Data([0xEF, 0xBB, 0xBF]),
            "header-only.csv": Data(header.utf8),
            "unterminated.csv": Data((header + "2024-01-05,alice@example.com,Food,1.00,\"open\n" + row).utf8),
            "stray-quote.csv": Data((header + "2024-01-05,alice@example.com,Food,1.00,a\"b\"c\n").utf8),
            "duplicate-columns.csv": Data("date,user,category,amount,amount,description\n2024-01-05,alice@example.com,Food,1.00,2.00,x\n".utf8),
            "missing-column.csv": Data("date,user,amount,description\n2024-01-05,alice@example.com,1.00,x\n".utf8),
            "extra-field.csv": Data((header + row + "2024-01-05,alice@example.com,Food,1.00,x,surplus\n").utf8),
            "short-row.csv": Data((header + row + "2024-01-05,alice@example.com,Food\n").utf8),
            "bad-amount.csv": Data((header + row + "2024-01-05,alice@example.com,Food,1e3,x\n").utf8),
            "bad-date.csv": Data((header + row + "2024-02-30,alice@example.com,Food,1.00,x\n").utf8),
            "unknown-user.csv": Data((header + row + "2024-01-05,ghost@example.com,Food,1.00,x\n").utf8),
            "nul.csv": Data((header + row + "2024-01-05,alice@example.com,Food,1.00,a\u{0}b\n").utf8),
            "long-description.csv": Data((header + row + "2024-01-05,alice@example.com,Food,1.00,\(String(repeating: "d", count: 201))\n").utf8),
            "ten-megabyte-field.csv": Data((header + row + "2024-01-05,alice@example.com,Food,1.00,\"" + String(repeating: "z", count: 10 << 20) + "\"\n").utf8),
            "million-columns.csv": Data((header + String(repeating: ",", count: 999_999) + "\n").utf8),
            "binary.bin": Data((0..<4_096).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }),
        ]
        files["invalid-utf8.csv"] = Data(header.utf8) + Data("2024-01-05,alice@example.com,Food,1.00,caf".utf8) + Data([0xC3, 0x28]) + Data("\n".utf8)
        return files
    }()

    static let legitimateFiles: [String: Data] = [
        "bom.csv": Data([0xEF, 0xBB, 0xBF]) + Data("date,user,category,amount,description\n2024-01-05,alice@example.com,Food,1.00,with a BOM\n".utf8),
        "crlf.csv": Data("date,user,category,amount,description\r\n2024-01-06,alice@example.com,Food,2.00,\"CRLF, quoted\"\r\n".utf8),
    ]

    static let cases: [Case] = {
        var cases: [Case] = []
        func bad(_ arguments: [String], _ status: Int32, _ naming: String) { cases.append(Case(arguments: arguments, status: status, naming: naming)) }
        // Database URLs: usage errors, never touching a database.
        for url in ["mysql://root:hunter2@localhost/app", "hunter2", "postgresql://app:hunter2@/app", "postgresql://app:hunter2@localhost:99999/app",
                    "postgresql://app:hunter2@localhost/app?sslmode=always", "sqlite://host/app.db", "://", "postgresql://app:hunter2@[::1/app",
                    "postgresql://app:hunter2@localhost/app?pool_size=0", "postgresql://app:hunter2@localhost/app?connect_timeout=abc"] {
            bad(["user", "list", "--database-url", url], 2, "--database-url")
        }
        // Amounts.
        for amount in ["abc", "1e3", "0x10", "12.345", "-0.00", "NaN", "Infinity", String(repeating: "9", count: 400), "", " ", "1,000.00", "+-1", "1.2.3", "٣", "--5", "0"] {
            bad(add(amount: amount), 2, "amount")
        }
        // Dates.
        for date in ["2024-02-30", "2024-13-01", "24-01-01", "2024-1-1", "2023-02-29", "2024-01-01T00:00", "", "yesterday"] {
            bad(add(date: date), 2, "date")
        }
        // Emails and names.
        for email in ["alice.example.com", "al ice@example.com", String(repeating: "a", count: 89) + "@example.com", "a@b", "@example.com", "a@.com", "a@b.c.", ""] {
            bad(["user", "add", "--email", email, "--name", "A"], 2, "email")
        }
        bad(["user", "add", "--email", "new@example.com", "--name", ""], 2, "name")
        bad(["user", "add", "--email", "new@example.com", "--name", String(repeating: "n", count: 101)], 2, "name")
        bad(["user", "add", "--email", "alice@example.com", "--name", "Again"], 1, "already exists")
        bad(["user", "rename", "ghost@example.com", "--name", "G"], 1, "ghost@example.com")
        bad(["user", "delete", "ghost@example.com"], 1, "ghost@example.com")
        // Descriptions, categories, colours.
        bad(add(description: String(repeating: "d", count: 201)), 2, "description")
        bad(add(description: "   "), 2, "description")
        bad(add(description: "bell\u{7}"), 2, "description")
        bad(add(user: "ghost@example.com"), 1, "ghost@example.com")
        bad(add(category: "Nowhere"), 1, "Nowhere")
        bad(["category", "add", String(repeating: "c", count: 51)], 2, "category")
        bad(["category", "add", "Food"], 1, "Food")
        bad(["category", "add", "New", "--color", "blue"], 2, "color")
        bad(["category", "add", "New", "--color", "#12345G"], 2, "color")
        bad(["category", "recolor", "Nowhere", "--color", "#123456"], 1, "Nowhere")
        bad(["category", "delete", "Food"], 1, "Food")
        // Expenses by id, listings.
        bad(["expense", "update", "999999", "--amount", "2.00"], 1, "999999")
        bad(["expense", "update", "abc", "--amount", "2.00"], 2, "id")
        bad(["expense", "update", "1"], 2, "changes")
        bad(["expense", "delete", "-1"], 2, "<id>")
        bad(["expense", "list", "--limit", "0"], 2, "limit")
        bad(["expense", "list", "--month", "2024-13"], 2, "month")
        bad(["expense", "top", "--user", "alice@example.com", "--limit", "-3"], 2, "limit")
        bad(["expense", "export", "--month", "24-01"], 2, "month")
        // Reports, transfers, the gate.
        bad(["report", "monthly", "--user", "alice@example.com", "--month", "2024-00"], 2, "month")
        // Line breaks and control characters in a value stay inside the one error line, escaped.
        bad(["report", "monthly", "--user", "alice@example.com", "--month", "2024-01\n"], 2, "'2024-01\\n'")
        bad(["report", "monthly", "--user", "x\ny@example.com", "--month", "2024-01"], 2, "email")
        bad(["expense", "add", "--user", "alice@example.com", "--category", "Fo\u{7}od", "--amount", "1", "--description", "x"], 2, "category")
        bad(["expense", "list", "--month", String(repeating: "9", count: 100_000)], 2, "(cut)")
        // One letter with 60,000 combining marks is one character, and still must not make a huge line.
        bad(["expense", "list", "--month", "a" + String(repeating: "\u{301}", count: 60_000)], 2, "(cut)")
        bad(["report", "monthly", "--user", "alice@example.com", "--month", "2024\u{2028}01"], 2, "\\u{2028}")
        bad(["expense", "list", "--month", "2024-01\u{202E}"], 2, "\\u{202e}")
        bad(["migrate", "--format", "json"], 2, "--format only goes with --status")
        bad(["report", "monthly", "--user", "not-an-email", "--month", "2024-01"], 2, "email")
        bad(["report", "monthly", "--user", "ghost@example.com", "--month", "2024-01"], 1, "ghost@example.com")
        bad(["report", "monthly", "--user", "alice@example.com", "--month", "2024-01", "--verify-against", "absent.csv"], 1, "absent.csv")
        bad(["report", "monthly", "--user", "alice@example.com", "--month", "2024-01", "--verify-against", "empty.csv", "--tolerance", "-1"], 2, "tolerance")
        bad(["transfer", "--user", "alice@example.com", "--from", "Food", "--to", "Food", "--amount", "1"], 2, "categories")
        bad(["transfer", "--user", "alice@example.com", "--from", "Food", "--to", "Entertainment", "--amount", "0"], 2, "amount")
        bad(["transfer", "--user", "alice@example.com", "--from", "Food", "--to", "Nowhere", "--amount", "1"], 1, "Nowhere")
        bad(["gate", "--ledger", "absent.csv", "--user", "alice@example.com", "--month", "2024-01"], 1, "absent.csv")
        // The other commands.
        bad(["proof", "write", "--name", ""], 2, "name")
        bad(["proof", "write", "--name", String(repeating: "m", count: 101)], 2, "name")
        bad(["decide", "--expected-rows", "-5"], 2, "expected-rows")
        bad(["bench", "--rows", "0"], 2, "rows")
        bad(["skill", "check", "no-such-folder"], 1, "no-such-folder")
        bad(["migrate", "--status", "--revert"], 2, "--revert")
        bad(["frobnicate"], 2, "frobnicate")
        bad(["user", "list", "--format", "xml"], 2, "format")
        // CSV files.
        for (file, naming) in [
            ("empty.csv", "empty"), ("bom-only.csv", "empty"), ("unterminated.csv", "quote"), ("stray-quote.csv", "quote"), ("duplicate-columns.csv", "amount"),
            ("missing-column.csv", "category"), ("extra-field.csv", "row 3"), ("short-row.csv", "row 3"), ("bad-amount.csv", "row 3"),
            ("bad-date.csv", "row 3"), ("unknown-user.csv", "ghost@example.com"), ("nul.csv", "description"), ("long-description.csv", "description"),
            ("ten-megabyte-field.csv", "field"), ("million-columns.csv", "fields"), ("invalid-utf8.csv", "UTF-8"), ("binary.bin", "row"),
            ("absent.csv", "absent.csv"), (".", "folder"),
        ] {
            bad(["expense", "import", file], 1, naming)
        }
        return cases
    }()

    @Test("at least 60 bad invocations, each refused cleanly with the database unchanged", arguments: TestBackend.available.filter { $0 != .pgbouncer })
    func refused(backend: TestBackend) async throws {
        #expect(Self.cases.count >= 60)
        try await CLIDatabase.with(backend, seeded: true) { database in
            let folder = database.scratch.folder
            try await offPool { for (name, content) in Self.csvFiles { try content.write(to: folder.appendingPathComponent(name)) } }
            let before = try await database.snapshot()
            for hostile in Self.cases {
                let result = try await database.run(hostile.arguments)
                #expect(result.status == hostile.status, "\(hostile): \(result.errorOutput)")
                #expect(result.errorOutput.utf8.count < 10_000, "\(hostile): an error line of \(result.errorOutput.utf8.count) bytes")
                #expect(result.errorLines.count == 1, "\(hostile): \(result.errorOutput)")
                #expect(result.errorOutput.hasPrefix("persist: error: "), "\(hostile): \(result.errorOutput)")
                #expect(result.errorOutput.contains(hostile.naming), "\(hostile): \(result.errorOutput)")
                #expect(!result.errorOutput.contains("hunter2"), "\(hostile)")
                #expect(!result.errorOutput.contains("Fatal error") && !result.errorOutput.contains("Backtrace"), "\(hostile)")
            }
            #expect(try await database.snapshot() == before)
        }
    }

    @Test("legitimate odd input is accepted: a BOM, CRLF line ends, a header with no rows", arguments: TestBackend.available.filter { $0 != .pgbouncer })
    func accepted(backend: TestBackend) async throws {
        try await CLIDatabase.with(backend, seeded: true) { database in
            var files = Self.legitimateFiles
            files["header-only.csv"] = Self.csvFiles["header-only.csv"]
            for (name, content) in files { try content.write(to: database.file(name)) }
            for (file, rows) in [("bom.csv", 1), ("crlf.csv", 1), ("header-only.csv", 0)] {
                let result = try await database.run(["expense", "import", file])
                #expect(result.status == 0, "\(file): \(result.errorOutput)")
                #expect(result.output.hasPrefix("Imported \(rows) expense\(rows == 1 ? "" : "s")"), "\(file): \(result.output)")
            }
            let list = try await database.run(["expense", "list", "--format", "csv"])
            #expect(list.output.contains("with a BOM"))
            #expect(list.output.contains("\"CRLF, quoted\""))
        }
    }

    @Test("SQL in the data is data: stored and read back literally", arguments: TestBackend.available)
    func injectionIsData(backend: TestBackend) async throws {
        try await CLIDatabase.with(backend, seeded: true) { database in
            let hostile = "'; DROP TABLE expenses; --"
            #expect(try await database.run(["category", "add", hostile]).status == 0)
            #expect(try await database.run(["user", "add", "--email", "bobby@example.com", "--name", "Robert'); DROP TABLE users;--"]).status == 0)
            let added = try await database.run(Self.add(description: hostile, user: "bobby@example.com", category: hostile))
            #expect(added.status == 0, "\(added.errorOutput)")
            let listed = try await database.run(["expense", "list", "--user", "bobby@example.com", "--format", "json"])
            let rows = try JSONSerialization.jsonObject(with: Data(listed.output.utf8)) as? [[String: Any]]
            #expect(rows?.first?["description"] as? String == hostile)
            #expect(rows?.first?["category"] as? String == hostile)
            let users = try await database.run(["user", "list", "--format", "csv"])
            #expect(users.output.contains("Robert'); DROP TABLE users;--"))
            #expect(try await database.count("expenses") == 5)
        }
    }

    @Test("an argument that is not valid UTF-8 is refused, not silently repaired")
    func invalidUTF8Argument() async throws {
        try await CLIDatabase.with(.sqlite, seeded: true) { database in
            let before = try await database.snapshot()
            var environment = ProcessInfo.processInfo.environment
            environment["DATABASE_URL"] = database.scratch.urlText
            let result = try await ChildProcess.run(
                URL(fileURLWithPath: "/bin/sh"),
                ["-c", #"exec "$0" expense add --user alice@example.com --category Food --amount 1 --description "$(printf 'caf\303\050')""#, PersistBinary.url.path],
                environment: environment, directory: database.scratch.folder
            )
            #expect(result.status == 2, "\(result.errorOutput)")
            #expect(result.errorLines.count == 1, "\(result.errorOutput)")
            #expect(result.errorOutput.contains("UTF-8"), "\(result.errorOutput)")
            #expect(try await database.snapshot() == before)
        }
    }
}
