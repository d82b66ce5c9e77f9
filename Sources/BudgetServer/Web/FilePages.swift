import BudgetTracker
import Hummingbird

/// Ledger files in the browser: importing a CSV (all or nothing), verifying a month against a
/// raw ledger, and exporting.
struct FilePages {
    let ledger: Ledger
    let pages: WebPages

    func add(to web: RouterGroup<ServerContext>) {
        web.get("import") { request, context -> Response in
            pages.render("import", title: "Import a CSV", values: ["section": "Import"], request: request, context: context)
        }
        web.post("import") { request, context -> Response in
            let user = try context.ledger(ledger)
            var values: [String: Any] = ["section": "Import"]
            var status = HTTPResponse.Status.ok
            do {
                let summary = try await WebUpload.withFile(request, context: context) { form, file in
                    try await user.importExpenses(from: file, createMissing: form.isChecked("create_missing"), again: form.isChecked("again"))
                }
                values["imported"] = true
                values["rows"] = summary.rows
                values["rowsPlural"] = summary.rows == 1 ? "" : "s"
                values["total"] = WebFormat.amount(summary.total)
                values["createdCategories"] = summary.createdCategories > 0 ? summary.createdCategories : nil as Int? as Any
            } catch let error as LedgerError where error.code == .importFailed || error.code == .alreadyImported {
                values["imported"] = false
                values["problems"] = [Self.pageWords(error.description)]
                status = error.code == .importFailed ? .unprocessableContent : .conflict
            }
            return pages.render("import-result", title: "Import", values: values, status: status, request: request, context: context)
        }
        web.get("verify") { request, context -> Response in
            let month = try Query(request).month("month")
            return pages.render("verify", title: "Verify a report", values: ["section": "Verify", "month": month?.description ?? ""], request: request, context: context)
        }
        web.post("verify") { request, context -> Response in
            let user = try context.ledger(ledger)
            let result = try await WebUpload.withFile(request, context: context) { form, file in
                try await user.verifyMonthlyReport(month: try Month(parsing: try form.required("month", label: "the month")), ledger: file)
            }
            let lines = result.comparison.lines + [result.comparison.total]
            let month = try Month(parsing: result.month)
            let values: [String: Any] = [
                "section": "Verify", "month": result.month, "monthName": WebFormat.month(month), "verified": result.permitted,
                "differing": lines.filter { !$0.agrees }.count, "compared": lines.count,
                "lines": lines.map { line -> [String: Any] in
                    ["category": line.key, "database": LedgerFileRoutes.amount(line.sql), "ledger": LedgerFileRoutes.amount(line.source), "agrees": line.agrees]
                },
            ]
            return pages.render("verify-result", title: result.permitted ? "Verified" : "Blocked", values: values, request: request, context: context)
        }
        web.get("export") { request, context -> Response in
            let month = try Query(request).month("month")
            return pages.render("export", title: "Export", values: ["section": "Export", "month": month?.description ?? ""], request: request, context: context)
        }
        web.get("export.csv") { request, context -> Response in
            try await ExportDownload.response(for: try context.ledger(ledger), filter: ExpenseFilter(month: try Query(request).month("month")))
        }
    }

    /// The ledger's hints name command-line flags; the page has checkboxes.
    private static func pageWords(_ text: String) -> String {
        text.replacingOccurrences(of: "import with --create-missing", with: "tick \"Create categories the file names\"")
            .replacingOccurrences(of: "pass --again", with: "tick \"Import it again\"")
    }
}
