/// Checks for the text fields people type: emails, names, descriptions, colours.
enum Validation {
    /// A trimmed, lower-cased email that looks like one: `local@domain.tld`, no spaces, at most 100 characters.
    static func email(_ text: String) throws(LedgerError) -> String {
        let email = text.trimmingSpaces.lowercased()
        guard !email.characterCount(exceeds: 100) else {
            throw LedgerError.invalid(field: "email", reason: "is \(email.count) characters long; at most 100 are allowed")
        }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              !email.containsControlCharacter(allowingLineBreaks: false), !email.contains(where: { $0.isWhitespace || $0.isNewline }) else {
            throw LedgerError.invalid(field: "email", reason: "'\(Money.shown(text))' does not look like an email address (name@example.com)")
        }
        return email
    }

    /// Text of 1 to `maximum` characters with no control characters (line breaks and tabs only
    /// where `multiline`); surrounding spaces are trimmed.
    static func text(_ text: String, field: String, maximum: Int, multiline: Bool = false) throws(LedgerError) -> String {
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty else {
            throw LedgerError.invalid(field: field, reason: "must not be empty")
        }
        guard !trimmed.characterCount(exceeds: maximum) else {
            throw LedgerError.invalid(field: field, reason: "is \(trimmed.count) characters long; at most \(maximum) are allowed")
        }
        guard !trimmed.containsControlCharacter(allowingLineBreaks: multiline) else {
            let example = multiline ? "such as NUL" : "such as NUL or a line break"
            throw LedgerError.invalid(field: field, reason: "contains a control character (\(example))")
        }
        return trimmed
    }

    /// `#RRGGBB`, upper-cased.
    static func color(_ text: String) throws(LedgerError) -> String {
        let color = text.trimmingSpaces.uppercased()
        guard color.count == 7, color.first == "#", color.dropFirst().allSatisfy(\.isHexDigit) else {
            throw LedgerError.invalid(field: "color", reason: "'\(Money.shown(text))' is not a colour in the form #RRGGBB")
        }
        return color
    }

    /// An expense amount: more than zero and at most ``Money/maximum``.
    static func positive(_ amount: Money) throws(LedgerError) -> Money {
        guard amount.cents > 0 else {
            throw LedgerError.invalid(field: "amount", reason: "\(amount) must be greater than 0")
        }
        guard amount <= .maximum else {
            throw LedgerError.invalid(field: "amount", reason: "\(amount) is more than the maximum \(Money.maximum)")
        }
        return amount
    }
}
