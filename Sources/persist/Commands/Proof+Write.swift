import ArgumentParser
import PersistKit
import PersistTooling

extension Persist.Proof {
    /// `persist proof write`: one marker row, committed.
    struct Write: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create the markers table if missing and insert one marker.",
            discussion: """
                Example:
                  persist proof write --name first-run
                """
        )

        @OptionGroup var database: DatabaseOptions

        @Option(help: "The marker's name (at most 100 characters).")
        var name: String = PersistenceProof.defaultName

        func run() async throws {
            try await database.withDatabase { handle in
                try await PersistenceProof.write(name: name, to: handle)
            }
            print("Wrote marker")
        }
    }
}
