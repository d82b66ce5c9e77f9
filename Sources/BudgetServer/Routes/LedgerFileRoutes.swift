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
            return try await ExportDownload.response(for: try context.ledger(ledger), filter: filter)
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
    static func amount(_ value: Decimal) -> String {
        var scaled = value * 100, rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .plain)
        guard rounded == scaled, let cents = Int64(exactly: NSDecimalNumber(decimal: rounded).int64Value) else { return "\(value)" }
        return Money(cents: cents).description
    }
}
