import Foundation
import HTTPTypes
import Hummingbird

/// The session cookie as the web pages set it: HTTP-only, `SameSite=Lax` (a link from another
/// site opens the user's page signed in; another site's form posts without it) and `Secure`
/// when the browser reached the server over TLS.
enum WebCookies {
    /// The browser's session, until `expires`.
    static func session(_ token: String, expires: Date, request: Request) -> Cookie {
        Cookie(name: sessionCookie, value: token, expires: expires, path: "/", secure: isSecure(request), httpOnly: true, sameSite: .lax)
    }

    /// Deletes the session cookie.
    static func endSession(request: Request) -> Cookie {
        Cookie(name: sessionCookie, value: "", expires: Date(timeIntervalSince1970: 0), path: "/", secure: isSecure(request), httpOnly: true, sameSite: .lax)
    }

    /// Whether the browser used TLS: the server itself speaks plain HTTP, so TLS means a proxy in
    /// front that says so in `X-Forwarded-Proto` (a wrong claim only makes the cookie stricter).
    static func isSecure(_ request: Request) -> Bool {
        request.uri.scheme?.rawValue == "https" || request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https"
    }
}
