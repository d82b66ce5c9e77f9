/// Text that came from a database or a person, made safe to show on one line of a terminal.
public enum PrintableText {
    /// `text` on one line, whatever it held: line breaks, other control characters (a terminal's
    /// escape sequences), line and paragraph separators and invisible format characters (bidi
    /// overrides) are shown escaped (`\n`, `\u{1b}`), and the result is cut after `limit` Unicode
    /// scalars (not characters: one letter may carry thousands of combining marks).
    public static func oneLine(_ text: String, limit: Int = 2_000) -> String {
        var line = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if line.count >= limit {
                return String(line) + "… (cut)"
            }
            switch scalar {
            case "\n": line.append(contentsOf: "\\n".unicodeScalars)
            case "\r": line.append(contentsOf: "\\r".unicodeScalars)
            case "\t": line.append(contentsOf: "\\t".unicodeScalars)
            case _ where [.control, .lineSeparator, .paragraphSeparator, .format].contains(scalar.properties.generalCategory):
                line.append(contentsOf: "\\u{\(String(scalar.value, radix: 16))}".unicodeScalars)
            default: line.append(scalar)
            }
        }
        return String(line)
    }
}
