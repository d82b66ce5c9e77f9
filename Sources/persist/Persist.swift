import ArgumentParser
import Foundation
import Logging
import BudgetTracker
import PersistKit
import PersistTooling

/// The `persist` command: data that survives restarts, users and failures.
@main
struct Persist: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "persist",
        abstract: "Persist data in SQLite or PostgreSQL, and prove that it persists.",
        discussion: """
            The database is chosen by one rule: --database-url, else DATABASE_URL, else a \
            DATABASE_URL= line in ./.env, else the embedded default sqlite:///persist.db.

            Examples:
              persist proof run
              persist seed
              persist report monthly --user alice@example.com --month 2024-01
            """,
        version: PersistVersion.current,
        subcommands: [
            Proof.self, DoctorCommand.self, MigrateCommand.self, SeedCommand.self, UserCommand.self, CategoryCommand.self,
            ExpenseCommand.self, ReportCommand.self, TransferCommand.self, BudgetCommand.self, RecurringCommand.self, ServeCommand.self, GateCommand.self, SkillCommand.self, DecideCommand.self, BenchCommand.self,
        ]
    )

    /// Parses, runs, and turns every failure into one line on standard error and an exit code:
    /// 0 ok, 1 runtime failure, 2 usage.
    static func main() async {
        // Failures reach the user as one line from `exit(withError:)`; driver logs (which repeat
        // them at length) appear only when PERSIST_LOG_LEVEL asks for them.
        let requested = ProcessInfo.processInfo.environment["PERSIST_LOG_LEVEL"].map { $0.lowercased() } ?? ""
        let level = Logger.Level(rawValue: requested) ?? .critical
        if !requested.isEmpty, Logger.Level(rawValue: requested) == nil {
            let valid = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
            // The value is not echoed: whatever was put there by mistake (a password) stays unprinted.
            FileHandle.standardError.write(Data("persist: warning: PERSIST_LOG_LEVEL is not one of \(valid); logging only critical errors\n".utf8))
        }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        // A file-size limit (ulimit -f) must make a write fail with an error, not kill persist.
        signal(SIGXFSZ, SIG_IGN)
        // Swift repairs invalid UTF-8 in arguments silently (into U+FFFD); text must be stored as
        // given or refused, never altered.
        for index in 1..<Int(CommandLine.argc) where CommandLine.unsafeArgv[index].map({ String(validatingCString: $0) == nil }) ?? false {
            fail("argument \(index) is not valid UTF-8 text; persist stores text exactly as given and will not guess its encoding", status: ExitStatus.usage)
        }
        var parsed: (any ParsableCommand.Type)?
        do {
            var command = try parseAsRoot()
            parsed = type(of: command)
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
            try StandardOutput.finish()
        } catch {
            exit(withError: error, in: parsed)
        }
    }

    /// Ends the process for `error`, with one line on standard error and the promised exit status;
    /// `command` is the (sub)command that was running, whose help a usage error points to.
    static func exit(withError error: (any Error)?, in command: (any ParsableCommand.Type)? = nil) -> Never {
        guard let error else { Foundation.exit(ExitStatus.ok) }
        switch error {
        case let error as MigrationError where error.code == .pending:
            fail("the database schema is not current: \(error.items.count.counted("migration")) pending (\(error.items.joined(separator: ", "))); run `persist migrate` first", status: ExitStatus.failure)
        case let error as MigrationError where error.code == .changedMigration:
            fail("migration \(oneLine(error.items.joined(separator: ", "))) was changed after it was applied (its checksum differs from the one recorded); restore it as it was released, or, if the new version makes the same schema, run `persist migrate --repair \(oneLine(error.items[0])) --yes`", status: ExitStatus.failure)
        case let error as MigrationError where error.code == .revertWouldLoseData:
            fail("reverting would delete data (\(error.items.joined(separator: ", "))); nothing was reverted; pass --force to revert and lose it", status: ExitStatus.failure)
        case let error as DatabaseURLError:
            fail(error.description, status: ExitStatus.usage)
        case let error as LedgerError where error.code == .notFound:
            fail(Missing(kind: error.subject ?? "record", key: error.key ?? "", nearest: []).description, status: ExitStatus.failure)
        case let error as LedgerError where error.code == .invalid:
            fail("\(error.description) (see '\(helpInvocation(for: error, in: command))')", status: ExitStatus.usage)
        case let error as LedgerError:
            fail(error.description + hint(for: error), status: ExitStatus.failure)
        case let error as ProofError where error.code == .badName:
            fail(error.description, status: ExitStatus.usage)
        case let error as any PersistFailure:
            fail(error.description, status: ExitStatus.failure)
        case let error as CancelOnSignal.Cancelled:
            fail(error.description, status: error.exitStatus)
        case let error as ExitCode:
            Foundation.exit(error.rawValue)
        default:
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(ExitStatus.ok)
            }
            if code == .validationFailure {
                fail("\(message(for: error)) (see '\(helpInvocation(for: error, in: command))')", status: ExitStatus.usage)
            }
            fail(message(for: error), status: ExitStatus.failure)
        }
    }

    /// The command that empties a category that cannot be deleted.
    private static func hint(for error: LedgerError) -> String {
        guard error.code == .categoryInUse, let name = error.subject else { return "" }
        return " (`persist category merge -- \(Missing.quoted(name)) OTHER`)"
    }

    /// The help that explains a usage error: the subcommand's (`persist report monthly --help`).
    private static func helpInvocation(for error: any Error, in command: (any ParsableCommand.Type)?) -> String {
        if let command, let path = path(to: command, from: Persist.self) {
            return (path + ["--help"]).joined(separator: " ")
        }
        // A parse error: the parser's own message names the subcommand it was parsing.
        if let match = fullMessage(for: error).firstMatch(of: #/See '(.+?--help)'/#) {
            return String(match.1)
        }
        return "persist --help"
    }

    /// The command names from `node` down to `command`, or nil when `command` is not below it.
    private static func path(to command: any ParsableCommand.Type, from node: any ParsableCommand.Type) -> [String]? {
        let here = [node._commandName]
        if node == command { return here }
        for child in node.configuration.subcommands {
            if let rest = path(to: command, from: child) { return here + rest }
        }
        return nil
    }

    private static func fail(_ message: String, status: Int32) -> Never {
        FileHandle.standardError.write(Data("persist: error: \(oneLine(SecretScrubber.scrub(message)))\n".utf8))
        Foundation.exit(status)
    }

    /// Every failure is one line, whatever a value typed into it held (see
    /// `PrintableText.oneLine`): escaped, and cut at 2,000 Unicode scalars.
    static func oneLine(_ message: String) -> String {
        PrintableText.oneLine(message)
    }
}

/// The exit codes persist promises.
enum ExitStatus {
    static let ok: Int32 = 0
    static let failure: Int32 = 1
    static let usage: Int32 = 2
    /// A verification or release gate blocked the release.
    static let blocked: Int32 = 3
    /// `budget alerts` found categories over a threshold.
    static let alerts: Int32 = 4
}
