/// Why a web page refused a request, beyond the ledger's own errors.
enum WebFailure: Error, Equatable {
    /// A form without the right token (forged by another site, or from a page of an older session).
    case forgedForm
    /// A form sent without a session (it ended, or the browser did not send the cookie to a
    /// form of another site).
    case signedOut
    /// A form that is not `application/x-www-form-urlencoded` or `multipart/form-data` as expected.
    case unexpectedForm(String)
}
