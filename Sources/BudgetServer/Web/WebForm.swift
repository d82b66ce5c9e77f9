import Foundation
import BudgetTracker
import Crypto
import Hummingbird

/// A submitted form's fields (`application/x-www-form-urlencoded`), read only after its token
/// checked out: every form handler reads its fields through here, so none acts on a forged form.
struct WebForm {
    /// The fields by name; empty text counts as absent.
    let fields: [String: String]

    /// The request's form, at most ``ServerLimits/jsonBody`` bytes.
    ///
    /// - Throws: ``WebFailure/forgedForm`` without the right token, ``WebFailure/unexpectedForm(_:)``
    ///   for a body that is not a form.
    static func read(_ request: Request, context: ServerContext) async throws -> WebForm {
        guard WebUpload.mediaType(of: request) == "application/x-www-form-urlencoded" else {
            throw WebFailure.unexpectedForm("send the form as application/x-www-form-urlencoded")
        }
        let body = try await request.body.collect(upTo: ServerLimits.jsonBody)
        let fields: [String: String]
        do {
            fields = try URLEncodedFormDecoder().decode([String: String].self, from: String(decoding: body.readableBytesView, as: UTF8.self))
        } catch {
            throw WebFailure.unexpectedForm("the form could not be read")
        }
        // Percent-encoded bytes that are not UTF-8 are refused, not stored as U+FFFD.
        guard !fields.contains(where: { $0.key.contains("\u{FFFD}") || $0.value.contains("\u{FFFD}") }) else {
            throw WebFailure.unexpectedForm("the form holds text that is not UTF-8")
        }
        try FormToken.verify(fields["csrf"], request: request, context: context)
        return WebForm(fields: fields)
    }

    init(fields: [String: String]) {
        self.fields = fields
    }

    /// The field's text, trimmed; `nil` when absent or blank.
    subscript(_ name: String) -> String? {
        guard let value = fields[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    /// A field that must be filled in.
    func required(_ name: String, label: String) throws -> String {
        guard let value = self[name] else { throw LedgerError.invalid(field: name, reason: "fill in \(label)") }
        return value
    }

    /// The key under which the form's money rows are recorded once (see
    /// ``WebPages/submissionKey()``): the page's random key together with what the form says, so
    /// the same form sent again is recognised, while the key sent again with other values (a
    /// browser that restored the hidden field, another form) is a new submission, not "already
    /// done".
    func submissionKey(for form: String) throws -> String {
        let key = try required("submission", label: "the form's key (reload the page)")
        var content = form + "\u{0}" + key
        for name in fields.keys.sorted() where name != "csrf" && name != "submission" {
            content += "\u{0}" + name + "\u{0}" + (self[name] ?? "")
        }
        return SHA256.hash(data: Data(content.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Whether a checkbox was ticked.
    func isChecked(_ name: String) -> Bool { self[name] != nil }
}
