import BudgetTracker
import Foundation
import Hummingbird
import NIOCore

extension Request {
    /// The JSON body as `type`: at most ``ServerLimits/jsonBody`` bytes (413 beyond), and a value
    /// that does not decode is a 400 naming the field (not Hummingbird's bare "Bad Request").
    func decodeJSON<Value: Decodable>(as type: Value.Type, context: ServerContext) async throws -> Value {
        let body = try await self.body.collect(upTo: context.maxUploadSize)
        return try JSONDecoder().decode(type, from: Data(body.readableBytesView))
    }
}

/// What each request carries through the server: the signed-in user once
/// ``SessionMiddleware`` found one, the client's address, and the size limit for its body.
struct ServerContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The user whose session the request presented, or `nil`.
    var user: SignedInUser?
    /// The client's IP address, for counting failed sign-ins.
    let clientAddress: String

    init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// JSON bodies are small; CSV uploads stream past this limit on their own routes.
    var maxUploadSize: Int { ServerLimits.jsonBody }

    var requestDecoder: JSONDecoder { JSONDecoder() }

    /// A path parameter, percent-decoded ("a%20b" is "a b"); one that does not decode names
    /// nothing, so it is not found.
    func pathParameter(_ name: String, kind: String) throws -> String {
        let raw = try parameters.require(name)
        guard let decoded = raw.removingPercentEncoding else { throw LedgerError.notFound(kind: kind, key: raw) }
        return decoded
    }

    var responseEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}

/// Sizes the server refuses to exceed.
enum ServerLimits {
    /// A JSON request body: 64 KiB.
    static let jsonBody = 64 * 1024
    /// An uploaded ledger CSV: 64 MiB, streamed to a file, never held in memory.
    static let upload = 64 * 1024 * 1024
    /// The most expenses one page lists.
    static let pageSize = 500
    /// The furthest a listing pages in (`offset`): past this, narrow the filter.
    static let offset = 1_000_000
}
