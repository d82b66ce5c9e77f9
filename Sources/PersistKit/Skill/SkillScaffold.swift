import Foundation

/// Writes the database-deployment skill folder: SKILL.md, references/, examples/.
public enum SkillScaffold {
    /// What ``write(into:force:)`` did.
    public struct Outcome: Sendable, Equatable {
        /// Files written, relative to the skill folder.
        public var written: [String] = []
        /// Files that existed and were left alone (no `force`).
        public var kept: [String] = []
    }

    /// Every file of the skill: path relative to the skill folder → contents.
    public static var files: [(path: String, text: String)] {
        [("SKILL.md", SkillTemplate.skill)]
            + SkillTemplate.references.map { ("references/\($0.name)", $0.text) }
            + SkillExamples.files.map { ("examples/\($0.name)", $0.source + "\n") }
    }

    /// Writes `folder/database-deployment/`. Existing files are kept unless `force`.
    ///
    /// - Throws: file-system errors (a folder that cannot be created or written).
    public static func write(into folder: URL, force: Bool = false) throws -> Outcome {
        let skill = folder.appendingPathComponent(SkillTemplate.name)
        var outcome = Outcome()
        for (path, text) in files {
            let file = skill.appendingPathComponent(path)
            if !force && FileManager.default.fileExists(atPath: file.path) {
                outcome.kept.append(path)
                continue
            }
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file, options: .atomic)
            outcome.written.append(path)
        }
        return outcome
    }
}
