import FluentKit
import Foundation
import SQLKit

/// Keys that make adding money rows idempotent: a caller (a web form) sends a random key with
/// the rows, and the key is recorded in the same transaction as the rows. The same key again
/// finds it recorded and adds nothing (``LedgerError/Code/alreadySubmitted``); two at once, the
/// unique index lets one commit.
enum Submissions {
    /// How long a key is remembered: a form sent again a day later adds its rows again.
    static let lifetime: Int64 = 24 * 3600

    /// `text` as a key: 16 to 64 letters, digits, `-` and `_`.
    static func key(_ text: String) throws(LedgerError) -> String {
        guard (16...64).contains(text.utf8.count), text.utf8.allSatisfy({ $0.isASCIILetterOrDigit || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }) else {
            throw LedgerError.invalid(field: "submission", reason: "the form's key is malformed; reload the page")
        }
        return text
    }

    /// Records `key` for `user` inside the caller's transaction, pruning the user's keys older
    /// than ``lifetime``.
    ///
    /// - Throws: ``LedgerError/alreadySubmitted()`` when the key is recorded already.
    static func record(_ key: String, user: Int, on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        let now = Int64(Date().timeIntervalSince1970)
        try await sql.raw("DELETE FROM \(ident: "submissions") WHERE user_id = \(bind: user) AND created_at < \(bind: now - lifetime)").run()
        let recorded = try await sql.raw("""
            INSERT INTO \(ident: "submissions") (user_id, submission_key, created_at) VALUES (\(bind: user), \(bind: key), \(bind: now))
            ON CONFLICT (user_id, submission_key) DO NOTHING RETURNING id
            """).all()
        guard !recorded.isEmpty else { throw LedgerError.alreadySubmitted() }
    }
}

private extension UInt8 {
    var isASCIILetterOrDigit: Bool { (48...57).contains(self) || (65...90).contains(self) || (97...122).contains(self) }
}
