/// Why a database URL was refused. Its text names the problem and never the password.
public struct DatabaseURLError: Error, Equatable, CustomStringConvertible {
    /// What kind of problem it is, for callers that react differently.
    public enum Code: Sendable, Equatable {
        case malformed
        case unsupportedScheme
        case missingHost
        case missingUser
        case unknownParameter
        case invalidParameter
        case unsupportedParameter
    }

    /// What kind of problem it is.
    public let code: Code
    /// One line for a person: what is wrong and what to do.
    public let description: String

    init(_ code: Code, _ description: String) {
        self.code = code
        // Messages quote parts of what was typed; a line break or other control character in
        // them is shown escaped, so the message stays one line.
        self.description = description.unicodeScalars.map { scalar in
            scalar.properties.generalCategory == .control ? scalar.escaped(asASCII: true) : String(scalar)
        }.joined()
    }
}
