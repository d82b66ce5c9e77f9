import ArgumentParser
import BudgetTracker
import Foundation
import PersistKit

extension Persist {
    /// `persist gate`: the evidence pipeline a release must pass.
    struct GateCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "gate",
            abstract: "Run the release gate and write an evidence bundle.",
            discussion: """
                Gates, in order, stopping at the first failure: schema, crud, rollback, connection, \
                queries, budgets (no limit below zero, no recurring occurrence or alert recorded \
                twice), and (with --ledger) verification of the monthly report against the ledger. \
                Writes evidence.json and evidence.md into --out. Prints `ready for release` (every gate \
                passed and a ledger was verified), `ready for demo` (every gate passed, no ledger) or \
                `BLOCKED at <gate>: <reason>` (exit 3).

                Example:
                  persist gate --ledger bank-export.csv --user alice@example.com --month 2024-01
                """
        )
        @OptionGroup var database: DatabaseOptions
        @Option(help: ArgumentHelp("The raw ledger CSV to verify the monthly report against.", valueName: "ledger.csv")) var ledger: String?
        @Option(help: "The user whose report is verified (with --ledger).") var user: String?
        @Option(help: "The month verified, YYYY-MM (with --ledger).", transform: ArgumentValue.month) var month: Month?
        @Option(help: "The largest disagreement, per category and in total, that still counts as agreement (0: any difference blocks).") var tolerance: String = "0"
        @Option(help: "Where to write evidence.json and evidence.md (an earlier run's evidence is replaced; other files only with --force).") var out: String = "evidence"
        @Flag(help: "Replace evidence.json and evidence.md in --out even when they are not a gate's evidence.") var force = false

        func validate() throws {
            if (ledger != nil || user != nil || month != nil) && (ledger == nil || user == nil || month == nil) {
                throw ValidationError("--ledger, --user and --month go together")
            }
        }

        func run() async throws {
            let url = try database.resolve().url
            let tolerance = try Tolerance.parse(tolerance)
            // The gate checks a database; it never creates one at a mistyped path.
            try DatabaseHandle.requireExisting(url)
            var check: BudgetReleaseGate.LedgerCheck?
            if let ledger, !FileManager.default.isReadableFile(atPath: ledger) {
                throw CommandFailure("cannot open the ledger \(ledger): no such readable file")
            }
            if let ledger, let user, let month {
                check = .init(user: user, month: month, file: URL(fileURLWithPath: ledger), tolerance: tolerance)
            }
            let progress = ProgressLine(label: "gate:")
            let evidence = await BudgetReleaseGate.run(url, limits: try database.limits(), ledgerCheck: check) { progress.note("checking \($0)…") }
            progress.finish()
            for gate in evidence.gates {
                let result = gate.passed ? "pass" : "FAIL"
                FileHandle.standardError.write(Data("gate \(gate.name): \(result) (\(gate.milliseconds) ms)\n".utf8))
            }
            do {
                try evidence.write(to: URL(fileURLWithPath: out), force: force, protecting: url)
            } catch let error as OutputFileError {
                throw error
            } catch {
                throw CommandFailure("cannot write the evidence into \(out): the folder cannot be created")
            }
            print(evidence.decision)
            if !evidence.decision.permitsRelease { throw ExitCode(ExitStatus.blocked) }
        }
    }
}
