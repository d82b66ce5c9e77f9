import BudgetTracker
import Hummingbird

/// The name of the cookie a browser's session travels in.
let sessionCookie = "persist_session"

/// Finds the user behind a request: the token in `Authorization: Bearer …`, else in the
/// session cookie, looked up (by its hash) among open, unexpired sessions. Routes behind
/// ``RequireUser`` answer 401 without one.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let ledger: Ledger

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        var context = context
        if let token = Self.token(in: request) {
            context.user = try await ledger.user(signedInWith: token)
        }
        return try await next(request, context)
    }

    /// The token a request presents, if any.
    static func token(in request: Request) -> SessionToken? {
        // The scheme's name is case-insensitive (RFC 9110 §11.1): "bearer" and "BEARER" too.
        if let authorization = request.headers[.authorization], authorization.count > 7,
           authorization.prefix(7).lowercased() == "bearer " {
            return SessionToken(text: String(authorization.dropFirst(7)).trimmingCharacters(in: .whitespaces))
        }
        if let cookie = request.cookies[sessionCookie] { return SessionToken(text: cookie.value) }
        return nil
    }
}

/// Refuses a request that no open session signed: 401, with `WWW-Authenticate: Bearer`.
struct RequireUser: RouterMiddleware {
    typealias Context = ServerContext

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        guard context.user != nil else {
            var response = Problem(.unauthorized, "not-signed-in", "sign in first: POST /api/login, then send the token as Authorization: Bearer <token>").response()
            response.headers[.wwwAuthenticate] = "Bearer"
            return response
        }
        return try await next(request, context)
    }
}

extension ServerContext {
    /// The ledger confined to the signed-in user (routes behind ``RequireUser`` only).
    func ledger(_ ledger: Ledger) throws -> UserLedger {
        guard let user else { throw Problem(.unauthorized, "not-signed-in", "sign in first") }
        return UserLedger(ledger, for: user)
    }
}
