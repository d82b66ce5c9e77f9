import BudgetTracker
import Hummingbird

/// `/api/recurring` and `/api/budgets/thresholds`: the user's recurring expenses and alert
/// thresholds.
struct RecurringRoutes {
    let ledger: Ledger

    func add(to api: RouterGroup<ServerContext>) {
        let recurring = api.group("recurring")
        recurring.get { _, context -> [RecurringRule] in
            try await context.ledger(ledger).recurringRules()
        }
        recurring.post { request, context -> EditedResponse<RecurringRule> in
            let body = try await request.decodeJSON(as: RecurringBody.self, context: context)
            guard let frequency = Frequency(rawValue: body.every) else {
                throw LedgerError.invalid(field: "every", reason: "'\(body.every.prefix(20))' is not weekly, monthly or yearly")
            }
            let rule = try await context.ledger(ledger).addRecurring(
                category: body.category, amount: body.amount, description: body.description, frequency: frequency, startsOn: body.from, endsOn: body.until
            )
            return EditedResponse(status: .created, response: rule)
        }
        recurring.post("run") { request, context -> RecurringRun in
            try await context.ledger(ledger).postRecurring(until: try Query(request).date("until") ?? .today())
        }
        recurring.post(":id/pause") { _, context -> RecurringRule in
            try await context.ledger(ledger).pauseRecurring(id: try Self.id(context), paused: true)
        }
        recurring.post(":id/resume") { _, context -> RecurringRule in
            try await context.ledger(ledger).pauseRecurring(id: try Self.id(context), paused: false)
        }
        recurring.delete(":id") { _, context -> Response in
            try await context.ledger(ledger).deleteRecurring(id: try Self.id(context))
            return Response(status: .noContent)
        }
        api.put("budgets/thresholds") { request, context -> ThresholdsBody in
            let body = try await request.decodeJSON(as: ThresholdsBody.self, context: context)
            return ThresholdsBody(thresholds: try await context.ledger(ledger).setAlertThresholds(body.thresholds))
        }
    }

    private static func id(_ context: ServerContext) throws -> Int {
        let text = try context.pathParameter("id", kind: "recurring expense")
        guard let id = Int(text), id > 0 else { throw LedgerError.notFound(kind: "recurring expense", key: text) }
        return id
    }
}
