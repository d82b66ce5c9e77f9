import PersistKit
import ArgumentParser
import BudgetTracker
import Foundation

extension Persist {
    /// `persist user`: the people whose expenses are tracked.
    struct UserCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "user",
            abstract: "Add, list, rename and delete users; set their passwords and end their sessions.",
            discussion: "Examples:\n  persist user add --email bob@example.com --name Bob\n  persist user list --format csv\n  persist user set-password bob@example.com < password.txt",
            subcommands: [Add.self, List.self, Rename.self, Delete.self, SetPassword.self, Sessions.self]
        )

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Add a user.",
                discussion: "Example:\n  persist user add --email alice@example.com --name \"Alice Smith\""
            )
            @OptionGroup var database: DatabaseOptions
            @Option(help: "Email address (unique, at most 100 characters).") var email: String
            @Option(help: "Full name (at most 100 characters).") var name: String

            func run() async throws {
                let user = try await database.withLedger { try await $0.addUser(email: email, name: name) }
                print("Added user \(user.email) (id \(user.id))")
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "List users.", discussion: "Example:\n  persist user list --format json"
            )
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                let users = try await database.withExistingLedger(writing: false) { try await $0.users() }
                print(try Renderer.render(users, as: output.format), terminator: "")
            }
        }

        struct Rename: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Change a user's name.", discussion: "Example:\n  persist user rename alice@example.com --name \"Alice Jones\""
            )
            @OptionGroup var database: DatabaseOptions
            @Argument(help: "The user's email.") var email: String
            @Option(help: "The new name.") var name: String

            func run() async throws {
                let user = try await database.withExistingLedger { try await $0.renameUser(email: email, to: name) }
                print("Renamed user \(user.email) to \(user.name)")
            }
        }

        struct Delete: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Delete a user and their expenses.", discussion: "Example:\n  persist user delete alice@example.com"
            )
            @OptionGroup var database: DatabaseOptions
            @Argument(help: "The user's email.") var email: String
            @Flag(help: "Delete the user's expenses too without asking (for scripts).") var yes = false

            func run() async throws {
                var confirmed = yes
                if !confirmed, isatty(STDIN_FILENO) == 1 {
                    let count = try await database.withExistingLedger(writing: false) { try await $0.expenses(ExpenseFilter(user: email)).count }
                    if count > 0 {
                        FileHandle.standardError.write(Data("Delete \(email) and their \(count.counted("expense"))? [y/N] ".utf8))
                        guard let answer = readLine(), ["y", "yes"].contains(answer.lowercased()) else {
                            throw LedgerError.unconfirmed(what: "not confirmed")
                        }
                        confirmed = true
                    }
                }
                let expenses = try await database.withExistingLedger { [confirmed] in try await $0.deleteUser(email: email, confirmed: confirmed) }
                print("Deleted user \(email.lowercased()) and \(expenses) expense\(expenses == 1 ? "" : "s")")
            }
        }

        struct SetPassword: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "set-password",
                abstract: "Set a user's password for `persist serve` (ends their open sessions).",
                discussion: """
                    The password is read from standard input (first line), never from an argument, \
                    which other users of the machine could see; at a terminal it is asked for without echo.

                    Example:
                      persist user set-password alice@example.com < password.txt
                    """
            )
            @OptionGroup var database: DatabaseOptions
            @Argument(help: "The user's email.") var email: String

            func run() async throws {
                let password = try PasswordInput.read(prompt: "New password for \(email): ")
                let ended = try await database.withExistingLedger { try await $0.setPassword(email: email, password: password) }
                print("Set the password of \(email.lowercased())" + (ended > 0 ? "; ended \(ended.counted("open session"))" : ""))
            }
        }

        struct Sessions: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "End a user's sessions in `persist serve`.",
                discussion: "Example:\n  persist user sessions revoke alice@example.com",
                subcommands: [Revoke.self]
            )

            struct Revoke: AsyncParsableCommand {
                static let configuration = CommandConfiguration(
                    abstract: "End every open session of a user: they must sign in again.",
                    discussion: "Example:\n  persist user sessions revoke alice@example.com"
                )
                @OptionGroup var database: DatabaseOptions
                @Argument(help: "The user's email.") var email: String

                func run() async throws {
                    let ended = try await database.withExistingLedger { try await $0.revokeSessions(email: email) }
                    print("Ended \(ended.counted("open session")) of \(email.lowercased())")
                }
            }
        }
    }
}
