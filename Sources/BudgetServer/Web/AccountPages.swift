import BudgetTracker
import Hummingbird

/// Signing up, in and out in the browser: the session goes in an HTTP-only cookie
/// (``WebCookies``), never in the page.
struct AccountPages {
    let ledger: Ledger
    let limits: SignInLimits
    let pages: WebPages

    func add(to web: RouterGroup<ServerContext>) {
        web.get("/") { _, context -> Response in WebPages.seeOther(context.user == nil ? "/login" : "/month") }
        web.get("login") { request, context -> Response in
            if context.user != nil { return WebPages.seeOther("/month") }
            return pages.render("login", title: "Log in", values: [:], request: request, context: context)
        }
        web.post("login") { request, context -> Response in
            let form = try await WebForm.read(request, context: context)
            do {
                let session = try await ledger.signIn(
                    email: try form.required("email", label: "your e-mail"), password: form.fields["password"] ?? "",
                    address: context.clientAddress, limits: limits
                )
                return signedIn(session, request: request)
            } catch {
                guard let (status, text) = WebErrorPages.refusal(error) else { throw error }
                return pages.render("login", title: "Log in", values: ["email": form["email"] ?? ""], status: status, request: request, context: context, error: text)
            }
        }
        web.get("signup") { request, context -> Response in
            if context.user != nil { return WebPages.seeOther("/month") }
            return pages.render("signup", title: "Create an account", values: [:], request: request, context: context)
        }
        web.post("signup") { request, context -> Response in
            let form = try await WebForm.read(request, context: context)
            do {
                let session = try await ledger.signUp(
                    email: try form.required("email", label: "your e-mail"), name: try form.required("name", label: "your name"),
                    password: form.fields["password"] ?? "", address: context.clientAddress, limits: limits
                )
                return signedIn(session, request: request)
            } catch {
                guard let (status, text) = WebErrorPages.refusal(error) else { throw error }
                let values = ["email": form["email"] ?? "", "name": form["name"] ?? ""]
                return pages.render("signup", title: "Create an account", values: values, status: status, request: request, context: context, error: text)
            }
        }
        web.post("logout") { request, context -> Response in
            _ = try await WebForm.read(request, context: context)
            if let token = SessionMiddleware.token(in: request) { try await ledger.signOut(token) }
            var response = WebPages.seeOther("/login")
            response.setCookie(WebCookies.endSession(request: request))
            return response
        }
    }

    /// Off to the month, with the session's cookie.
    private func signedIn(_ session: OpenedSession, request: Request) -> Response {
        var response = WebPages.seeOther("/month")
        response.setCookie(WebCookies.session(session.token.text, expires: session.expiresAt, request: request))
        return response
    }
}
