import Crypto
import Foundation
import Hummingbird

/// The token every form of the web pages carries (CSRF protection): an HMAC of a secret the
/// browser holds only in an HTTP-only cookie, so a page of another site can neither read nor
/// compute it.
///
/// Signed in, the secret is the session token itself; signed out (the sign-in and sign-up forms)
/// it is a random value in a cookie of its own, set with the form.
enum FormToken {
    /// The cookie holding the signed-out secret.
    static let cookie = "persist_form"

    /// The token for the secret the request carries, and the cookie to set when it carries none.
    static func issue(for request: Request, context: ServerContext) -> (token: String, cookie: Cookie?) {
        if let secret = secret(of: request, context: context) { return (token(from: secret), nil) }
        let secret = Data((0..<32).map { _ in UInt8.random(in: .min ... .max) }).base64URLEncoded
        let cookie = Cookie(name: Self.cookie, value: secret, path: "/", secure: WebCookies.isSecure(request), httpOnly: true, sameSite: .strict)
        return (token(from: secret), cookie)
    }

    /// Throws ``WebFailure/forgedForm`` unless `presented` is the token for the request's secret.
    static func verify(_ presented: String?, request: Request, context: ServerContext) throws {
        guard let presented, let secret = secret(of: request, context: context) else { throw WebFailure.forgedForm }
        let expected = Array(token(from: secret).utf8), given = Array(presented.utf8)
        // Compared in constant time: how many bytes match reveals nothing.
        guard expected.count == given.count, zip(expected, given).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0 else { throw WebFailure.forgedForm }
    }

    private static func secret(of request: Request, context: ServerContext) -> String? {
        if context.user != nil, let session = request.cookies[sessionCookie]?.value { return session }
        if context.user == nil, let value = request.cookies[cookie]?.value, value.utf8.count >= 32 { return value }
        return nil
    }

    private static func token(from secret: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data("persist web form".utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return Data(code).base64URLEncoded
    }
}

extension Data {
    /// Base64 with `-` and `_`, unpadded: safe in a cookie, a form field and a URL.
    var base64URLEncoded: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
