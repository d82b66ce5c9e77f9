import Hummingbird

/// Requests that carry a body must say what it is: JSON everywhere but the CSV uploads, which
/// check for `text/csv` themselves. Anything else is a 415 before a handler reads a byte.
struct JSONBodyMiddleware: RouterMiddleware {
    typealias Context = ServerContext

    /// The routes whose body is a CSV file.
    static let csvRoutes: Set<String> = ["/api/imports", "/api/verifications"]

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        let carriesBody = [.post, .patch, .put].contains(request.method) && !Self.csvRoutes.contains(request.uri.path)
        let bodyless = request.headers[.contentLength] == "0" || (request.headers[.contentLength] == nil && request.headers[.transferEncoding] == nil)
        if carriesBody, !bodyless {
            let type = request.headers[.contentType].map { $0.split(separator: ";")[0].trimmingCharacters(in: .whitespaces).lowercased() }
            guard type == "application/json" else {
                throw Problem(.unsupportedMediaType, "unsupported-media-type", "send the body as Content-Type: application/json")
            }
        }
        return try await next(request, context)
    }
}
