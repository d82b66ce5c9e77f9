/// A value written as text (money as `52.50`, dates as `2024-01-15`): encoded as that text and
/// decoded by parsing it, so JSON shows exactly what a person reads.
public protocol TextCodable: Codable, CustomStringConvertible {
    /// Parses the text form; throws ``LedgerError/invalid(field:reason:)``.
    init(parsing text: String) throws(LedgerError)
}

extension TextCodable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }
}
