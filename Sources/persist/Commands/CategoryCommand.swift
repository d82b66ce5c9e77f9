import ArgumentParser
import BudgetTracker
import PersistKit

extension Persist {
    /// `persist category`: the shared expense categories.
    struct CategoryCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "category",
            abstract: "Add, list, recolor, merge and delete categories.",
            discussion: "Examples:\n  persist category add Groceries --color '#4ECDC4'\n  persist category list --format json",
            subcommands: [Add.self, List.self, Recolor.self, Merge.self, Delete.self]
        )

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Add a category.", discussion: "Example:\n  persist category add Food --color '#FF6B6B'"
            )
            @OptionGroup var database: DatabaseOptions
            @Argument(help: "The category's name (unique, at most 50 characters).") var name: String
            @Option(help: "Colour as #RRGGBB (default: one of a palette, chosen by the name).") var color: String?

            func run() async throws {
                let category = try await database.withLedger { try await $0.addCategory(name: name, color: color) }
                print("Added category \(category.name) \(category.color) (id \(category.id))")
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "List categories.", discussion: "Example:\n  persist category list"
            )
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                let categories = try await database.withExistingLedger(writing: false) { try await $0.categories() }
                print(try Renderer.render(categories, as: output.format), terminator: "")
            }
        }

        struct Recolor: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Change a category's colour.", discussion: "Example:\n  persist category recolor Food --color '#00AA00'"
            )
            @OptionGroup var database: DatabaseOptions
            @Argument(help: "The category's name.") var name: String
            @Option(help: "The new colour, #RRGGBB.") var color: String

            func run() async throws {
                let category = try await database.withExistingLedger { try await $0.recolorCategory(name: name, to: color) }
                print("Category \(category.name) is now \(category.color)")
            }
        }

        struct Merge: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Move every expense of one category into another, then delete the first.",
                discussion: "All or nothing, for every user (categories are shared).\n\nExample:\n  persist category merge Eating-out Food"
            )
            @OptionGroup var database: DatabaseOptions
            @Argument(help: "The category to merge and delete.") var from: String
            @Argument(help: "The category that receives its expenses.") var into: String

            func run() async throws {
                let moved = try await database.withExistingLedger { try await $0.mergeCategory(from, into: into) }
                print("Merged \(from) into \(into): \(moved.counted("expense")) moved, \(from) deleted")
            }
        }

        struct Delete: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Delete a category that no expense uses.", discussion: "Example:\n  persist category delete Utilities"
            )
            @OptionGroup var database: DatabaseOptions
            @Argument(help: "The category's name.") var name: String

            func run() async throws {
                try await database.withExistingLedger { try await $0.deleteCategory(name: name) }
                print("Deleted category \(name)")
            }
        }
    }
}
