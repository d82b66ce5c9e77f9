import BudgetTracker
import Foundation
import HTTPTypes
import Hummingbird

/// Signing up, in and out, and who is signed in.
struct AccountRoutes {
    let ledger: Ledger
    let limits: SignInLimits

    func add(to api: RouterGroup<ServerContext>) {
        api.post("signup") { request, context -> EditedResponse<SessionBody> in
            let body = try await request.decodeJSON(as: SignUpBody.self, context: context)
            let session = try await ledger.signUp(email: body.email, name: body.name, password: body.password, address: context.clientAddress, limits: limits)
            return Self.respond(session, status: .created)
        }
        api.post("login") { request, context -> EditedResponse<SessionBody> in
            let body = try await request.decodeJSON(as: SignInBody.self, context: context)
            let session = try await ledger.signIn(email: body.email, password: body.password, address: context.clientAddress, limits: limits)
            return Self.respond(session, status: .ok)
        }
        api.post("logout") { request, _ -> Response in
            if let token = SessionMiddleware.token(in: request) { try await ledger.signOut(token) }
            var response = Response(status: .noContent)
            response.setCookie(Cookie(name: sessionCookie, value: "", expires: Date(timeIntervalSince1970: 0), path: "/", httpOnly: true, sameSite: .strict))
            return response
        }
        api.group("me").add(middleware: RequireUser()).get { _, context -> UserBody in
            let user = try context.ledger(ledger).user
            return UserBody(id: user.id, email: user.email, name: user.name)
        }
    }

    /// The session as JSON, and as an HTTP-only, same-site cookie for a browser.
    private static func respond(_ session: OpenedSession, status: HTTPResponse.Status) -> EditedResponse<SessionBody> {
        let cookie = Cookie(name: sessionCookie, value: session.token.text, expires: session.expiresAt, path: "/", httpOnly: true, sameSite: .strict)
        let body = SessionBody(
            user: UserBody(id: session.user.id, email: session.user.email, name: session.user.name), token: session.token.text, expiresAt: session.expiresAt
        )
        return EditedResponse(status: status, headers: [.setCookie: cookie.description, .cacheControl: "no-store"], response: body)
    }
}
