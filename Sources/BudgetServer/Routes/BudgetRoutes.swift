import BudgetTracker
import Hummingbird

/// `/api/budgets` and `/api/reports/budget`: the user's limits, moves, alerts and budget report.
struct BudgetRoutes {
    let ledger: Ledger

    func add(to api: RouterGroup<ServerContext>) {
        api.get("reports/budget") { request, context -> BudgetReport in
            try await context.ledger(ledger).budgetReport(month: try Self.month(request))
        }
        let budgets = api.group("budgets")
        budgets.put { request, context -> BudgetSetting in
            let body = try await request.decodeJSON(as: BudgetBody.self, context: context)
            return try await context.ledger(ledger).setBudget(
                category: body.category, month: try Month(parsing: body.month), limit: body.amount, everyMonth: body.everyMonth ?? false, rollover: body.rollover ?? false
            )
        }
        budgets.post("moves") { request, context -> EditedResponse<BudgetMove> in
            let body = try await request.decodeJSON(as: BudgetMoveBody.self, context: context)
            let move = try await context.ledger(ledger).moveBudget(from: body.from, to: body.to, amount: body.amount, month: try Month(parsing: body.month))
            return EditedResponse(status: .created, response: move)
        }
        // A POST: the check records the alerts it finds (once each).
        budgets.post("alerts") { request, context -> BudgetAlerts in
            try await context.ledger(ledger).checkBudgetAlerts(month: try Self.month(request))
        }
    }

    private static func month(_ request: Request) throws -> Month {
        guard let month = try Query(request).month("month") else {
            throw LedgerError.invalid(field: "month", reason: "give the month: ?month=YYYY-MM")
        }
        return month
    }
}
