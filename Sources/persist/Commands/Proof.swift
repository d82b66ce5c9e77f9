import ArgumentParser

extension Persist {
    /// `persist proof`: the persistence proof, as two halves and as one run.
    struct Proof: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Prove that data written by one process is read back by another.",
            discussion: """
                Example:
                  persist proof write && persist proof read
                """,
            subcommands: [Write.self, Read.self, Run.self],
            defaultSubcommand: Run.self
        )
    }
}
