import Foundation

/// Reads `KEY=value` lines from a `.env` file, the way python-dotenv and most tools do.
///
/// Supports `export KEY=value`, blank lines, `#` comments, and single- or double-quoted values.
/// Nothing is written to the process environment: the value is returned to the caller only.
enum DotEnvFile {
    /// The last value given for `key` in the file at `url`, or `nil` when the file or key is absent.
    static func value(of key: String, in url: URL) throws(DatabaseURLError) -> String? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw DatabaseURLError(.malformed, "cannot read .env: it is not readable UTF-8 text")
        }
        return entries(in: text).last(where: { $0.key == key })?.value
    }

    /// The `(key, value)` pairs in `text`, in file order.
    static func entries(in text: String) -> [(key: String, value: String)] {
        text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline).compactMap { rawLine in
            var line = rawLine.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#"), let equals = line.firstIndex(of: "=") else { return nil }
            if line.hasPrefix("export ") {
                line = String(line.dropFirst("export ".count))
                return entries(in: line).first
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            return (key, unquote(line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)))
        }
    }

    private static func unquote(_ value: String) -> String {
        for quote in ["\"", "'"] where value.hasPrefix(quote) {
            let body = value.dropFirst()
            if let end = body.range(of: quote) { return String(body[..<end.lowerBound]) }
            return String(body)
        }
        // An unquoted value ends at a ` #` comment.
        if let comment = value.range(of: " #") { return value[..<comment.lowerBound].trimmingCharacters(in: .whitespaces) }
        return value
    }
}
