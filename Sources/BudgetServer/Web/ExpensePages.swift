import BudgetTracker
import Foundation
import Hummingbird

/// The expenses: the filtered list a page at a time, adding, editing, deleting (after a
/// confirmation) and transfers.
struct ExpensePages {
    let ledger: Ledger
    let pages: WebPages
    /// Expenses on one page.
    static let pageSize = 50

    /// What a finished form says on the page it leads to (fixed sentences: nothing from the URL
    /// is shown).
    static let notices = [
        "added": "Expense added.", "saved": "Expense saved.", "deleted": "Deleted.", "transferred": "Transfer recorded.",
    ]

    func add(to web: RouterGroup<ServerContext>) {
        web.get("expenses") { request, context -> Response in
            try await listPage(request, context: context, notice: Query(request).text("done").flatMap { Self.notices[$0] })
        }
        web.post("expenses") { request, context -> Response in
            let form = try await WebForm.read(request, context: context)
            do {
                try await context.ledger(ledger).addExpense(
                    category: try form.required("category", label: "the category"), amount: try Money(parsing: try form.required("amount", label: "the amount")),
                    date: try CalendarDate(parsing: try form.required("date", label: "the date")), description: form["description"] ?? "",
                    submission: try form.submissionKey(for: "expense")
                )
                return WebPages.seeOther("/expenses?done=added")
            } catch let error as LedgerError where error.code == .alreadySubmitted {
                // A second click on the same form: its expense was added by the first.
                return WebPages.seeOther("/expenses?done=added")
            } catch {
                guard let (status, text) = WebErrorPages.refusal(error) else { throw error }
                return try await listPage(request, context: context, status: status, error: text, entered: form)
            }
        }
        web.get("expenses/:id/edit") { request, context -> Response in
            let user = try context.ledger(ledger)
            let expense = try await user.expense(id: try Self.id(context))
            return try await editPage(expense, user: user, request: request, context: context)
        }
        web.post("expenses/:id") { request, context -> Response in
            let form = try await WebForm.read(request, context: context)
            let user = try context.ledger(ledger)
            let id = try Self.id(context)
            do {
                let changes = ExpenseChanges(
                    amount: try Money(parsing: try form.required("amount", label: "the amount")), category: try form.required("category", label: "the category"),
                    date: try CalendarDate(parsing: try form.required("date", label: "the date")), description: form["description"] ?? ""
                )
                _ = try await user.updateExpense(id: id, changes)
                return WebPages.seeOther("/expenses?done=saved")
            } catch {
                guard let (status, text) = WebErrorPages.refusal(error), status != .notFound else { throw error }
                let expense = try await user.expense(id: id)
                return try await editPage(expense, user: user, request: request, context: context, status: status, error: text)
            }
        }
        web.get("expenses/:id/delete") { request, context -> Response in
            let id = try Self.id(context)
            let expense = try await context.ledger(ledger).expense(id: id)
            let values: [String: Any] = ["section": "Expenses", "id": id, "expenses": [Self.row(expense)]]
            return pages.render("expense-delete", title: "Delete an expense", values: values, request: request, context: context)
        }
        web.post("expenses/:id/delete") { request, context -> Response in
            _ = try await WebForm.read(request, context: context)
            _ = try await context.ledger(ledger).deleteExpense(id: try Self.id(context))
            return WebPages.seeOther("/expenses?done=deleted")
        }
        web.get("transfer") { request, context -> Response in
            try await transferPage(request, context: context)
        }
        web.post("transfer") { request, context -> Response in
            let form = try await WebForm.read(request, context: context)
            do {
                _ = try await context.ledger(ledger).transfer(
                    from: try form.required("from", label: "the category to move from"), to: try form.required("to", label: "the category to move to"),
                    amount: try Money(parsing: try form.required("amount", label: "the amount")),
                    date: try CalendarDate(parsing: try form.required("date", label: "the date")),
                    submission: try form.submissionKey(for: "transfer")
                )
                return WebPages.seeOther("/expenses?done=transferred")
            } catch let error as LedgerError where error.code == .alreadySubmitted {
                return WebPages.seeOther("/expenses?done=transferred")
            } catch {
                guard let (status, text) = WebErrorPages.refusal(error) else { throw error }
                return try await transferPage(request, context: context, status: status, error: text)
            }
        }
    }

