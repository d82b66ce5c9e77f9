import Foundation
import PersistKit
import Yams

/// Validates a skill folder, ours or one written by hand, as a checklist.
public enum SkillCheck {
    /// The sections a SKILL.md must have, in order.
    public static let requiredSections = ["Persona", "When to Use", "Core Patterns", "Decision Logic", "Guardrails"]

    /// One line of the checklist.
    public struct Item: Sendable, Equatable, Codable {
        /// Whether the item holds.
        public let passed: Bool
        /// What was checked.
        public let text: String
    }

    /// The checklist and the seed's "Before You Continue" list.
    public struct Report: Sendable, Equatable, Codable {
        /// The checks of the skill folder.
        public let items: [Item]
        /// The seed's Before You Continue list, ticked.
        public let beforeYouContinue: [Item]
        /// Whether every checklist item passed.
        public var passed: Bool { items.allSatisfy(\.passed) }
    }

    /// Checks the skill at `skill` (the `database-deployment` folder); `project` is where the last
    /// `proof run` was recorded.
    public static func check(skill: URL, project: URL) -> Report {
        var items: [Item] = []
        let file = skill.appendingPathComponent("SKILL.md")
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            items.append(Item(passed: false, text: "SKILL.md exists: not found at \(file.path)"))
            return Report(items: items, beforeYouContinue: beforeYouContinue(items: items, project: project))
        }
        items.append(Item(passed: true, text: "SKILL.md exists"))
        items.append(frontMatter(text))
        let sections = MarkdownSections(text)
        for name in requiredSections {
            switch sections.body(of: name) {
            case nil: items.append(Item(passed: false, text: "section \(name): missing"))
            case let body? where body.isEmpty: items.append(Item(passed: false, text: "section \(name): empty"))
            default: items.append(Item(passed: true, text: "section \(name)"))
            }
        }
        let rules = (sections.body(of: "Decision Logic") ?? "").split(separator: "\n").filter { $0.contains("→") || $0.contains("->") }
        items.append(Item(passed: !rules.isEmpty, text: rules.isEmpty
            ? "decision logic: no condition → action rule" : "decision logic: \(rules.count.counted("condition → action rule"))"))
        let guardrails = (sections.body(of: "Guardrails") ?? "").lowercased()
        let credentials = ["credential", "password", "secret"].contains { guardrails.contains($0) }
        let rollback = guardrails.contains("rollback") || guardrails.contains("roll back")
        items.append(Item(passed: credentials, text: credentials ? "guardrails cover credentials" : "guardrails: nothing about credentials or secrets"))
        items.append(Item(passed: rollback, text: rollback ? "guardrails cover rollback" : "guardrails: nothing about a rollback path"))
        for path in referencedFiles(text) {
            let exists = FileManager.default.fileExists(atPath: skill.appendingPathComponent(path).path)
            items.append(Item(passed: exists, text: exists ? "referenced file \(path)" : "referenced file \(path): missing"))
        }
        items += swiftBlocks(in: skill.appendingPathComponent("references"))
        return Report(items: items, beforeYouContinue: beforeYouContinue(items: items, project: project))
    }

    private static func frontMatter(_ text: String) -> Item {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first == "---", let end = lines.dropFirst().firstIndex(of: "---") else {
            return Item(passed: false, text: "front matter: SKILL.md must start with a --- block")
        }
        let yaml = lines[1..<end].joined(separator: "\n")
        let parsed: Any?
        do {
            parsed = try Yams.load(yaml: yaml)
        } catch {
            return Item(passed: false, text: "front matter: not valid YAML (\(String(describing: error).split(separator: "\n").first ?? ""))")
        }
        guard let fields = parsed as? [String: Any] else {
            return Item(passed: false, text: "front matter: not a YAML mapping")
        }
        let missing = ["name", "description"].filter { ((fields[$0] as? String) ?? "").isEmpty }
        guard missing.isEmpty else {
            return Item(passed: false, text: "front matter: missing \(missing.joined(separator: " and "))")
        }
        return Item(passed: true, text: "front matter parses (name: \(fields["name"]!))")
    }

    /// Paths under references/ or examples/ that SKILL.md links to or names.
    static func referencedFiles(_ text: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: #"(?:\]\(|`)((?:references|examples)/[^)`\s]+)"#)
        let range = NSRange(text.startIndex..., in: text)
        var seen: [String] = []
        for match in pattern.matches(in: text, range: range) {
            let path = String(text[Range(match.range(at: 1), in: text)!])
            if !seen.contains(path) { seen.append(path) }
        }
        return seen
    }

    private static func swiftBlocks(in references: URL) -> [Item] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: references.path) else {
            return [Item(passed: false, text: "references/: missing")]
        }
        return names.filter { $0.hasSuffix(".md") }.sorted().compactMap { name in
            guard let text = try? String(contentsOf: references.appendingPathComponent(name), encoding: .utf8) else { return nil }
            let blocks = MarkdownSections.fencedBlocks(text, language: "swift")
            if let broken = blocks.firstIndex(where: { !SwiftBalance.isBalanced($0) }) {
                return Item(passed: false, text: "references/\(name): Swift block \(broken + 1) is not complete (unbalanced brackets or an open string)")
            }
            return Item(passed: true, text: "references/\(name): \(blocks.count.counted("Swift block")) complete")
        }
    }

    private static func beforeYouContinue(items: [Item], project: URL) -> [Item] {
        let proof = ProofRecord.load(from: project)
        func holds(_ prefix: String) -> Bool { items.contains { $0.passed && $0.text.hasPrefix(prefix) } }
        return [
            Item(passed: proof?.passed == true, text: proof.map {
                "I ran a write/read split test and verified persistence (\($0.passed ? "PASS" : "FAIL") on \($0.backend), \($0.database), \(ISO8601DateFormatter().string(from: $0.at)))"
            } ?? "I ran a write/read split test and verified persistence (no proof run recorded here)"),
            Item(passed: holds("SKILL.md exists"), text: "I created database-deployment/SKILL.md"),
            Item(passed: holds("decision logic:") && holds("section Decision Logic"), text: "My skill has decision logic, not only concepts"),
            Item(passed: holds("guardrails cover credentials") && holds("guardrails cover rollback"), text: "My guardrails include secrets + rollback discipline"),
        ]
    }
}
