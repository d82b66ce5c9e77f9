import Foundation
import PersistKit

/// The last line of defence for passwords: every error line persist prints or serves passes through here.
///
/// Messages are redacted where they show a URL (``DatabaseURL/redact(_:)``); on top of that every
/// password persist could know of (in the arguments, `DATABASE_URL`, `DIRECT_URL`, `./.env`) is
/// replaced wherever it appears, whatever the text around it, raw or percent-encoded.
public enum SecretScrubber {
    /// `message` with every known password masked.
    public static func scrub(_ message: String) -> String {
        // Known secrets first, whole: redaction alone could cut a password at a space or an `@`
        // and leave the rest of it in view.
        var text = message
        for secret in secrets {
            text = text.replacingOccurrences(of: secret, with: DatabaseURL.passwordMask)
        }
        return DatabaseURL.redact(text)
    }

    /// The known passwords, longest first, gathered once: the arguments, the environment and
    /// `./.env` are what the process was started with (a server scrubs every error it answers,
    /// and reading them each time cost more than the request).
    private static let secrets: [String] = knownSecrets().filter { $0.count >= 2 }.sorted { $0.count > $1.count }

    /// Passwords in the places a database URL can come from.
    private static func knownSecrets() -> Set<String> {
        var sources = CommandLine.arguments.dropFirst().filter { $0.contains("://") }
        let environment = ProcessInfo.processInfo.environment
        for name in [DatabaseURLSource.variable, DatabaseURLSource.directVariable] {
            if let value = environment[name] { sources.append(value) }
        }
        if let dotEnv = try? String(contentsOfFile: ".env", encoding: .utf8) {
            sources.append(contentsOf: dotEnv.split(whereSeparator: \.isNewline).map(String.init).filter { $0.contains("://") })
        }
        return Set(sources.flatMap { source in DatabaseURL.passwords(in: source) + wholePassword(in: source) })
    }

    /// The password of a whole argument or variable taken as one URL: from the first `:` after
    /// `scheme://` to the last `@`, spaces and tabs included.
    private static func wholePassword(in text: String) -> [String] {
        guard let schemeEnd = text.range(of: "://") else { return [] }
        let rest = text[schemeEnd.upperBound...]
        guard let at = rest.lastIndex(of: "@"), let colon = rest[..<at].firstIndex(of: ":") else { return [] }
        let typed = String(rest[rest.index(after: colon)..<at])
        return [typed, typed.removingPercentEncoding].compactMap { $0 }
    }
}
