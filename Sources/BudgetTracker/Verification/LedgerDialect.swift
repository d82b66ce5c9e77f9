import Foundation
import PersistKit

/// The ledger dialect both readers accept: what `expense import` reads (``CSVReader`` with its
/// limits) is what verification reads, so a file cannot pass one and be refused by the other.
enum LedgerDialect {
    /// Reads the whole file with the import's reader, discarding the records.
    ///
    /// - Throws: ``CSVError`` naming the row, for a file the import would refuse as CSV.
    static func check(_ url: URL) throws {
        let reader = try CSVReader(contentsOf: url)
        while try reader.next() != nil {}
    }
}
