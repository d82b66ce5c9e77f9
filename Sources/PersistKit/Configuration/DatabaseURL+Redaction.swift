import Foundation

extension DatabaseURL {
    /// The text that stands in for a password wherever a URL is shown.
    public static let passwordMask = "***"

    /// The URL rendered for people and logs, with the password replaced by `***`.
    public var redacted: String {
        switch location {
        case .sqlite(.memory):
            return "\(scheme):///:memory:"
        case .sqlite(.file(let path)):
            return "\(scheme):///\(path)"
        case .postgresql(let endpoint):
            var components = URLComponents()
            components.scheme = scheme
            // Encoded so that a `:` or `@` in the user name cannot read as a password separator:
            // the redacted URL parses back to the same user name.
            components.percentEncodedUser = endpoint.user.addingPercentEncoding(withAllowedCharacters: Self.userNameCharacters) ?? ""
            components.host = endpoint.host
            components.port = endpoint.port
            components.path = endpoint.database.map { "/\($0)" } ?? ""
            let items = endpoint.parameters.items
            // A parameter that repeats the password (say, an application_name pasted by mistake)
            // is masked too.
            components.queryItems = items.isEmpty ? nil : items.map { item in
                URLQueryItem(name: item.name, value: item.value == endpoint.password ? Self.passwordMask : item.value)
            }
            guard var text = components.string else { return "\(scheme)://\(endpoint.host)" }
            if endpoint.password != nil, let at = text.range(of: "@") {
                text.insert(contentsOf: ":\(Self.passwordMask)", at: at.lowerBound)
            }
            return text
        }
    }

    /// Characters left as they are in a shown user name (RFC 3986 unreserved and sub-delims, no `:`).
    static let userNameCharacters = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=")

    /// Masks the password in every URL-like part of `text`, even text that does not parse.
    ///
    /// Use it before showing a string that might hold a URL the user typed. A password may hold
    /// any character a generated password has, `/`, `#`, `?` and `@` among them, typed without
    /// percent-encoding: everything from the first `:` after `scheme://` to the last `@` of that
    /// word is masked.
    public static func redact(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let schemeEnd = rest.range(of: "://") {
            result += rest[..<schemeEnd.upperBound]
            let word = rest[schemeEnd.upperBound...]
            let wordEnd = word.firstIndex(where: { $0.isWhitespace || $0 == "'" || $0 == "\"" || $0 == "`" }) ?? word.endIndex
            let url = word[..<wordEnd]
            if let at = url.lastIndex(of: "@"), let colon = url[..<at].firstIndex(of: ":") {
                result += url[...colon] + passwordMask + url[at...]
            } else {
                result += url
            }
            rest = word[wordEnd...]
        }
        return result + rest
    }

    /// The password of a URL-like text, read as leniently as ``redact(_:)`` reads it, raw and as
    /// typed (percent-encoded); empty when there is none. For scrubbing a known secret from text.
    public static func passwords(in text: String) -> [String] {
        var found: [String] = []
        var rest = Substring(text)
        while let schemeEnd = rest.range(of: "://") {
            let word = rest[schemeEnd.upperBound...]
            let wordEnd = word.firstIndex(where: \.isWhitespace) ?? word.endIndex
            let url = word[..<wordEnd]
            if let at = url.lastIndex(of: "@"), let colon = url[..<at].firstIndex(of: ":") {
                let typed = String(url[url.index(after: colon)..<at])
                if !typed.isEmpty {
                    found.append(typed)
                    if let decoded = typed.removingPercentEncoding, decoded != typed { found.append(decoded) }
                }
            }
            rest = word[wordEnd...]
        }
        return found
    }
}

extension DatabaseURL: CustomDebugStringConvertible, CustomReflectable {
    /// Redacted, like ``description``: debug output must not leak the password either.
    public var debugDescription: String { redacted }

    /// `dump()` and debuggers see the redacted text only.
    public var customMirror: Mirror { Mirror(self, children: ["redacted": redacted]) }
}

extension DatabaseURL.PostgresEndpoint: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `user@host:port/database`, without the password.
    public var description: String { "\(user)@\(host):\(port)/\(database ?? "")" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["endpoint": description]) }
}
