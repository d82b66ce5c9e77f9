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
            components.user = endpoint.user
            components.host = endpoint.host
            components.port = endpoint.port
            components.path = endpoint.database.map { "/\($0)" } ?? ""
            let items = endpoint.parameters.items
            components.queryItems = items.isEmpty ? nil : items.map { URLQueryItem(name: $0.name, value: $0.value) }
            guard var text = components.string else { return "\(scheme)://\(endpoint.host)" }
            if endpoint.password != nil, let at = text.range(of: "@") {
                text.insert(contentsOf: ":\(Self.passwordMask)", at: at.lowerBound)
            }
            return text
        }
    }

    /// Masks the password in any URL-like text, even text that does not parse.
    ///
    /// Use it before showing a string that might hold a URL the user typed.
    public static func redact(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "://") else { return text }
        let authorityStart = schemeEnd.upperBound
        let authorityEnd = text[authorityStart...].firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? text.endIndex
        let authority = text[authorityStart..<authorityEnd]
        guard let at = authority.lastIndex(of: "@"),
              let colon = authority[..<at].firstIndex(of: ":") else { return text }
        var result = text
        result.replaceSubrange(authority.index(after: colon)..<at, with: passwordMask)
        return result
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
