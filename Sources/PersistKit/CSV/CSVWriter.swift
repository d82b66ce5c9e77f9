/// Writes RFC 4180 records: fields with commas, quotes or line breaks are quoted and their quotes
/// doubled; lines end with LF.
public enum CSVWriter {
    /// One record as a line, newline included.
    public static func line(_ fields: [String]) -> String {
        fields.map(escape).joined(separator: ",") + "\n"
    }

    /// A field, quoted when it needs to be.
    public static func escape(_ field: String) -> String {
        // Scalars, not Characters: "\r\n" is one Character that equals neither "\r" nor "\n".
        guard field.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
