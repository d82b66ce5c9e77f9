import ArgumentParser
import PersistKit
import PersistTooling

extension Persist.Proof {
    /// `persist proof read`: every marker, read-only.
    struct Read: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print every marker name in insertion order, e.g. ['persistent-check'].",
            discussion: """
                Read-only: a missing SQLite file is an error, never created.

                Example:
                  persist proof read
                """
        )

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let names = try await database.withDatabase(mode: .readOnly) { handle in
                try await PersistenceProof.readNames(from: handle)
            }
            print(PersistenceProof.listLiteral(names))
        }
    }
}
