import Foundation
@testable import PersistKit
import PersistTooling
import PersistTestSupport
import Testing

/// `.env` files are read the way python-dotenv reads them: python-dotenv itself (installed by
/// scripts/test from PyPI) is the oracle, over fixed cases and generated ones.
@Suite("The .env dialect agrees with python-dotenv")
struct DotEnvOracleTests {
    static let fixed: [String] = [
        "DATABASE_URL=postgresql://a:b@h/d\n",
        "export\tDATABASE_URL=postgresql://a:b@h/d\n",
        "export   DATABASE_URL = 'postgresql://a:b@h/d'  # comment\n",
        "DATABASE_URL=\"postgresql://a:p\\\"q@h/d\" # c\n",
        "DATABASE_URL='it\\'s' \n",
        "DATABASE_URL=\"line1\\nline2\\ttab\\\\\"\n",
        "DATABASE_URL=\"multi\nline\"\n",
        "DATABASE_URL=bare value # comment\nOTHER=1\n",
        "DATABASE_URL=a#b\n",
        "# only a comment\n\n   \nDATABASE_URL=x\r\nB=y\r\n",
        "DATABASE_URL=first\nDATABASE_URL\n",
        "DATABASE_URL=first\nDATABASE_URL=second\n",
        "'DATABASE_URL'=quoted key\n",
        "DATABASE_URL=\"unterminated\nB=2\n",
        "DATABASE_URL= \n",
        "DATABASE_URL=''\n",
        "exportDATABASE_URL=x\n",
        "export DATABASE_URL\n",
        "  DATABASE_URL  =  spaced  \n",
        "DATABASE_URL=\"a\\qb\"\n",
        "DATABASE_URL=x\\ny\n",
        "=novalue\nDATABASE_URL=after\n",
        "DATABASE_URL=\"x\" trailing\nB=1\n",
        "DATABASE_URL=ü€😀\n",
    ]

    @Test("fixed and generated files: every key and value as python-dotenv reads them")
    func agreesWithPythonDotenv() async throws {
        var random = SplitMix(seed: 1_613)
        let pieces = ["DATABASE_URL", "B", "export ", "export\t", "=", " = ", "'", "\"", "\\", "\\n", "\\'", "\\\"", " #", "#", "x", "a b", "\n", "\r\n", " ", "\t", "é", ":", "@", "/"]
        var cases = Self.fixed
        for _ in 0..<300 {
            let count = Int(random.next() % 12) + 1
            cases.append((0..<count).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined())
        }
        let expected = try await Self.pythonDotenv(cases)
        for (text, oracle) in zip(cases, expected) {
            var mine: [String: String?] = [:]
            for entry in DotEnvFile.entries(in: text) { mine[entry.key] = .some(entry.value) }
            #expect(mine == oracle, "\(text.debugDescription)")
        }
    }

    /// What python-dotenv's `dotenv_values(…, interpolate=False)` returns for each text.
    static func pythonDotenv(_ texts: [String]) async throws -> [[String: String?]] {
        let folder = try TemporaryFolder.make()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (index, text) in texts.enumerated() {
            try Data(text.utf8).write(to: folder.appendingPathComponent("\(index).env"))
        }
        let script = """
            import json, sys
            from dotenv import dotenv_values
            n = int(sys.argv[2])
            print(json.dumps([dict(dotenv_values(f"{sys.argv[1]}/{i}.env", interpolate=False, encoding="utf-8")) for i in range(n)]))
            """
        let python = try await ChildProcess.run(
            URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, folder.path, String(texts.count)], environment: ProcessInfo.processInfo.environment
        )
        guard python.status == 0 else { throw TestSetupError("python-dotenv is needed (pip install python-dotenv)") }
        let decoded = try JSONSerialization.jsonObject(with: Data(python.output.utf8)) as! [[String: Any]]
        return decoded.map { object in object.mapValues { $0 as? String } }
    }
}
