import ArgumentParser

/// How listings and reports are printed.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    /// Aligned columns for people.
    case table
    /// A JSON document for programs.
    case json
    /// One header line, then one line per row.
    case csv
}

/// `--format`, shared by every command that prints data.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: table, json or csv.")
    var format: OutputFormat = .table
}

/// How a command whose output is one document of named values (`doctor`, `decide`, `bench`), not
/// rows, is printed: there is no CSV of it, so `--format csv` is refused rather than ignored.
enum DocumentFormat: String, ExpressibleByArgument, CaseIterable {
    /// Aligned lines for people.
    case table
    /// A JSON document for programs.
    case json
}

extension OutputOptions {
    /// Prints `rows` as JSON or CSV, or `summary` (one line for people) for a table.
    func print<Row: TableRow>(_ rows: [Row], summary: () -> String) throws {
        switch format {
        case .table: Swift.print(summary())
        case .json, .csv: Swift.print(try Renderer.render(rows, as: format), terminator: "")
        }
    }
}
