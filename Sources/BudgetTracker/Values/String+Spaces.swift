import Foundation

extension String {
    /// The text without leading and trailing spaces and tabs, without copying when there are none.
    ///
    /// The set is Foundation's `CharacterSet.whitespaces` (what persist trimmed with before): Unicode
    /// category Zs, the tab, and the zero-width space U+200B, which Foundation counts in.
    ///
    /// Import validates every field of every row, so this is written for the common case: one
    /// look at the first and last scalar.
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last, first.isSpace || last.isSpace else { return self }
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, scalars[start].isSpace { start = scalars.index(after: start) }
        while end > start, scalars[scalars.index(before: end)].isSpace { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }

    /// Whether the text holds a control character (Unicode category Cc: U+0000–U+001F and
    /// U+007F–U+009F), other than a line break (LF or CRLF) and a tab when `allowingLineBreaks`.
    func containsControlCharacter(allowingLineBreaks: Bool) -> Bool {
        var previous: UInt8 = 0
        var pendingCarriageReturn = false
        for byte in utf8 {
            if pendingCarriageReturn {
                if byte != 0x0A { return true }
                pendingCarriageReturn = false
            } else if byte < 0x20 || byte == 0x7F {
                guard allowingLineBreaks else { return true }
                if byte == 0x0D {
                    pendingCarriageReturn = true
                } else if byte != 0x0A, byte != 0x09 {
                    return true
                }
            } else if previous == 0xC2, (0x80...0x9F).contains(byte) {
                return true
            }
            previous = byte
        }
        return pendingCarriageReturn
    }

    /// Whether the text is longer than `limit` as the schema counts length: in Unicode code
    /// points (what `length()` and `VARCHAR(n)` count on SQLite and PostgreSQL alike), never in
    /// grapheme clusters, so a name validation accepts is a name the database stores.
    /// A UTF-8 length within the limit already settles it.
    func lengthExceeds(_ limit: Int) -> Bool {
        utf8.count > limit && unicodeScalars.count > limit
    }

    /// The length as the schema counts it: Unicode code points.
    var storedLength: Int { unicodeScalars.count }

    /// The text in Unicode Normalization Form C, so that "Café" typed precomposed and decomposed
    /// is one spelling, byte for byte, in the database (which compares bytes, not what a person sees).
    /// ASCII text is returned as it is.
    var normalizedNFC: String {
        utf8.allSatisfy { $0 < 0x80 } ? self : precomposedStringWithCanonicalMapping
    }
}

extension Unicode.Scalar {
    fileprivate var isSpace: Bool {
        self == " " || self == "\t" || (value >= 0x80 && (value == 0x200B || properties.generalCategory == .spaceSeparator))
    }
}
