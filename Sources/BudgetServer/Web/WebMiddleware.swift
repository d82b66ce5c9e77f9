import BudgetTracker
import HTTPTypes
import Hummingbird
import Logging
import PersistKit

/// Headers every web response carries: a Content-Security-Policy that runs only the server's own
/// script and style files (no inline script or style, no other origin), no framing, no sniffing,
/// and no `Referer` to other sites.
struct WebSecurityHeaders: RouterMiddleware {
    typealias Context = ServerContext
    static let policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        Self.apply(to: &response)
        return response
    }

    /// Sets the headers on `response`.
    static func apply(to response: inout Response) {
        response.headers[HTTPField.Name("Content-Security-Policy")!] = policy
        response.headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
    }
}

/// Errors as web pages: a refused value, a missing expense or a forged form is a page saying so
/// (with the API's status); a fault of the server's is logged and the page says only that.
struct WebErrorPages: RouterMiddleware {
    typealias Context = ServerContext
    let pages: WebPages

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let (status, heading, text) = Self.describe(error, context: context)
            return pages.render(
                "message", title: heading,
                values: ["heading": heading, "text": text, "link": context.user == nil ? "/login" : "/month", "linkLabel": context.user == nil ? "Log in" : "Back to the month"],
                status: status, request: request, context: context
            )
        }
    }

    /// The status, heading and sentence for `error`.
    static func describe(_ error: any Error, context: ServerContext) -> (HTTPResponse.Status, String, String) {
        switch error {
        case WebFailure.forgedForm:
            return (.forbidden, "This form has expired", "The form was not sent from this site's current page, so nothing was changed. Go back, reload the page and try again.")
        case WebFailure.signedOut:
            return (.forbidden, "You are signed out", "The form came without a session (it ended, or another site sent the form), so nothing was changed. Log in and try again.")
        case WebFailure.unexpectedForm(let reason):
            return (.badRequest, "The form could not be read", "Nothing was changed: \(reason).")
        default:
            if let problem = Problem.from(error) {
                let heading = problem.status == 404 ? "Not found" : problem.title
                return (HTTPResponse.Status(code: problem.status), heading, problem.detail)
            }
            context.logger.error("page failed", metadata: ["error": "\(LoggedError.summary(of: error))", "hb.request.id": "\(context.id)"])
            return (.internalServerError, "Something went wrong", "The server failed to show this page; the failure is logged with request id \(context.id).")
        }
    }

    /// The sentence to show above a form that was refused; `nil` for a fault of the server's
    /// (which the page middleware reports).
    static func refusal(_ error: any Error) -> (HTTPResponse.Status, String)? {
        guard let problem = Problem.from(error), problem.status < 500 || problem.status == 503 else { return nil }
        return (HTTPResponse.Status(code: problem.status), problem.detail)
    }
}

/// Sends a browser without a session to the sign-in page; a form sent without one (the session
/// ended, or another site posted it) is refused with a page saying so.
struct RequireWebUser: RouterMiddleware {
    typealias Context = ServerContext

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        guard context.user != nil else {
            guard request.method == .get || request.method == .head else { throw WebFailure.signedOut }
            return WebPages.seeOther("/login")
        }
        return try await next(request, context)
    }
}
