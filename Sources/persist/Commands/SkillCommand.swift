import ArgumentParser
import Foundation
import BudgetTracker
import PersistKit
import PersistTooling

extension Persist {
    /// `persist skill`: write and check the database-deployment skill.
    struct SkillCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "skill",
            abstract: "Write (init) or validate (check) the database-deployment skill.",
            discussion: "Examples:\n  persist skill init\n  persist skill check .",
            subcommands: [Init.self, Check.self]
        )

        struct Init: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Write DIR/database-deployment/: SKILL.md, references/, examples/.",
                discussion: "Existing files are kept unless --force.\n\nExample:\n  persist skill init . && persist skill check"
            )
            @Argument(help: "The folder to write into (default: the current folder).") var directory: String = "."
            @Flag(help: "Overwrite files that already exist.") var force = false

            func run() throws {
                let folder = URL(fileURLWithPath: directory)
                let outcome: SkillScaffold.Outcome
                do {
                    outcome = try SkillScaffold.write(SkillTemplate.files, named: SkillTemplate.name, into: folder, force: force)
                } catch {
                    throw CommandFailure("cannot write into \(directory)")
                }
                let base = folder.appendingPathComponent(SkillTemplate.name).path
                for path in outcome.written { print("wrote \(base)/\(path)") }
                for path in outcome.kept { print("kept  \(base)/\(path) (exists; --force overwrites)") }
            }
        }

        struct Check: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Validate a database-deployment skill folder and print a checklist.",
                discussion: "Exits 1 when any item fails.\n\nExample:\n  persist skill check ."
            )
            @Argument(help: "The folder holding database-deployment/, or that folder itself (default: current folder).")
            var directory: String = "."

            func run() throws {
                var skill = URL(fileURLWithPath: directory)
                if skill.lastPathComponent != SkillTemplate.name {
                    skill = skill.appendingPathComponent(SkillTemplate.name)
                }
                guard FileManager.default.fileExists(atPath: skill.path) else {
                    throw CommandFailure("no skill at \(skill.path); write one with `persist skill init`")
                }
                let report = SkillCheck.check(skill: skill, project: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
                for item in report.items { print("\(item.passed ? "✓" : "✗") \(item.text)") }
                print("\nBefore You Continue")
                for item in report.beforeYouContinue { print("- [\(item.passed ? "x" : " ")] \(item.text)") }
                let failed = report.items.filter { !$0.passed }.count
                print(failed == 0 ? "\nskill check passed" : "\nskill check failed: \(failed.counted("item"))")
                if failed > 0 { throw ExitCode(ExitStatus.failure) }
            }
        }
    }
}
