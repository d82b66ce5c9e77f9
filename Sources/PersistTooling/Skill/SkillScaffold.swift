import Foundation
import PersistKit

/// Writes a skill folder (`SKILL.md`, `references/`, `examples/`) from files the caller provides.
public enum SkillScaffold {
    /// What ``write(_:named:into:force:)`` did.
    public struct Outcome: Sendable, Equatable {
        /// Files written, relative to the skill folder.
        public var written: [String] = []
        /// Files that existed and were left alone (no `force`).
        public var kept: [String] = []
    }

    /// Writes `files` (path relative to the skill folder → contents) into `folder/name/`.
    /// Existing files are kept unless `force`.
    ///
    /// - Throws: file-system errors (a folder that cannot be created or written).
    public static func write(
        _ files: [(path: String, text: String)], named name: String, into folder: URL, force: Bool = false
    ) throws -> Outcome {
        let skill = folder.appendingPathComponent(name)
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