    /// The list under the query's filter, with the add form (refilled with `entered` after a refusal).
    private func listPage(
        _ request: Request, context: ServerContext, status: HTTPResponse.Status = .ok, notice: String? = nil, error: String? = nil, entered: WebForm? = nil
    ) async throws -> Response {
        let query = Query(request)
        let user = try context.ledger(ledger)
        var filter = try query.expenseFilter()
        let offset = try query.number("offset", in: 0...ServerLimits.offset, default: 0)
        filter.limit = Self.pageSize + 1
        filter.offset = offset
        let expenses = try await user.expenses(filter)
        let names = try await user.categories().map(\.name)
        let shown = expenses.prefix(Self.pageSize)
        func page(_ offset: Int) -> String {
            var components = URLComponents()
            components.path = "/expenses"
            components.queryItems = [("category", filter.category), ("month", filter.month?.description), ("q", filter.text), ("offset", offset == 0 ? nil : String(offset))]
                .compactMap { name, value in value.map { URLQueryItem(name: name, value: $0) } }
            return components.string ?? "/expenses"
        }
        let filtered = filter.category != nil || filter.month != nil || filter.text != nil
        let values: [String: Any] = [
            "section": "Expenses",
            "filterCategories": names.map { ["name": $0, "selected": $0 == filter.category] },
            "filterMonth": filter.month?.description ?? "", "filterText": filter.text ?? "",
            "hasExpenses": !shown.isEmpty, "expenses": shown.map(Self.row),
            "caption": filtered ? "Expenses matching the filter, newest first" : "Your expenses, newest first",
            "previousPage": offset > 0 ? page(max(0, offset - Self.pageSize)) : nil as String? as Any,
            "nextPage": expenses.count > Self.pageSize ? page(offset + Self.pageSize) : nil as String? as Any,
            "emptyText": Self.emptyText(filter),
            "hasCategories": !names.isEmpty,
            "addCategories": names.map { ["name": $0, "selected": $0 == (entered?["category"] ?? filter.category)] },
            "addAmount": entered?["amount"] ?? "", "addDescription": entered?["description"] ?? "",
            "addDate": entered?["date"] ?? Self.suggestedDate(in: filter.month).description,
            // A refused form kept its key: nothing was recorded under it.
            "submission": entered?["submission"] ?? WebPages.submissionKey(),
        ]
        return pages.render("expenses", title: "Expenses", values: values, status: status, request: request, context: context, notice: notice, error: error)
    }

    private func editPage(
        _ expense: ExpenseRecord, user: UserLedger, request: Request, context: ServerContext, status: HTTPResponse.Status = .ok, error: String? = nil
    ) async throws -> Response {
        let names = try await user.categories().map(\.name)
        let values: [String: Any] = [
            "section": "Expenses", "id": expense.id, "date": expense.date.description, "amount": expense.amount.description,
            "description": expense.description, "categories": names.map { ["name": $0, "selected": $0 == expense.category] },
        ]
        return pages.render("expense-edit", title: "Edit an expense", values: values, status: status, request: request, context: context, error: error)
    }

    private func transferPage(_ request: Request, context: ServerContext, status: HTTPResponse.Status = .ok, error: String? = nil) async throws -> Response {
        let names = try await context.ledger(ledger).categories().map(\.name)
        let values: [String: Any] = [
            "section": "Expenses", "categories": names.map { ["name": $0] }, "today": CalendarDate.today().description, "submission": WebPages.submissionKey(),
        ]
        return pages.render("transfer", title: "Transfer", values: values, status: status, request: request, context: context, error: error)
    }

    /// Today, or the first day of the month the list shows when today is not in it.
    private static func suggestedDate(in month: Month?) -> CalendarDate {
        let today = CalendarDate.today()
        guard let month, Month(containing: today) != month else { return today }
        return month.firstDay
    }

    /// What an empty list says: "No expenses in March 2024." for a month alone.
    private static func emptyText(_ filter: ExpenseFilter) -> String {
        if let month = filter.month, filter.category == nil, filter.text == nil { return "No expenses in \(WebFormat.month(month))." }
        return filter.month != nil || filter.category != nil || filter.text != nil ? "No expenses match the filter." : "You have no expenses yet."
    }

    /// An expense as the pages show it.
    static func row(_ expense: ExpenseRecord) -> [String: Any] {
        [
            "id": expense.id, "date": expense.date.description, "category": expense.category, "description": expense.description,
            "amount": WebFormat.amount(expense.amount), "amountPlain": expense.amount.description,
        ]
    }

    /// The expense id in the path; anything but a positive whole number is not found.
    private static func id(_ context: ServerContext) throws -> Int {
        let text = try context.pathParameter("id", kind: "expense")
        guard let id = Int(text), id > 0 else { throw LedgerError.notFound(kind: "expense", key: text) }
        return id
    }
}
