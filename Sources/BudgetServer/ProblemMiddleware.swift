import Hummingbird
import Logging
import PersistKit

/// Turns every error a handler throws into a problem-details response, and writes one log line
/// per request: its id, method, path (without the query), status and time. No bodies, headers,
/// tokens or query values are logged.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    /// For a browser asking for a page that does not exist: a page, not JSON.
    let pages: WebPages

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            if let problem = Problem.from(error) {
                response = problem.code == "no-such-route" && Self.wantsPage(request) ? pages.notFound(request: request, context: context) : problem.response()
            } else {
                // A fault of the server's: what failed is logged (never a text that may hold
                // values, see LoggedError), the client gets a generic answer.
                context.logger.error("request failed", metadata: ["error": "\(LoggedError.summary(of: error))", "hb.request.id": "\(context.id)"])
                response = Problem(.internalServerError, "internal", "the server failed to answer; the failure is logged with request id \(context.id)").response()
            }
        }
        // Answers about one user's money are never kept by a cache or proxy.
        if request.uri.path.hasPrefix("/api/") { response.headers[.cacheControl] = "no-store" }
        let elapsed = (ContinuousClock.now - start).components
        // Tenths of a millisecond, by integer arithmetic (String(format:) cost more than the request).
        let tenths = elapsed.seconds * 10_000 + elapsed.attoseconds / 100_000_000_000_000
        context.logger.info("request", metadata: [
            "method": "\(request.method.rawValue)",
            "path": "\(PrintableText.oneLine(request.uri.path))",
            "status": "\(response.status.code)",
            "ms": "\(tenths / 10).\(tenths % 10)",
        ])
        return response
    }

    /// A browser's request outside the API (it asks for HTML).
    private static func wantsPage(_ request: Request) -> Bool {
        !request.uri.path.hasPrefix("/api/") && (request.headers[.accept]?.contains("text/html") ?? false)
    }
}
