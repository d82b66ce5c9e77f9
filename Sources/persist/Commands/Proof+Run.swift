import ArgumentParser
import Foundation
import PersistKit
import PersistTooling

extension Persist.Proof {
    /// `persist proof run`: write and read back in two separate child processes.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a marker in one process, read it back in another, print PASS or FAIL.",
            discussion: """
                Exits 0 only on PASS.

                Example:
                  DATABASE_URL=postgresql://me@localhost/app persist proof run
                """
        )

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let url = try database.resolve().url
            let verdict = try await ProofRun(executable: Self.currentExecutable(), url: url).run()
            print(verdict)
            // For `persist skill check`'s "Before You Continue": best effort, never a failure.
            try? ProofRecord(verdict).save(in: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            if !verdict.passed { throw ExitCode(ExitStatus.failure) }
        }

        /// This very binary, so the children are the same build as the parent.
        static func currentExecutable() -> URL {
            if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
                return URL(fileURLWithPath: path)
            }
            return Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        }
    }
}
