/// Checks for the text fields people type: emails, names, descriptions, colours.
///
/// The one place where typed text becomes stored text. Text that identifies something (an email,
/// a user's or a category's name) is normalised to Unicode NFC here, so every write path and
/// every lookup sees one spelling of what a person sees as one name. Lengths are counted as the
/// schema counts them (Unicode code points, see ``Swift/String/lengthExceeds(_:)``).
///
/// Category names are compared exactly after normalisation: "Rent" and "rent" are two categories,
/// on SQLite and PostgreSQL alike.
enum Validation {
    /// A trimmed, lower-cased, NFC email that looks like one: `local@domain.tld`, no spaces, at most 100 characters.
    static func email(_ text: String) throws(LedgerError) -> String {
        let email = text.trimmingSpaces.lowercased().normalizedNFC
        guard !email.lengthExceeds(100) else {
            throw LedgerError.invalid(field: "email", reason: "is \(email.storedLength) characters long; at most 100 are allowed")
        }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              !email.containsControlCharacter(allowingLineBreaks: false), !email.contains(where: { $0.isWhitespace || $0.isNewline }),
              !email.contains("://") else {
            throw LedgerError.invalid(field: "email", reason: "'\(Money.shown(text))' does not look like an email address (name@example.com)")
        }
        return email
    }

    /// A name that identifies something (a user's or a category's): ``text(_:field:maximum:multiline:)``
    /// in Unicode NFC.
    static func name(_ text: String, field: String, maximum: Int) throws(LedgerError) -> String {
        try Validation.text(text.normalizedNFC, field: field, maximum: maximum)
    }

    /// A category's name: a ``name(_:field:maximum:)`` of at most 50 characters.
    static func category(_ text: String) throws(LedgerError) -> String {
        try name(text, field: "category", maximum: 50)
    }

    /// Text of 1 to `maximum` characters (code points) with no control characters (line breaks
    /// and tabs only where `multiline`); surrounding spaces are trimmed.
    static func text(_ text: String, field: String, maximum: Int, multiline: Bool = false) throws(LedgerError) -> String {
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty else {
            throw LedgerError.invalid(field: field, reason: "must not be empty")
        }
        guard !trimmed.lengthExceeds(maximum) else {
            throw LedgerError.invalid(field: field, reason: "is \(trimmed.storedLength) characters long; at most \(maximum) are allowed")
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

    /// An expense amount: a purchase (positive) or a refund or transfer leg (negative), never
    /// zero, and at most ``Money/maximum`` either way.
    static func amount(_ amount: Money) throws(LedgerError) -> Money {
        guard amount.cents != 0 else {
            throw LedgerError.invalid(field: "amount", reason: "must not be zero (a refund is a negative amount, e.g. -5.00)")
        }
        guard amount.cents.magnitude <= Money.maximum.cents.magnitude else {
            throw LedgerError.invalid(field: "amount", reason: "\(amount) is beyond the limit of \(Money.maximum) either way")
        }
        return amount
    }

    /// A transfer amount: more than zero and at most ``Money/maximum``.
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
