import BudgetTracker
import Foundation
import Hummingbird
import NIOCore
import PersistKit

/// Ledger files in and out: CSV import (all or nothing), export, and verifying a monthly
/// report against an uploaded ledger.
struct LedgerFileRoutes {
    let ledger: Ledger

    func add(to api: RouterGroup<ServerContext>) {
        api.post("imports") { request, context -> EditedResponse<ImportSummary> in
            let query = Query(request)
            let (createMissing, again) = (try query.flag("create_missing"), try query.flag("again"))
            let user = try context.ledger(ledger)
            let summary = try await Upload.withFile(request) { file in
                try await user.importExpenses(from: file, createMissing: createMissing, again: again)
            }
            return EditedResponse(status: .created, response: summary)
        }
        api.get("export") { request, context -> Response in
            let filter = try Query(request).expenseFilter()
            let user = try context.ledger(ledger)
            // Written to a private file first (a page per unit of work), then streamed: a slow
            // client holds no database connection.
            let folder = try PrivateFolder.make("persist-export")
            let file = folder.appendingPathComponent("export.csv")
            do {
                guard FileManager.default.createFile(atPath: file.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                    throw Problem(.init(code: 507), "no-space", "the server could not write the export")
                }
                let output = try FileHandle(forWritingTo: file)
                defer { try? output.close() }
                try await user.exportExpenses(filter) { text in try output.write(contentsOf: Data(text.utf8)) }
            } catch {
                PrivateFolder.remove(folder)
                throw error
            }
            let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? nil
            let body = ResponseBody(contentLength: size) { writer in
                defer { PrivateFolder.remove(folder) }
                let input = try FileHandle(forReadingFrom: file)
                defer { try? input.close() }
                while let chunk = try input.read(upToCount: 64 * 1024), !chunk.isEmpty {
                    try await writer.write(ByteBuffer(bytes: chunk))
                }
                try await writer.finish(nil)
            }
            return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"expenses.csv\""], body: body)
        }
        api.post("verifications") { request, context -> VerificationBody in
            guard let month = try Query(request).month("month") else {
                throw LedgerError.invalid(field: "month", reason: "give the month to verify: ?month=YYYY-MM")
            }
            let user = try context.ledger(ledger)
            let result = try await Upload.withFile(request) { file in try await user.verifyMonthlyReport(month: month, ledger: file) }
            let lines = result.comparison.lines + [result.comparison.total]
            return VerificationBody(
                user: result.user, month: result.month, verified: result.comparison.agrees,
                categories: lines.map { .init(category: $0.key, database: Self.amount($0.sql), ledger: Self.amount($0.source), agrees: $0.agrees) }
            )
        }
    }

    /// A total as money is written (`7.00`), exactly; a total with finer fractions as it is.
    private static func amount(_ value: Decimal) -> String {
        var scaled = value * 100, rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .plain)
        guard rounded == scaled, let cents = Int64(exactly: NSDecimalNumber(decimal: rounded).int64Value) else { return "\(value)" }
        return Money(cents: cents).description
    }
}
