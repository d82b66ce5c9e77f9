import Foundation

/// Reads `KEY=value` lines from a `.env` file in python-dotenv's dialect, so a file that works
/// with the seed's Python tools works here, character for character.
///
/// The grammar is python-dotenv's own (its `parser.py`, whose regular expressions are repeated
/// below): `export` followed by any spaces or tabs, quoted or bare keys, spaces around `=`,
/// single-quoted values (escapes `\\` and `\'`), double-quoted values (escapes `\\ \' \" \a \b
/// \f \n \r \t \v`, line breaks inside allowed), bare values ending at a ` #` comment, and lines
/// that do not parse skipped. Variables are not expanded (python-dotenv's `interpolate=False`).
/// Nothing is written to the process environment: the value is returned to the caller only.
enum DotEnvFile {
    /// The last value given for `key` in the file at `url`, or `nil` when the file or key is absent.
    ///
    /// - Throws: ``DatabaseURLError`` when a line that mentions `key` cannot be parsed (python-dotenv
    ///   would skip it with a warning, and persist would silently use another database), or when
    ///   the value holds a `${…}` variable, which persist does not expand.
    static func value(of key: String, in url: URL) throws(DatabaseURLError) -> String? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw DatabaseURLError(.malformed, "cannot read .env: it is not readable UTF-8 text")
        }
        let parsed = parse(text)
        if let line = parsed.failures.first(where: { $0.text.contains(key) })?.line {
            throw DatabaseURLError(.malformed, ".env line \(line) mentions \(key) but cannot be read (an unclosed quote?); fix it, or the database would silently be another one")
        }
        guard let entry = parsed.entries.last(where: { $0.key == key }) else { return nil }
        // An empty line such as a template's `DATABASE_URL=` is a value someone forgot to fill in:
        // ignoring it would silently pick another database.
        guard let value = entry.value, !value.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw DatabaseURLError(.malformed, "\(key) in .env is empty; write the URL, or delete the line")
        }
        if value.contains("${") {
            throw DatabaseURLError(.malformed, "\(key) in .env holds a ${…} variable, which persist does not expand; write the value out")
        }
        return value
    }

    /// The `(key, value)` pairs in `text`, in file order; a key without `=` has the value `nil`
    /// (and, as in python-dotenv, hides an earlier value of the same key).
    static func entries(in text: String) -> [(key: String, value: String?)] {
        parse(text).entries
    }

    /// The entries, and the statements that could not be parsed (their first line number and text).
    static func parse(_ text: String) -> (entries: [(key: String, value: String?)], failures: [(line: Int, text: String)]) {
        var reader = Reader(text)
        var entries: [(key: String, value: String?)] = []
        var failures: [(line: Int, text: String)] = []
        while reader.hasNext {
            let start = reader.position
            if let binding = reader.binding() {
                if let binding { entries.append(binding) }
            } else {
                // As python-dotenv: the rest of the line from where parsing failed is skipped
                // (a quoted key may already have run over several lines).
                _ = reader.read(Pattern.restOfLine)
                let statement = reader.text.substring(with: NSRange(location: start, length: reader.position - start))
                let line = reader.text.substring(to: start).reduce(1) { $0 + ($1 == "\n" ? 1 : 0) }
                failures.append((line, statement))
            }
        }
        return (entries, failures)
    }

    /// python-dotenv's regular expressions (`dotenv/parser.py`).
    private enum Pattern {
        static let multilineWhitespace = regex(##"\s*"##)
        static let whitespace = regex(##"[^\S\r\n]*"##)
        static let export = regex(##"(?:export[^\S\r\n]+)?"##)
        static let singleQuotedKey = regex(##"'([^']+)'"##)
        static let unquotedKey = regex(##"([^=\#\s]+)"##)
        static let equalSign = regex(##"(=[^\S\r\n]*)"##)
        static let singleQuotedValue = regex(##"'((?:\\'|[^'])*)'"##)
        static let doubleQuotedValue = regex(##""((?:\\"|[^"])*)""##)
        static let unquotedValue = regex(##"([^\r\n]*)"##)
        static let comment = regex(##"(?:[^\S\r\n]*#[^\r\n]*)?"##)
        static let endOfLine = regex(##"[^\S\r\n]*(?:\r\n|\n|\r|$)"##)
        static let restOfLine = regex(##"[^\r\n]*(?:\r|\n|\r\n)?"##)
        static let inlineComment = regex(##"\s+#.*"##)

        private static func regex(_ pattern: String) -> NSRegularExpression {
            // The patterns are constants above; a typo is a programming error caught by the tests.
            guard let regex = try? NSRegularExpression(pattern: pattern) else { preconditionFailure("bad pattern \(pattern)") }
            return regex
        }
    }

    private struct Reader {
        let text: NSString
        var position = 0

        init(_ string: String) {
            text = string as NSString
        }

        var hasNext: Bool { position < text.length }

        func peek() -> String {
            hasNext ? text.substring(with: NSRange(location: position, length: 1)) : ""
        }

        /// Matches `pattern` exactly here, moves past it, and returns its first group (or the match).
        mutating func read(_ pattern: NSRegularExpression) -> String? {
            let range = NSRange(location: position, length: text.length - position)
            guard let match = pattern.firstMatch(in: text as String, options: .anchored, range: range) else { return nil }
            position = match.range.location + match.range.length
            let group = match.numberOfRanges > 1 ? match.range(at: 1) : match.range
            return group.location == NSNotFound ? "" : text.substring(with: group)
        }

        /// One binding: `.some(nil)` for a line without one (blank, comment, key without `=`),
        /// `nil` when the line does not parse.
        mutating func binding() -> (key: String, value: String?)?? {
            _ = read(Pattern.multilineWhitespace)
            guard hasNext else { return .some(nil) }
            _ = read(Pattern.export)
            let key: String?
            switch peek() {
            case "#": key = nil
            case "'": guard let quoted = read(Pattern.singleQuotedKey) else { return nil }; key = quoted
            default: guard let bare = read(Pattern.unquotedKey) else { return nil }; key = bare
            }
            _ = read(Pattern.whitespace)
            var value: String?
            if peek() == "=" {
                _ = read(Pattern.equalSign)
                guard let parsed = self.value() else { return nil }
                value = parsed
            }
            _ = read(Pattern.comment)
            guard read(Pattern.endOfLine) != nil else { return nil }
            guard let key else { return .some(nil) }
            return .some((key, value))
        }

        private mutating func value() -> String? {
            switch peek() {
            case "'":
                return read(Pattern.singleQuotedValue).map { DotEnvFile.unescape($0, allowed: "\\'") }
            case "\"":
                return read(Pattern.doubleQuotedValue).map { DotEnvFile.unescape($0, allowed: "\\'\"abfnrtv") }
            case "", "\n", "\r":
                return ""
            default:
                guard let part = read(Pattern.unquotedValue) else { return nil }
                let bare = Pattern.inlineComment.stringByReplacingMatches(
                    in: part, range: NSRange(location: 0, length: (part as NSString).length), withTemplate: ""
                )
                // Python's rstrip(): any trailing whitespace.
                return String(bare.reversed().drop(while: \.isWhitespace).reversed())
            }
        }
    }

    /// Replaces the escapes python-dotenv decodes (`\` followed by one of `allowed`); any other
    /// backslash stays as it is.
    private static func unescape(_ value: String, allowed: String) -> String {
        guard value.contains("\\") else { return value }
        var result = ""
        var iterator = value.makeIterator()
        while let character = iterator.next() {
            guard character == "\\" else { result.append(character); continue }
            guard let next = iterator.next() else { result.append(character); break }
            guard allowed.contains(next) else { result.append(character); result.append(next); continue }
            switch next {
            case "a": result.append("\u{07}")
            case "b": result.append("\u{08}")
            case "f": result.append("\u{0C}")
            case "n": result.append("\n")
            case "r": result.append("\r")
            case "t": result.append("\t")
            case "v": result.append("\u{0B}")
            default: result.append(next)
            }
        }
        return result
    }
}
