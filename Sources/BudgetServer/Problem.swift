import BudgetTracker
import Foundation
import HTTPTypes
import Hummingbird
import PersistKit

/// An error as the API reports it: RFC 9457 problem details (`application/problem+json`), with
/// a stable ``code`` to react to and a one-line ``detail`` that never holds SQL, a stack trace,
/// a token or a password.
struct Problem: Error, Sendable, Encodable {
    /// The HTTP status.
    let status: Int
    /// A stable, machine-readable name (`not-found`, `invalid`…).
    let code: String
    /// A short summary of the kind of problem.
    let title: String
    /// What went wrong this time.
    let detail: String
    /// The field a refused value was given in, when there is one.
    var field: String?
    /// Seconds to wait before trying again (also sent as `Retry-After`).
    var retryAfter: Int?

    /// `about:blank` plus the code, as RFC 9457 allows, so clients can match on `type` too.
    var type: String { "https://persist.invalid/problems/\(code)" }

    private enum CodingKeys: String, CodingKey {
        case type, status, code, title, detail, field
        case retryAfter = "retry_after"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        try container.encode(status, forKey: .status)
        try container.encode(code, forKey: .code)
        try container.encode(title, forKey: .title)
        try container.encode(detail, forKey: .detail)
        try container.encodeIfPresent(field, forKey: .field)
        try container.encodeIfPresent(retryAfter, forKey: .retryAfter)
    }

    init(_ status: HTTPResponse.Status, _ code: String, _ detail: String, field: String? = nil, retryAfter: Int? = nil) {
        self.status = status.code
        self.code = code
        self.title = status.reasonPhrase
        self.detail = PrintableText.oneLine(SecretScrubber.scrub(detail))
        self.field = field
        self.retryAfter = retryAfter
    }

    /// The response: the JSON body, its media type and, when set, `Retry-After`.
    func response() -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = (try? encoder.encode(self)) ?? Data(#"{"code":"internal"}"#.utf8)
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

extension Problem {
    /// The problem an error thrown by a handler stands for; `nil` for one that is a server fault.
    static func from(_ error: any Error) -> Problem? {
        switch error {
        case let problem as Problem:
            return problem
        case let error as LedgerError:
            return from(error)
        case SignInError.rejected:
            return Problem(.unauthorized, "sign-in-rejected", "the e-mail and password do not match an account")
        case SignInError.tooManyAttempts(let seconds):
            return Problem(.tooManyRequests, "too-many-attempts", "too many failed sign-ins; try again in \(seconds) s", retryAfter: Int(seconds))
        case SignInError.tooManySignUps(let seconds):
            return Problem(.tooManyRequests, "too-many-sign-ups", "too many sign-ups from this address; try again in \(seconds) s", retryAfter: Int(seconds))
        case let error as LedgerFileTotals.Failure:
            return Problem(.unprocessableContent, "unusable-ledger", error.description)
        case let error as DatabaseError:
            return from(error)
        case _ where DatabaseError.isLockTimeout(error):
            return lockTimeout
        case let error as MigrationError:
            return Problem(.serviceUnavailable, "schema-not-current", error.description, retryAfter: 5)
        case is CancellationError:
            // SIGTERM's deadline passed before this request finished (see BudgetServer.Settings).
            return Problem(.serviceUnavailable, "shutting-down", "the server is stopping; try again", retryAfter: 1)
        case let error as DecodingError:
            return Problem(.badRequest, "malformed-body", describe(error))
        case let error as any HTTPResponseError:
            let status = error.status
            let code = status == .contentTooLarge ? "body-too-large" : status == .notFound ? "no-such-route" : "http-\(status.code)"
            return Problem(status, code, status == .contentTooLarge ? "the request body is larger than this route accepts" : status.reasonPhrase)
        case _ where String(describing: Swift.type(of: error)) == "HTTPParserError":
            // NIO's parser gave up on the request (a body cut short, a malformed chunk): the
            // client's fault, not the server's.
            return Problem(.badRequest, "malformed-request", "the request could not be read (cut short or malformed)")
        default:
            return nil
        }
    }

    private static func from(_ error: LedgerError) -> Problem {
        switch error.code {
        case .invalid: return Problem(.unprocessableContent, "invalid", error.description, field: error.subject)
        case .notFound: return Problem(.notFound, "not-found", error.description)
        case .duplicate: return Problem(.conflict, "duplicate", error.description)
        case .categoryInUse: return Problem(.conflict, "category-in-use", error.description)
        case .categoryBudgeted: return Problem(.conflict, "category-budgeted", error.description)
        case .importFailed: return Problem(.unprocessableContent, "import-failed", apiWords(error.description))
        case .alreadyImported: return Problem(.conflict, "already-imported", apiWords(error.description))
        case .conflict: return Problem(.conflict, "conflict", error.description)
        default: return Problem(.conflict, error.code.description, error.description)
        }
    }

    /// A lock held elsewhere (a PostgreSQL row lock or deadlock, SQLite's write lock past the busy
    /// timeout): nothing was changed, and the same request may succeed a moment later.
    private static let lockTimeout = Problem(.serviceUnavailable, "database-busy", "the database was busy with the same records; nothing was changed; try again", retryAfter: 1)

    /// Outages answer 503 with `Retry-After`: the client may try again; anything else from the
    /// database is a server fault whose text (which may hold SQL) stays in the log.
    private static func from(_ error: DatabaseError) -> Problem? {
        switch error.code {
        case .outcomeUnknown:
            return Problem(.serviceUnavailable, "outcome-unknown", "the database connection broke while the change was being saved; it may or may not have been saved: look before trying again", retryAfter: 2)
        case .cannotConnect, .poolExhausted, .serverFull:
            return Problem(.serviceUnavailable, "database-unavailable", "the database is not answering; try again shortly", retryAfter: 2)
        case _ where error.isConnectionLoss:
            return Problem(.serviceUnavailable, "database-unavailable", "the connection to the database was lost; nothing was changed; try again shortly", retryAfter: 2)
        case _ where ["55P03", "40P01", "40001"].contains(error.sqlState ?? "") || error.isLockTimeout:
            return lockTimeout
        default:
            return nil
        }
    }

    /// The ledger's hints name command-line flags; the API's switches are query parameters.
    private static func apiWords(_ text: String) -> String {
        text.replacingOccurrences(of: "import with --create-missing", with: "upload with ?create_missing=true")
            .replacingOccurrences(of: "pass --again", with: "upload with ?again=true")
    }

    /// A decoding error in words, naming the field but never echoing its value.
    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map(\.stringValue).filter { !$0.isEmpty }
            return keys.isEmpty ? "the body" : "'\(keys.joined(separator: "."))'"
        }
        switch error {
        case .keyNotFound(let key, _): return "the body lacks '\(key.stringValue)'"
        case .typeMismatch(_, let context): return "\(path(context)) has the wrong type (amounts and dates are strings: \"12.34\", \"2024-01-15\")"
        case .valueNotFound(_, let context): return "\(path(context)) is null"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "the body is not valid JSON" : "\(path(context)): \(context.debugDescription)"
        @unknown default: return "the body could not be read"
        }
    }
}
