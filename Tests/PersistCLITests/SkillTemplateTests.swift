import Foundation
import PersistKit
import PersistTooling
import PersistTestSupport
import Testing
@testable import persist
@testable import persist

@Suite("The database-deployment skill")
struct SkillTemplateTests {
    private func scaffold() throws -> URL {
        let folder = try TemporaryFolder.make()
        _ = try SkillScaffold.write(SkillTemplate.files, named: SkillTemplate.name, into: folder)
        return folder.appendingPathComponent("database-deployment")
    }

    private func failures(_ skill: URL) -> [String] {
        SkillCheck.check(skill: skill, project: skill).items.filter { !$0.passed }.map(\.text)
    }

    private func edit(_ skill: URL, _ path: String, _ change: (String) -> String) throws {
        let file = skill.appendingPathComponent(path)
        try change(try String(contentsOf: file, encoding: .utf8)).write(to: file, atomically: true, encoding: .utf8)
    }

    @Test func freshSkillPassesTheCheck() throws {
        let skill = try scaffold()
        #expect(failures(skill) == [])
        #expect(SkillCheck.check(skill: skill, project: skill).items.count >= 20)
    }

    @Test("each kind of damage fails with the right line", arguments: [
        ("SKILL.md", "## Guardrails", "## Rails", "section Guardrails: missing"),
        ("SKILL.md", "## Persona\nI build", "## Persona\n\n## Extra\nI build", "section Persona: empty"),
        ("SKILL.md", "name: database-deployment", "name: [unclosed", "front matter: not valid YAML"),
        ("SKILL.md", "description: Build", "summary: Build", "front matter: missing description"),
        ("references/models.md", "func revert", "func revert(", "references/models.md: Swift block 1 is not complete"),
    ])
    func damage(path: String, find: String, replace: String, expected: String) throws {
        let skill = try scaffold()
        try edit(skill, path) { $0.replacingOccurrences(of: find, with: replace) }
        #expect(failures(skill).contains { $0.hasPrefix(expected) }, "\(failures(skill))")
    }

    @Test func emptyGuardrailsFail() throws {
        let skill = try scaffold()
        try edit(skill, "SKILL.md") { String($0[..<$0.range(of: "## Guardrails")!.upperBound]) + "\n" }
        let found = failures(skill)
        #expect(found.contains("section Guardrails: empty"))
        #expect(found.contains("guardrails: nothing about credentials or secrets"))
        #expect(found.contains("guardrails: nothing about a rollback path"))
    }

    @Test func deletedReferenceFails() throws {
        let skill = try scaffold()
        try FileManager.default.removeItem(at: skill.appendingPathComponent("references/crud.md"))
        #expect(failures(skill).contains("referenced file references/crud.md: missing"))
    }

    @Test func initTwiceWithoutForceChangesNothing() throws {
        let folder = try TemporaryFolder.make()
        #expect(try SkillScaffold.write(SkillTemplate.files, named: SkillTemplate.name, into: folder).written.count == SkillTemplate.files.count)
        let skill = folder.appendingPathComponent("database-deployment")
        try edit(skill, "SKILL.md") { $0 + "\nmy own note\n" }
        let again = try SkillScaffold.write(SkillTemplate.files, named: SkillTemplate.name, into: folder)
        #expect(again.written.isEmpty)
        #expect(again.kept.count == SkillTemplate.files.count)
        #expect(try String(contentsOf: skill.appendingPathComponent("SKILL.md"), encoding: .utf8).hasSuffix("my own note\n"))
        #expect(try SkillScaffold.write(SkillTemplate.files, named: SkillTemplate.name, into: folder, force: true).written.count == SkillTemplate.files.count)
        #expect(try !String(contentsOf: skill.appendingPathComponent("SKILL.md"), encoding: .utf8).contains("my own note"))
    }

