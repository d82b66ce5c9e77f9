import ArgumentParser
import PersistKit

/// `--database-url`, shared by every command that touches the database.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("database-url"),
        help: ArgumentHelp(
            "The database to use (default: DATABASE_URL, then ./.env, then sqlite:///persist.db).",
            valueName: "url"
        )
    )
    var databaseURL: String?

    /// The URL chosen by persist's one rule.
    func resolve() throws -> ResolvedDatabaseURL {
        try ResolvedDatabaseURL.resolve(flag: databaseURL)
    }
}
