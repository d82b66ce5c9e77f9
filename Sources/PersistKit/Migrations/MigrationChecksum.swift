import Crypto
import Foundation

/// The checksum of a migration: the SHA-256, in hexadecimal, of the statements it runs in one
/// dialect, each ended by a line break. Any change to a statement (a column's type, a default,
/// an index's columns) changes it; a change to the Swift that renders the same SQL does not.
enum MigrationChecksum {
    static func of(_ statements: [String]) -> String {
        let text = statements.map { $0 + "\n" }.joined()
        return SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
