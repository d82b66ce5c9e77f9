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
        self.description = description
    }
}
