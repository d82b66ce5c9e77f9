import BudgetTracker
import Hummingbird

/// `/api/expenses` and `/api/transfers`: the user's expenses.
struct ExpenseRoutes {
    let ledger: Ledger

    func add(to api: RouterGroup<ServerContext>) {
        let expenses = api.group("expenses")
        expenses.get { request, context -> ExpensePage in
            let query = Query(request)
            var filter = try query.expenseFilter()
            let limit = try query.number("limit", in: 1...ServerLimits.pageSize, default: 50)
            let offset = try query.number("offset", in: 0...ServerLimits.offset, default: 0)
            // One more than the page shows whether there is a next page.
            filter.limit = limit + 1
            filter.offset = offset
            let found = try await context.ledger(ledger).expenses(filter)
            return ExpensePage(items: Array(found.prefix(limit)), limit: limit, offset: offset, nextOffset: found.count > limit ? offset + limit : nil)
        }
        expenses.post { request, context -> EditedResponse<ExpenseRecord> in
            let body = try await request.decodeJSON(as: NewExpenseBody.self, context: context)
            let expense = try await context.ledger(ledger).addExpense(
                category: body.category, amount: body.amount, date: body.date ?? .today(), description: body.description
            )
            return EditedResponse(status: .created, headers: [.location: "/api/expenses/\(expense.id)"], response: expense)
        }
        expenses.get(":id") { _, context -> ExpenseRecord in
            try await context.ledger(ledger).expense(id: try Self.id(context))
        }
        expenses.patch(":id") { request, context -> ExpenseRecord in
            let body = try await request.decodeJSON(as: ExpenseChangesBody.self, context: context)
            let changes = ExpenseChanges(amount: body.amount, category: body.category, date: body.date, description: body.description)
            return try await context.ledger(ledger).updateExpense(id: try Self.id(context), changes)
        }
        expenses.delete(":id") { _, context -> DeletedBody in
            DeletedBody(deleted: try await context.ledger(ledger).deleteExpense(id: try Self.id(context)))
        }
        api.post("transfers") { request, context -> EditedResponse<Transfer> in
            let body = try await request.decodeJSON(as: TransferBody.self, context: context)
            let transfer = try await context.ledger(ledger).transfer(from: body.from, to: body.to, amount: body.amount, date: body.date ?? .today())
            return EditedResponse(status: .created, response: transfer)
        }
    }

    /// The expense id in the path; anything but a positive whole number is simply not found.
    private static func id(_ context: ServerContext) throws -> Int {
        let text = try context.pathParameter("id", kind: "expense")
        guard let id = Int(text), id > 0 else { throw LedgerError.notFound(kind: "expense", key: text) }
        return id
    }
}
