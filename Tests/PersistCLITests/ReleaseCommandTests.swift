import Foundation
import PersistKit
import PersistTooling
import PersistTestSupport
import Testing

@Suite("Verify and gate from the command line")
struct ReleaseCommandTests {
    @Test("the capstone flow: import, report, verify, gate", arguments: TestBackend.available)
    func capstone(backend: TestBackend) async throws {
        try await ScratchDatabase.with(backend) { scratch in
            let run = { (arguments: [String]) in
                try await PersistBinary.run(arguments, in: scratch.folder, environment: ["DATABASE_URL": scratch.urlText])
            }
            let ledger = scratch.folder.appendingPathComponent("bank.csv")
            try #"""
                date,user,category,amount,description
                2024-01-15,alice@example.com,Food,52.50,Groceries
                2024-01-16,alice@example.com,Food,18.75,"Lunch, with ""friends"""
                2024-01-17,alice@example.com,Transportation,45.00,Gas
                2024-02-01,alice@example.com,Food,9.99,Next month
                2024-01-20,bob@example.com,Food,100.00,Someone else

                """#.write(to: ledger, atomically: true, encoding: .utf8)
            let migrated = try await run(["migrate"])
            #expect(migrated.status == 0, "\(migrated.errorOutput)")
            #expect(try await run(["expense", "import", ledger.path, "--create-missing"]).status == 0)
            let verify = ["report", "monthly", "--user", "alice@example.com", "--month", "2024-01", "--verify-against", ledger.path]
            let permitted = try await run(verify)
            #expect(permitted.status == 0)
            #expect(permitted.output == """
                alice@example.com, 2024-01, tolerance 0
                category           sql  ledger  delta  status
                --------------  ------  ------  -----  ------
                Food             71.25   71.25   0.00  ok
                Transportation   45.00   45.00   0.00  ok
                (total)         116.25  116.25   0.00  ok
                Release permitted.

                """)
            #expect(try await run(verify + ["--format", "json"]).output == "{\n  \"status\" : \"verified\"\n}\n")

            let gate = try await run(["gate", "--ledger", ledger.path, "--user", "alice@example.com", "--month", "2024-01", "--out", "evidence"])
            #expect(gate.status == 0, "\(gate.output) \(gate.errorOutput)")
            #expect(gate.output == "ready for release\n")
            let evidence = try JSONDecoder.iso8601.decode(Evidence.self, from: Data(contentsOf: scratch.folder.appendingPathComponent("evidence/evidence.json")))
            #expect(evidence.decision == .readyForRelease)
            #expect(evidence.gates.map(\.name) == ["schema", "crud", "rollback", "connection", "queries", "budgets", "verification"])
            let markdown = try String(contentsOf: scratch.folder.appendingPathComponent("evidence/evidence.md"), encoding: .utf8)
            #expect(markdown.contains("- **Decision:** ready for release"))
            #expect(markdown.contains("| verification | pass |"))
            if case .postgresql(let endpoint) = try scratch.url.location, let password = endpoint.password {
                #expect(!markdown.contains(password))
                #expect(!gate.output.contains(password) && !gate.errorOutput.contains(password))
            }

            // Behind persist's back: one amount changes. Verification and gate both block, exit 3.
            try await DatabaseHandle.withOpen(try scratch.url) { handle in
                try await handle.unprotectedSQL.raw("UPDATE expenses SET amount_cents = amount_cents + 100 WHERE description = 'Gas'").run()
            }
            let blocked = try await run(verify)
            #expect(blocked.status == 3)
            #expect(blocked.output.contains("Transportation   46.00   45.00   1.00  MISMATCH"))
            #expect(blocked.output.hasSuffix("Release BLOCKED — 1 category and the total disagree\n"))
            let json = try await run(verify + ["--format", "json"])
            #expect(json.status == 3)
            let object = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as! [String: Any]
            #expect(object["status"] as? String == "blocked")
            #expect(object["reason"] as? String == "verification_mismatch")
            #expect(object["tolerance"] as? String == "0.00")
            let mismatches = object["mismatches"] as! [[String: String]]
            #expect(mismatches == [
                ["category": "Transportation", "sql": "46.00", "ledger": "45.00", "delta": "1.00"],
                ["category": "(total)", "sql": "117.25", "ledger": "116.25", "delta": "1.00"],
            ])
            #expect(try await run(verify + ["--tolerance", "1.00"]).status == 0)

            let gated = try await run(["gate", "--ledger", ledger.path, "--user", "alice@example.com", "--month", "2024-01"])
            #expect(gated.status == 3)
            #expect(gated.output.hasPrefix("BLOCKED at verification: 1 category and the total disagree with the ledger (Transportation 1, (total) 1)"))
        }
    }

    @Test("gate without a ledger is ready for demo; bad ledgers are clear errors")
    func demoAndBadLedgers() async throws {
        try await ScratchDatabase.with(.sqlite) { scratch in
            let run = { (arguments: [String]) in try await PersistBinary.run(arguments, in: scratch.folder, environment: ["DATABASE_URL": scratch.urlText]) }
            _ = try await run(["seed"])
            let demo = try await run(["gate"])
            #expect(demo.output == "ready for demo\n")
            #expect(demo.status == 0)
            #expect(FileManager.default.fileExists(atPath: scratch.folder.appendingPathComponent("evidence/evidence.md").path))
            let broken = scratch.folder.appendingPathComponent("broken.csv")
            try "date,user,amount\n2024-01-01,alice@example.com,1.00\n".write(to: broken, atomically: true, encoding: .utf8)
            let result = try await run(["report", "monthly", "--user", "alice@example.com", "--month", "2024-01", "--verify-against", broken.path])
            #expect(result.status == 1)
            #expect(result.errorOutput == "persist: error: the ledger cannot be used for verification: the ledger has no 'category' column\n")
            #expect(try await run(["gate", "--ledger", broken.path]).status == 2)
            #expect(try await run(["report", "monthly", "--user", "alice@example.com", "--month", "2024-01", "--verify-against", broken.path, "--tolerance", "-1"]).status == 2)
        }
    }
}

extension JSONDecoder {
    static var iso8601: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
