import BudgetTracker
import Foundation
import Hummingbird

/// The month against its limits (alerts, chart, table), with setting a limit and moving budget.
struct BudgetPages {
    let ledger: Ledger
    let pages: WebPages

    static let notices = ["set": "Limit set.", "moved": "Budget moved.", "thresholds": "Alert thresholds saved."]

    func add(to web: RouterGroup<ServerContext>) {
        web.get("budget") { request, context -> Response in
            let query = Query(request)
            let month = try query.month("month") ?? Month(containing: .today())
            return try await page(request, context: context, month: month, notice: query.text("done").flatMap { Self.notices[$0] })
        }
        web.post("budget/limit") { request, context -> Response in
            let form = try await WebForm.read(request, context: context)
            let month = try Month(parsing: try form.required("month", label: "the month"))
            do {
                try await context.ledger(ledger).setBudget(
                    category: try form.required("category", label: "the category"), month: month,
                    limit: try Money(parsing: try form.required("amount", label: "the limit")),
                    everyMonth: form.isChecked("every_month"), rollover: form.isChecked("rollover")
                )
                return WebPages.seeOther("/budget?month=\(month)&done=set")
            } catch {
                guard let (status, text) = WebErrorPages.refusal(error) else { throw error }
                return try await page(request, context: context, month: month, status: status, error: text)
            }
        }
        web.post("budget/thresholds") { request, context -> Response in
            let form = try await WebForm.read(request, context: context)
            let month = try Month(parsing: try form.required("month", label: "the month"))
            do {
                try await context.ledger(ledger).setAlertThresholds(try Self.percents(try form.required("thresholds", label: "the thresholds")))
                return WebPages.seeOther("/budget?month=\(month)&done=thresholds")
            } catch {
                guard let (status, text) = WebErrorPages.refusal(error) else { throw error }
                return try await page(request, context: context, month: month, status: status, error: text)
            }
        }
        web.post("budget/move") { request, context -> Response in
            let form = try await WebForm.read(request, context: context)
            let month = try Month(parsing: try form.required("month", label: "the month"))
            do {
                try await context.ledger(ledger).moveBudget(
                    from: try form.required("from", label: "the category to move from"), to: try form.required("to", label: "the category to move to"),
                    amount: try Money(parsing: try form.required("amount", label: "the amount")), month: month,
                    submission: try form.submissionKey(for: "budget-move")
                )
                return WebPages.seeOther("/budget?month=\(month)&done=moved")
            } catch let error as LedgerError where error.code == .alreadySubmitted {
                return WebPages.seeOther("/budget?month=\(month)&done=moved")
            } catch {
                guard let (status, text) = WebErrorPages.refusal(error) else { throw error }
                return try await page(request, context: context, month: month, status: status, error: text)
            }
        }
    }

    /// `80, 100` (or `80 100`) as percents; anything else is refused as the thresholds.
    private static func percents(_ text: String) throws -> [Int] {
        let parts = text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "%" })
        let percents = parts.compactMap { Int($0) }
        guard !parts.isEmpty, percents.count == parts.count else {
            throw LedgerError.invalid(field: "thresholds", reason: "'\(text.prefix(40))' is not a list of whole percents such as 80, 100")
        }
        return percents
    }

    /// The page of `month`. Showing it checks the month against the user's thresholds, so an
    /// alert is recorded (once) when it is first seen here too.
    private func page(
        _ request: Request, context: ServerContext, month: Month, status: HTTPResponse.Status = .ok, notice: String? = nil, error: String? = nil
    ) async throws -> Response {
        let user = try context.ledger(ledger)
        let report = try await user.budgetReport(month: month)
        let alerts = try await user.checkBudgetAlerts(month: month)
        let categories = try await user.categories().map { ["name": $0.name] }
        let previous = month.adding(months: -1), next = month.adding(months: 1)
        let name = WebFormat.month(month)
        func used(_ value: Decimal?) -> String { value.map(WebFormat.share) ?? "–" }
        let values: [String: Any] = [
            "section": "Budget", "month": month.description, "monthName": name,
            "previous": previous?.description as Any, "previousName": previous.map(WebFormat.month) as Any,
            "next": next?.description as Any, "nextName": next.map(WebFormat.month) as Any,
            "hasBudget": report.lines.contains { $0.limit != nil },
            "limit": WebFormat.amount(report.limit), "carried": WebFormat.amount(report.carried), "available": WebFormat.amount(report.available),
            "availablePlain": report.available.description, "spent": WebFormat.amount(report.spent), "spentPlain": report.spent.description,
            "remaining": WebFormat.amount(report.remaining), "remainingPlain": report.remaining.description, "used": used(report.used),
            "hasUnbudgeted": report.unbudgeted != .zero, "unbudgeted": WebFormat.amount(report.unbudgeted),
            "chart": SVGBudgetChart.render(
                title: "\(name): \(WebFormat.amount(report.spent)) of \(WebFormat.amount(report.available)) spent", lines: report.lines, standalone: false,
                valueText: WebFormat.amount
            ),
            "lines": report.lines.filter { $0.limit != nil }.map { line -> [String: Any] in
                [
                    "name": line.category, "color": line.color, "limit": WebFormat.amount(line.limit!), "limitPlain": line.limit!.description,
                    "carried": WebFormat.amount(line.carried), "available": WebFormat.amount(line.available!), "spent": WebFormat.amount(line.spent),
                    "spentPlain": line.spent.description, "remaining": WebFormat.amount(line.remaining!), "remainingPlain": line.remaining!.description,
                    "used": used(line.used),
                ]
            },
            "hasAlerts": !alerts.alerts.isEmpty,
            "alerts": alerts.alerts.map { alert -> [String: Any] in
                ["category": alert.category, "percent": alert.percent, "spent": WebFormat.amount(alert.spent), "available": WebFormat.amount(alert.available), "isNew": alert.isNew]
            },
            "thresholds": alerts.thresholds.map(String.init).joined(separator: ", "),
            "categories": categories, "submission": WebPages.submissionKey(),
        ]
        return pages.render("budget", title: "Budget: \(name)", values: values, status: status, request: request, context: context, notice: notice, error: error)
    }
}
