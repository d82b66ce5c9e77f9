import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PersistKit
import PersistTooling

/// A `persist serve` process on a free loopback port, for tests that talk to it over HTTP.
public final class ServeProcess: Sendable {
    /// `http://127.0.0.1:PORT`.
    public let baseURL: URL
    private let child: ServingChild
    private let errorFile: URL

    /// Starts `persist serve --port 0` in `folder` with `environment`, and waits until it listens.
    public init(in folder: URL, environment: [String: String]) async throws {
        var base = ProcessInfo.processInfo.environment
        base[DatabaseURLSource.variable] = nil
        base.merge(environment) { _, new in new }
        errorFile = folder.appendingPathComponent("serve-\(UUID().uuidString).log")
        do {
            child = try await ServingChild.start(PersistBinary.url, ["serve", "--port", "0"], environment: base, directory: folder, errorLog: errorFile)
        } catch {
            throw SetUpFailure("persist serve did not start: \(error) \((try? String(contentsOf: errorFile, encoding: .utf8)) ?? "")")
        }
        guard let url = URL(string: child.address) else { throw SetUpFailure("persist serve named no address: \(child.address)") }
        baseURL = url
    }

    /// What the server wrote to standard error (its request log).
    public var log: String { (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "" }

    /// Sends SIGTERM and waits for the process to end; returns its exit status.
    @discardableResult
    public func stop() async -> Int32 {
        await child.stop()
    }

    /// Runs `body` with a server, stopping it afterwards whether `body` throws or not.
    public static func with<T>(in folder: URL, environment: [String: String], _ body: (ServeProcess) async throws -> T) async throws -> T {
        let server = try await ServeProcess(in: folder, environment: environment)
        do {
            let result = try await body(server)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }
}

/// One HTTP exchange's outcome.
public struct HTTPAnswer: Sendable {
    /// The status code.
    public let status: Int
    /// The body as text.
    public let text: String
    /// The response headers, by lower-cased name.
    public let headers: [String: String]

    /// The body as JSON (an object or array), or `nil`.
    public var json: Any? { try? JSONSerialization.jsonObject(with: Data(text.utf8)) }

    /// A top-level string field of a JSON object body.
    public subscript(field: String) -> String? { (json as? [String: Any])?[field] as? String }
}

/// A minimal HTTP client over Foundation's URLSession, one connection per request.
public struct HTTPClient: Sendable {
    /// The server.
    public let baseURL: URL
    /// The bearer token sent with each request, if any.
    public var token: String?

    /// A client of `baseURL`, signed in with `token` or not.
    public init(_ baseURL: URL, token: String? = nil) {
        self.baseURL = baseURL
        self.token = token
    }

    /// Sends a request; `json` is serialised as the body with `Content-Type: application/json`
    /// unless `contentType` says otherwise, `body` is sent as is.
    public func send(
        _ method: String, _ path: String, json: [String: Any]? = nil, body: Data? = nil, contentType: String? = nil, headers: [String: String] = [:]
    ) async throws -> HTTPAnswer {
        var request = URLRequest(url: URL(string: baseURL.absoluteString + path)!)
        request.httpMethod = method
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let json {
            request.httpBody = try JSONSerialization.data(withJSONObject: json)
            request.setValue(contentType ?? "application/json", forHTTPHeaderField: "Content-Type")
        } else if let body {
            request.httpBody = body
            if let contentType { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields { fields[String(describing: name).lowercased()] = String(describing: value) }
        return HTTPAnswer(status: http.statusCode, text: String(decoding: data, as: UTF8.self), headers: fields)
    }

    /// Signs up a user and returns a client signed in as them.
    public func signUp(_ email: String, password: String = "correct horse battery") async throws -> HTTPClient {
        let answer = try await send("POST", "/api/signup", json: ["email": email, "name": email.components(separatedBy: "@")[0], "password": password])
        guard answer.status == 201, let token = answer["token"] else { throw SetUpFailure("sign-up of \(email): \(answer.status) \(answer.text)") }
        return HTTPClient(baseURL, token: token)
    }
}
