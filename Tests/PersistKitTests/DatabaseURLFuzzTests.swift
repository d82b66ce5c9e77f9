import Foundation
import PersistKit
import PersistTestSupport
import Testing

/// 40,000 random database URLs (the same ones every run): each is parsed or refused with one clear line, the
/// parser never crashes, and a password never appears in any text persist shows.
@Suite("Database URL parser under fuzzing")
struct DatabaseURLFuzzTests {
    static let password = "Zq9pWx7secret"

    @Test("random and mutated URLs: parsed or refused cleanly; the password never shown")
    func fuzz() {
        var random = SplitMix(seed: 20261126)
        var parsed = 0
        var refused = 0
        for _ in 0..<40_000 {
            let (text, passwordPlaced) = Self.candidate(&random)
            do {
                let url = try DatabaseURL(text)
                parsed += 1
                for shown in [url.redacted, url.description, url.debugDescription, String(describing: url), String(reflecting: url)] where passwordPlaced {
                    #expect(!shown.contains(Self.password), "\(text.debugDescription) shows its password: \(shown)")
                }
            } catch {
                refused += 1
                let message = error.description
                #expect(!message.isEmpty, "\(text.debugDescription)")
                #expect(!message.contains { $0.isNewline }, "\(text.debugDescription): \(message)")
                if passwordPlaced {
                    #expect(!message.contains(Self.password), "\(text.debugDescription): \(message)")
                }
            }
        }
        progressLine("URL fuzzing: \(parsed + refused) inputs, \(parsed) parsed, \(refused) refused")
        #expect(parsed > 100)
        #expect(refused > 100)
    }

    /// A URL built from plausible and hostile pieces, sometimes mutated; whether the password
    /// still sits where a password goes (so it must never be shown).
    static func candidate(_ random: inout SplitMix) -> (String, Bool) {
        func pick(_ options: [String]) -> String { options[Int(random.next() % UInt64(options.count))] }
        let scheme = pick(["postgresql://", "postgres://", "POSTGRESQL://", "sqlite:///", "sqlite://", "sqlite:", "mysql://", "", "://", "postgresql:/", "file://"])
        let user = pick(["", "user@", "user:\(password)@", ":\(password)@", "us%20er:\(password)@", "user:@", "u:\(password)@@", "neondb_owner:\(password)@"])
        let host = pick(["localhost", "127.0.0.1", "[::1]", "[::1", "ep-cool-123-pooler.eu-central-1.aws.neon.tech", "", "%zz", "höst", "a b", "-"])
        let port = pick(["", ":5432", ":0", ":65536", ":-1", ":abc", ":", ":99999999999999999999"])
        let path = pick(["/app", "/", "", "/a/b", "/:memory:", "/%00", "/../x", "/tmp/x.db", "//abs/x.db", "/neondb"])
        var query: [String] = []
        for _ in 0..<Int(random.next() % 4) {
            let key = pick(["sslmode", "pool_size", "pool_timeout", "connect_timeout", "application_name", "options", "sslrootcert", "channel_binding", "password", "ssl", "unknown", ""])
            let value = key == "password" ? password : pick(["require", "disable", "verify-full", "0", "-1", "5", "abc", "", "%", "1e9", "99999999999", "-c%20search_path%3Dx"])
            query.append("\(key)=\(value)")
        }
        var text = scheme + user + host + port + path + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
        if random.next() % 3 == 0 {
            var scalars = Array(text.unicodeScalars)
            for _ in 0...Int(random.next() % 3) {
                let position = scalars.isEmpty ? 0 : Int(random.next() % UInt64(scalars.count + 1))
                if random.next() % 2 == 0, position < scalars.count {
                    scalars.remove(at: position)
                } else {
                    let inserted: [Unicode.Scalar] = ["@", ":", "/", "?", "#", "%", "&", "=", " ", "\n", "\u{0}", "[", "]", "é", "\u{FFFD}"]
                    scalars.insert(inserted[Int(random.next() % UInt64(inserted.count))], at: position)
                }
            }
            text = String(String.UnicodeScalarView(scalars))
        }
        let placed = text.contains(":\(password)@") || text.contains("password=\(password)")
        return (text, placed)
    }
}
