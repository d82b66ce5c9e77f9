import BudgetTracker
import Hummingbird

/// The month (totals per category, as a chart and a table) and the trend over twelve months.
struct ReportPages {
    let ledger: Ledger
    let pages: WebPages

    func add(to web: RouterGroup<ServerContext>) {
        web.get("month") { request, context -> Response in
            let month = try Query(request).month("month") ?? Month(containing: .today())
            let report = try await context.ledger(ledger).monthlyReport(month: month)
            return pages.render("month", title: WebFormat.month(month), values: Self.values(of: report, month: month), request: request, context: context)
        }
        web.get("trend") { request, context -> Response in
            let trend = try await context.ledger(ledger).trend(months: 12, until: try Query(request).month("until"))
            return pages.render("trend", title: "Trend", values: Self.values(of: trend), request: request, context: context)
        }
    }

    static func values(of report: MonthlyReport, month: Month) -> [String: Any] {
        let previous = month.adding(months: -1)
        let next = month.adding(months: 1)
        let name = WebFormat.month(month)
        let bars = report.categories.map { ChartBar(label: $0.category, value: $0.total, color: $0.color) }
        return [
            "section": "Month", "month": month.description, "monthName": name,
            "previous": previous?.description as Any, "previousName": previous.map(WebFormat.month) as Any,
            "next": next?.description as Any, "nextName": next.map(WebFormat.month) as Any,
            "hasSpending": report.count > 0, "count": report.count, "countPlural": report.count == 1 ? "" : "s",
            "total": WebFormat.amount(report.total), "totalPlain": report.total.description,
            "chart": SVGBarChart.render(title: "\(name): \(WebFormat.amount(report.total)) in all", bars: bars, standalone: false, valueText: WebFormat.amount),
            "categories": report.categories.map { line -> [String: Any] in
                [
                    "name": line.category, "nameQuery": WebFormat.queryValue(line.category), "color": line.color, "total": WebFormat.amount(line.total), "totalPlain": line.total.description,
                    "share": WebFormat.share(line.share), "count": line.count, "month": month.description,
                ]
            },
        ]
    }

    static func values(of trend: SpendingTrend) -> [String: Any] {
        let months = trend.months.compactMap { try? Month(parsing: $0) }
        let first = months.first.map(WebFormat.month) ?? "", last = months.last.map(WebFormat.month) ?? ""
        return [
            "section": "Trend", "firstName": first, "lastName": last,
            "previous": months.last?.adding(months: -12)?.description as Any, "next": months.last?.adding(months: 12)?.description as Any,
            "hasSpending": trend.totals.contains { $0 != .zero } || !trend.categories.isEmpty,
            "chart": SVGTrendChart.render(trend, title: "Spending per month, \(first) to \(last)"),
            "months": zip(months, trend.totals).map { ["month": $0.0.description, "name": WebFormat.month($0.0), "total": WebFormat.amount($0.1)] },
        ]
    }
}
