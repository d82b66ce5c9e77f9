import BudgetTracker
import Hummingbird
import NIOCore
import PersistKit

/// `/healthz` (the process answers) and `/readyz` (the database answers and its schema is the
/// one this binary expects), for load balancers and orchestrators; `/openapi.json`, the API's
/// OpenAPI 3.1 document.
struct OperationsRoutes {
    let ledger: Ledger

    func add(to router: Router<ServerContext>) {
        router.get("healthz") { _, _ -> HealthBody in HealthBody(status: "ok") }
        router.get("openapi.json") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.json)))
        }
        router.get("readyz") { _, _ -> Response in
            do {
                let status = try await BudgetMigrations.migrator.status(on: ledger.handle)
                guard status.pending.isEmpty, status.changed.isEmpty, status.unknown.isEmpty else {
                    return Problem(.serviceUnavailable, "schema-not-current", "the database schema is not the one this server expects; run `persist migrate`", retryAfter: 5).response()
                }
                return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: #"{"status":"ready"}"#)))
            } catch {
                return (Problem.from(error) ?? Problem(.serviceUnavailable, "database-unavailable", "the database is not answering", retryAfter: 2)).response()
            }
        }
    }
}

/// What the health routes answer.
struct HealthBody: ResponseEncodable {
    let status: String
}
