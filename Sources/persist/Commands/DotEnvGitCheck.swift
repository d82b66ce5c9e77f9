import Foundation
import PersistTooling

/// Whether a project's `.env`, which holds credentials, would be committed by git.
enum DotEnvGitCheck {
    /// Whether `.env` exists inside a git work tree in `directory` and git does not ignore it.
    /// Without git, or outside a work tree, there is nothing to warn about.
    static func isNotIgnored(in directory: URL) async -> Bool {
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent(".env").path),
              let git = ["/usr/bin/git", "/usr/local/bin/git", "/opt/homebrew/bin/git"].first(where: FileManager.default.isExecutableFile) else {
            return false
        }
        let environment = ProcessInfo.processInfo.environment
        let gitURL = URL(fileURLWithPath: git)
        guard let inside = try? await ChildProcess.run(gitURL, ["rev-parse", "--is-inside-work-tree"], environment: environment, directory: directory),
              inside.status == 0 else { return false }
        let ignored = try? await ChildProcess.run(gitURL, ["check-ignore", "-q", ".env"], environment: environment, directory: directory)
        return ignored?.status == 1
    }
}
