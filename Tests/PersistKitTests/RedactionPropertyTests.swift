import Foundation
import PersistKit
import PersistTestSupport
import Testing

/// Passwords of any characters are masked in any text, and a redacted URL still names the same
/// user (a `:` in a user name must not read as the start of a password).
@Suite("Redaction holds for any password and user name")
struct RedactionPropertyTests {
    /// Characters of generated passwords and user names. Spaces and quotes end a word in free text,
    /// so raw passwords holding them are the scrubber's job (the CLI tests cover it), not redact()'s.
    static let characters = Array("abcXYZ019/#?@:%&=+~!$()*,;[]")

    @Test("generated passwords never survive redact(), raw or percent-encoded")
    func passwordsAreMasked() throws {
        var random = SplitMix(seed: 99)
        for _ in 0..<5_000 {
            let length = Int(random.next() % 12) + 6
            let password = String((0..<length).map { _ in Self.characters[Int(random.next() % UInt64(Self.characters.count))] })
            let encoded = password.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            for shown in ["postgresql://app:\(password)@db.example.com:5432/app", "postgresql://app:\(encoded)@db.example.com/app?sslmode=require"] {
                let redacted = DatabaseURL.redact("error with '\(shown)' inside")
                for secret in [password, encoded] where secret.count >= 6 {
                    #expect(!redacted.contains(secret), "\(shown) → \(redacted)")
                }
                #expect(redacted.contains("app:***@"))
            }
            let url = try DatabaseURL("postgresql://app:\(encoded)@db.example.com/app")
            guard case .postgresql(let endpoint) = url.location else { Issue.record("not PostgreSQL"); continue }
            #expect(endpoint.password == password)
            #expect(!url.redacted.contains(encoded) && !url.description.contains(encoded))
        }
    }

    @Test("a parameter that repeats the password is masked too")
    func parameterRepeatingThePassword() throws {
        let url = try DatabaseURL("postgresql://app:s3cretPW@db.example.com/app?application_name=s3cretPW&sslmode=require")
        #expect(!url.redacted.contains("s3cretPW"))
        #expect(url.redacted.contains("application_name=***"))
    }

    @Test("a redacted URL parses back to the same user name, whatever its characters")
    func userNamesSurviveRedaction() throws {
        var random = SplitMix(seed: 5)
        for _ in 0..<2_000 {
            let length = Int(random.next() % 8) + 1
            let user = String((0..<length).map { _ in Self.characters[Int(random.next() % UInt64(Self.characters.count))] })
            let encoded = user.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let url = try DatabaseURL("postgresql://\(encoded):secret@db.example.com/app")
            let back = try DatabaseURL(url.redacted.replacingOccurrences(of: ":***@", with: ":x@"))
            guard case .postgresql(let original) = url.location, case .postgresql(let parsed) = back.location else {
                Issue.record("not PostgreSQL"); continue
            }
            #expect(parsed.user == original.user, "\(url.redacted)")
            #expect(original.user == user)
        }
    }
}
