import HummingbirdBcrypt
import NIOPosix

/// Account passwords: checked for length, hashed with bcrypt off the caller's threads, never kept
/// or printed in clear.
public enum Password {
    /// bcrypt's work factor: 2¹⁰ rounds, about 60 ms here, the OWASP minimum.
    static let cost: UInt8 = 10

    /// bcrypt reads at most 72 bytes; a longer password would be cut silently, so it is refused.
    static let maximumBytes = 72

    /// A hash that matches no password, checked when an account does not exist, so that signing in
    /// takes as long for an unknown e-mail as for a wrong password.
    static let decoy = Bcrypt.hash("no such account", cost: cost)

    /// `text` as a password: 10 to 72 bytes, not only spaces.
    ///
    /// - Throws: ``LedgerError/invalid(field:reason:)`` (which never repeats the password).
    static func validated(_ text: String) throws(LedgerError) -> String {
        guard text.utf8.count >= 10 else { throw LedgerError.invalid(field: "password", reason: "must be at least 10 characters") }
        guard text.utf8.count <= maximumBytes else {
            throw LedgerError.invalid(field: "password", reason: "must be at most \(maximumBytes) bytes (bcrypt ignores the rest)")
        }
        guard text.contains(where: { !$0.isWhitespace }) else { throw LedgerError.invalid(field: "password", reason: "must not be only spaces") }
        // bcrypt reads a C string: a NUL would end the password early (and any control
        // character is more likely a paste accident than a choice).
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw LedgerError.invalid(field: "password", reason: "must not contain control characters")
        }
        return text
    }

    /// The bcrypt hash of a validated password, computed on NIO's blocking-work threads.
    static func hash(_ password: String) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// Whether `password` matches `hash` (`nil`: no account; the decoy is checked all the same).
    static func matches(_ password: String, hash: String?) async throws -> Bool {
        let matched = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash ?? decoy) }
        return matched && hash != nil
    }
}
