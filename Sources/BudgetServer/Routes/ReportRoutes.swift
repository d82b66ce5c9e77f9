import BudgetTracker
import Hummingbird

/// `/api/reports`: the monthly report and the trend.
struct ReportRoutes {
    let ledger: Ledger

    func add(to api: RouterGroup<ServerContext>) {
        let reports = api.group("reports")
        reports.get("monthly") { request, context -> MonthlyReport in
            guard let month = try Query(request).month("month") else {
                throw LedgerError.invalid(field: "month", reason: "give the month: ?month=YYYY-MM")
            }
            return try await context.ledger(ledger).monthlyReport(month: month)
        }
        reports.get("trend") { request, context -> SpendingTrend in
            let query = Query(request)
            return try await context.ledger(ledger).trend(months: try query.number("months", in: 1...120, default: 12), until: try query.month("until"))
        }
    }
}
