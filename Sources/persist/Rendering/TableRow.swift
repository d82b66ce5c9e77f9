/// A value that prints as one row of a table or CSV file.
protocol TableRow: Encodable {
    /// Column titles.
    static var headers: [String] { get }
    /// Indexes of columns to right-align (amounts, counts).
    static var numericColumns: Set<Int> { get }
    /// The row's cells, one per header.
    var cells: [String] { get }
}

extension TableRow {
    static var numericColumns: Set<Int> { [] }
}