    @Test("the skill's examples are the package's example targets, byte for byte")
    func examplesMatchTheBuiltTargets() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for (name, source) in SkillExamples.files {
            let target = root.appendingPathComponent("Examples/\(name.replacingOccurrences(of: ".swift", with: ""))/main.swift")
            #expect(try String(contentsOf: target, encoding: .utf8) == source + "\n", "run scripts/embed-skill-examples")
        }
        #expect(SkillExamples.files.count == 2)
    }

    @Test("SKILL.md's Decision Logic, as written to disk, is what `persist decide` does")
    func documentAndProgramAgree() async throws {
        let folder = try TemporaryFolder.make()
        #expect(try await PersistBinary.run(["skill", "init", folder.path], in: folder).status == 0)
        let text = try String(contentsOf: folder.appendingPathComponent("database-deployment/SKILL.md"), encoding: .utf8)
        let rules = (MarkdownSections(text).body(of: "Decision Logic") ?? "").split(separator: "\n")
            .filter { $0.hasPrefix("- ") && $0.contains(" → ") }
            .map { line in line.dropFirst(2).components(separatedBy: " → ") }
        try #require(rules.count == 4)

        struct Decision: Decodable { let storage: String; let poolSize: Int?; let verificationGate: Bool }
        func decide(_ flags: [String]) async throws -> Decision {
            let result = try await PersistBinary.run(["decide"] + flags + ["--format", "json"], in: folder)
            return try JSONDecoder().decode(Decision.self, from: Data(result.output.utf8))
        }
        // Each rule's action names what the program answers for a project its condition describes.
        #expect(rules[0][1].hasPrefix(try await decide(["--one-off"]).storage))
        let multiUser = try await decide(["--persistent", "--multi-user"])
        #expect(rules[1][1].contains(multiUser.storage) && rules[1][1].contains("pool of \(multiUser.poolSize ?? 0)"))
        #expect(rules[2][1].contains(try await decide(["--persistent"]).storage))
        let highStakes = try await decide(["--persistent", "--high-stakes"])
        #expect(rules[3][1].contains("verification gate") && highStakes.verificationGate)
        // The thresholds in the document's words are the program's: one writer more tips it over.
        let writers = try #require(rules[1][0].firstMatch(of: #/more than (\d+) concurrent writers/#).flatMap { Int($0.1) })
        #expect(try await decide(["--persistent", "--concurrent-writers", "\(writers)"]).storage == "embedded SQLite")
        #expect(try await decide(["--persistent", "--concurrent-writers", "\(writers + 1)"]).storage == "PostgreSQL")
        let rows = try #require(rules[1][0].firstMatch(of: #/more than (\d+) rows/#).flatMap { Int($0.1) })
        #expect(try await decide(["--persistent", "--expected-rows", "\(rows)"]).storage == "embedded SQLite")
        #expect(try await decide(["--persistent", "--expected-rows", "\(rows + 1)"]).storage == "PostgreSQL")
    }

    @Test("the seed's three cases get the seed's answers")
    func seedCases() {
        let script = DecisionRules.decide(ProjectProfile(oneOff: true))
        #expect(script.storage == .plainFiles)
        #expect(!script.verificationGate)
        let app = DecisionRules.decide(ProjectProfile(persistent: true, multiUser: true))
        #expect(app.storage == .postgreSQL)
        #expect(app.poolSize == 5)
        #expect(!app.verificationGate)
        let report = DecisionRules.decide(ProjectProfile(persistent: true, multiUser: true, highStakes: true))
        #expect(report.storage == .postgreSQL)
        #expect(report.verificationGate)
        #expect(report.nextCommands.last?.hasPrefix("persist gate --ledger") == true)
        #expect(DecisionRules.decide(ProjectProfile(persistent: true)).storage == .embeddedSQLite)
        #expect(DecisionRules.decide(ProjectProfile(persistent: true, concurrentWriters: 8)).poolSize == 8)
    }
}
