/// The ledger's CSV format, shared by `expense import`, `expense export` and the verification of
/// reports: a header row naming `date,user,category,amount,description` (any order), then one
/// expense per row.
public enum LedgerCSV {
    /// The columns every ledger has, in the order `export` writes them.
    public static let columns = ["date", "user", "category", "amount", "description"]
    /// The optional column linking a transfer's two rows (any value the two rows share).
    public static let transferColumn = "transfer"
    /// The columns `export` writes: the required ones, then `transfer`.
    public static let exportColumns = columns + [transferColumn]

    /// Where each column is in a file, found from its header.
    public struct Layout: Sendable, Equatable {
        /// Index of the `date` column.
        public let date: Int
        /// Index of the `user` column.
        public let user: Int
        /// Index of the `category` column.
        public let category: Int
        /// Index of the `amount` column.
        public let amount: Int
        /// Index of the `description` column.
        public let description: Int
        /// Index of the optional `transfer` column.
        public let transfer: Int?
        /// How many fields every row must have.
        public let width: Int

        /// Finds the columns by name (case and surrounding spaces ignored).
        ///
        /// - Throws: ``LedgerError/importFailed(row:reason:)`` for a missing or repeated column.
        public init(header: [String]) throws(LedgerError) {
            let names = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            var positions: [String: Int] = [:]
            for (index, name) in names.enumerated() where LedgerCSV.exportColumns.contains(name) {
                if positions[name] != nil {
                    throw LedgerError.importFailed(row: 1, reason: "column '\(name)' appears twice in the header")
                }
                positions[name] = index
            }
            let missing = LedgerCSV.columns.filter { positions[$0] == nil }
            guard missing.isEmpty else {
                throw LedgerError.importFailed(
                    row: 1, reason: "missing \(missing.count == 1 ? "column" : "columns") \(missing.map { "'\($0)'" }.joined(separator: ", ")) (the header needs \(LedgerCSV.columns.joined(separator: ",")))"
                )
            }
            date = positions["date"]!
            user = positions["user"]!
            category = positions["category"]!
            amount = positions["amount"]!
            description = positions["description"]!
            transfer = positions[LedgerCSV.transferColumn]
            width = header.count
        }
    }
}
