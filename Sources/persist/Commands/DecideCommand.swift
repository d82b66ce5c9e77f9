import ArgumentParser
import Foundation
import PersistKit

extension Persist {
    /// `persist decide`: the skill's Decision Logic, executable.
    struct DecideCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "decide",
            abstract: "Recommend a set-up: plain files, embedded SQLite or PostgreSQL, pool size, verification gate.",
            discussion: """
                Give flags, or none on a terminal to be asked. The rules are the ones SKILL.md lists.

                Examples:
                  persist decide --one-off
                  persist decide --persistent --multi-user
                  persist decide --persistent --multi-user --high-stakes --concurrent-writers 8
                """
        )
        @Flag(help: "The data must survive the process.") var persistent = false
        @Flag(help: "Several people or machines use the data.") var multiUser = false
        @Flag(help: "Outputs are high-stakes (money, compliance).") var highStakes = false
        @Flag(help: "A one-off local script.") var oneOff = false
        @Option(help: "Rows expected in the biggest table.") var expectedRows: Int?
        @Option(help: "Processes writing at the same moment.") var concurrentWriters: Int?
        @Option(help: "Output format: table or json.") var format: DocumentFormat = .table

        func run() throws {
            let profile = try self.profile()
            let recommendation = DecisionRules.decide(profile)
            if format == .json {
                print(try Renderer.json(recommendation), terminator: "")
                return
            }
            print("storage       \(recommendation.storage.rawValue)")
            if let pool = recommendation.poolSize { print("pool size     \(pool)") }
            print("verification  \(recommendation.verificationGate ? "gate required" : "not required")")
            print("\nwhy:")
            for reason in recommendation.reasons { print("  \(reason)") }
            print("\nnext:")
            for command in recommendation.nextCommands { print("  \(command)") }
        }

        private func profile() throws -> ProjectProfile {
            if let rows = expectedRows, rows < 0 { throw ValidationError("--expected-rows cannot be negative") }
            if let writers = concurrentWriters, writers < 0 { throw ValidationError("--concurrent-writers cannot be negative") }
            let anyFlag = persistent || multiUser || highStakes || oneOff || expectedRows != nil || concurrentWriters != nil
            if anyFlag {
                return ProjectProfile(
                    persistent: persistent || multiUser, multiUser: multiUser, highStakes: highStakes, oneOff: oneOff,
                    expectedRows: expectedRows, concurrentWriters: concurrentWriters
                )
            }
            guard isatty(STDIN_FILENO) == 1 else {
                throw ValidationError("give flags such as --persistent --multi-user --high-stakes, or run on a terminal to be asked")
            }
            let oneOff = ask("Is this a one-off local script?")
            let persistent = !oneOff || ask("Must the data survive the process?")
            let multiUser = persistent && ask("Will several people or machines use the data?")
            let highStakes = persistent && ask("Are the outputs high-stakes (money, compliance)?")
            return ProjectProfile(persistent: persistent, multiUser: multiUser, highStakes: highStakes, oneOff: oneOff)
        }

        private func ask(_ question: String) -> Bool {
            while true {
                print("\(question) [y/n] ", terminator: "")
                guard let answer = readLine()?.lowercased() else { return false }
                if ["y", "yes"].contains(answer) { return true }
                if ["n", "no", ""].contains(answer) { return false }
            }
        }
    }
}
