import BudgetTracker
import Foundation
import HTTPTypes
import Hummingbird
import Mustache

/// Renders the web pages: each page's template (``WebTemplates``) into the layout, with every
/// value HTML-escaped by Mustache (`{{…}}`); only the charts' SVG, which ``SVGBarChart`` and
/// ``SVGTrendChart`` escape themselves, goes in raw (`{{{…}}}`).
struct WebPages: Sendable {
    /// A link of the main navigation.
    struct NavigationLink {
        let href: String
        let label: String
        let current: Bool
    }

    private let library: MustacheLibrary

    init() {
        var library = MustacheLibrary()
        for (name, text) in WebTemplates.all {
            // The templates are constants of this module: one that does not parse is a bug that
            // every test of the pages shows at once.
            try! library.register(text, named: name)
        }
        self.library = library
    }

    /// The page `template`, titled `title`, with `values`, in the layout (navigation for a
    /// signed-in user, the form token, a notice), answered with `status`.
    func render(
        _ template: String, title: String, values: [String: Any], status: HTTPResponse.Status = .ok,
        request: Request, context: ServerContext, notice: String? = nil, error: String? = nil
    ) -> Response {
        let (token, cookie) = FormToken.issue(for: request, context: context)
        var values = values
        values["csrf"] = token
        let content = library.render(Self.withoutNils(values) ?? [:], withTemplate: template) ?? ""
        let navigation: [NavigationLink] = context.user == nil ? [] : [
            ("/month", "Month"), ("/budget", "Budget"), ("/recurring", "Recurring"), ("/trend", "Trend"), ("/expenses", "Expenses"), ("/categories", "Categories"),
            ("/import", "Import"), ("/verify", "Verify"), ("/export", "Export"),
        ].map { NavigationLink(href: $0.0, label: $0.1, current: $0.1 == values["section"] as? String) }
        let page: [String: Any] = [
            "title": title, "content": content, "csrf": token, "navigation": navigation,
            "user": context.user.map { ["name": $0.name, "email": $0.email] } as Any,
            "notice": notice as Any, "error": error as Any,
        ]
        let html = library.render(Self.withoutNils(page) ?? [:], withTemplate: "layout") ?? ""
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"]
        if let cookie { headers[.setCookie] = cookie.description }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    /// The page for a path that leads nowhere (no session is looked up for it: the page has no
    /// navigation, only a way back).
    func notFound(request: Request, context: ServerContext) -> Response {
        let text = "There is no page at this address."
        var response = render(
            "message", title: "Not found", values: ["heading": "Not found", "text": text, "link": "/", "linkLabel": "Go to the start page"],
            status: .notFound, request: request, context: context
        )
        WebSecurityHeaders.apply(to: &response)
        return response
    }

    /// `value` with every `nil` left out, however deep (Mustache would show an `Optional` held in
    /// `Any` as the text "nil" rather than treat it as absent).
    static func withoutNils(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            guard let wrapped = mirror.children.first else { return nil }
            return withoutNils(wrapped.value)
        }
        if let dictionary = value as? [String: Any] { return dictionary.compactMapValues(withoutNils) }
        if let array = value as? [Any] { return array.compactMap(withoutNils) }
        return value
    }

    /// A new random key for a form that adds money rows: sent twice, the form adds them once
    /// (see ``UserLedger/addExpense(category:amount:date:description:submission:)``).
    static func submissionKey() -> String {
        Data((0..<24).map { _ in UInt8.random(in: .min ... .max) }).base64URLEncoded
    }

    /// A 303 to `location` (after a form: reloading the page does not send the form again).
    static func seeOther(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }
}

/// Values as the pages write them.
enum WebFormat {
    private static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

    /// `November 2026`.
    static func month(_ month: Month) -> String { "\(monthNames[month.month - 1]) \(month.year)" }

    /// `1,234.50`: exact, with thousands grouped; `-12.00` for a refund.
    static func amount(_ money: Money) -> String {
        let text = money.description
        let negative = text.hasPrefix("-")
        let digits = negative ? String(text.dropFirst()) : text
        guard let dot = digits.firstIndex(of: ".") else { return text }
        var whole = String(digits[..<dot])
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole = String(whole.dropLast(3))
        }
        return (negative ? "-" : "") + whole + grouped + digits[dot...]
    }

    /// A share in percent, with the report's one decimal: `12.5 %`, `100.0 %`.
    static func share(_ share: Decimal) -> String {
        let tenths = NSDecimalNumber(decimal: share * 10).intValue
        return "\(tenths / 10).\(abs(tenths % 10)) %"
    }

    /// `text` for a query string: everything but letters, digits and `-._~` percent-encoded.
    static func queryValue(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")) ?? ""
    }
}
