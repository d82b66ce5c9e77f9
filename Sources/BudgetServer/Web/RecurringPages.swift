import BudgetTracker
import Hummingbird
import PersistKit

/// The recurring expenses: the user's rules with pausing, resuming and deleting, adding one (once
/// per form), and posting what has fallen due.
struct RecurringPages {
    let ledger: Ledger
    let pages: WebPages

    static let notices = [
        "added": "Recurring expense added.", "paused": "Recurring expense paused.",
        "resumed": "Recurring expense resumed; what fell due while it was paused is skipped.",
        "deleted": "Recurring expense deleted; the expenses it posted stay.",
    ]

    func add(to web: RouterGroup<ServerContext>) {
        web.get("recurring") { request, context -> Response in
            let query = Query(request)
            let notice = query.text("done").flatMap { done in
                done == "posted" ? query.text("count").flatMap(Int.init).flatMap { $0 >= 0 ? $0 : nil }.map { "Posted \($0.counted("expense"))." } : Self.notices[done]
            }
            return try await page(request, context: context, notice: notice)
        }
        web.post("recurring") { request, context -> Response in
            let form = try await WebForm.read(request, context: context)
            do {
                guard let frequency = Frequency(rawValue: try form.required("every", label: "how often")) else {
                    throw LedgerError.invalid(field: "every", reason: "choose weekly, monthly or yearly")
                }
                _ = try await context.ledger(ledger).addRecurring(
                    category: try form.required("category", label: "the category"), amount: try Money(parsing: try form.required("amount", label: "the amount")),
                    description: try form.required("description", label: "the description"), frequency: frequency,
                    startsOn: try CalendarDate(parsing: try form.required("from", label: "the first day")),
                    endsOn: try form["until"].map { text throws(LedgerError) in try CalendarDate(parsing: text) },
                    submission: try form.submissionKey(for: "recurring-add")
                )
                return WebPages.seeOther("/recurring?done=added")
            } catch let error as LedgerError where error.code == .alreadySubmitted {
                return WebPages.seeOther("/recurring?done=added")
            } catch {
                guard let (status, text) = WebErrorPages.refusal(error) else { throw error }
                return try await page(request, context: context, status: status, error: text, entered: form)
            }
        }
        web.post("recurring/run") { request, context -> Response in
            try await change(request, context: context) { user, _ in
                "posted&count=\(try await user.postRecurring(until: .today()).posted.count)"
            }
        }
        for (action, paused) in [("pause", true), ("resume", false)] {
            web.post("recurring/\(action)") { request, context -> Response in
                try await change(request, context: context) { user, form in
                    _ = try await user.pauseRecurring(id: try Self.id(form), paused: paused)
                    return paused ? "paused" : "resumed"
                }
            }
        }
        web.post("recurring/delete") { request, context -> Response in
            try await change(request, context: context) { user, form in
                try await user.deleteRecurring(id: try Self.id(form))
                return "deleted"
            }
        }
    }

    /// The rule's id from the form.
    private static func id(_ form: WebForm) throws -> Int {
        guard let id = Int(try form.required("id", label: "the recurring expense")), id > 0 else {
            throw LedgerError.invalid(field: "id", reason: "not a recurring expense's id")
        }
        return id
    }

    /// Reads the form, makes the change, and goes back to the list saying what was `done`; a
    /// refused change shows the list again with the reason.
    private func change(_ request: Request, context: ServerContext, _ body: (UserLedger, WebForm) async throws -> String) async throws -> Response {
        let form = try await WebForm.read(request, context: context)
        do {
            let done = try await body(try context.ledger(ledger), form)
            return WebPages.seeOther("/recurring?done=\(done)")
        } catch {
            guard let (status, text) = WebErrorPages.refusal(error) else { throw error }
            return try await page(request, context: context, status: status, error: text)
        }
    }

    private func page(
        _ request: Request, context: ServerContext, status: HTTPResponse.Status = .ok, notice: String? = nil, error: String? = nil, entered: WebForm? = nil
    ) async throws -> Response {
        let user = try context.ledger(ledger)
        let rules = try await user.recurringRules()
        let categories = try await user.categories().map(\.name)
        let chosen = entered?["category"], every = entered?["every"] ?? Frequency.monthly.rawValue
        let values: [String: Any] = [
            "section": "Recurring",
            "hasRules": !rules.isEmpty,
            "rules": rules.map { rule -> [String: Any] in
                [
                    "id": rule.id, "description": rule.description, "category": rule.category, "amount": WebFormat.amount(rule.amount),
                    "amountPlain": rule.amount.description, "every": rule.frequency.rawValue, "from": rule.startsOn.description,
                    "until": rule.endsOn?.description ?? "–", "pausedOn": rule.pausedOn?.description as Any, "posted": rule.posted,
                    "skipped": rule.skipped, "last": rule.lastOccurrence?.description ?? "–",
                ]
            },
            "categories": categories.map { ["name": $0, "selected": $0 == chosen] },
            "frequencies": Frequency.allCases.map { ["name": $0.rawValue, "selected": $0.rawValue == every] },
            "newDescription": entered?["description"] ?? "", "newAmount": entered?["amount"] ?? "",
            "newFrom": entered?["from"] ?? CalendarDate.today().description, "newUntil": entered?["until"] ?? "",
            "today": CalendarDate.today().description, "submission": WebPages.submissionKey(),
        ]
        return pages.render("recurring", title: "Recurring expenses", values: values, status: status, request: request, context: context, notice: notice, error: error)
    }
}
