import BudgetTracker
import Hummingbird

/// The categories: the shared ones, and the user's own with adding, renaming, recolouring,
/// merging and deleting.
struct CategoryPages {
    let ledger: Ledger
    let pages: WebPages

    static let notices = [
        "added": "Category added.", "renamed": "Category renamed.", "recolored": "Colour changed.", "merged": "Categories merged.",
        "deleted": "Category deleted.",
    ]

    func add(to web: RouterGroup<ServerContext>) {
        web.get("categories") { request, context -> Response in
            try await page(request, context: context, notice: Query(request).text("done").flatMap { Self.notices[$0] })
        }
        web.post("categories") { request, context -> Response in
            try await change(request, context: context, done: "added") { user, form in
                try await user.addCategory(name: try form.required("name", label: "the name"), color: form["color"])
            }
        }
        web.post("categories/rename") { request, context -> Response in
            try await change(request, context: context, done: "renamed") { user, form in
                try await user.renameCategory(try form.required("name", label: "the category"), to: try form.required("new_name", label: "the new name"))
            }
        }
        web.post("categories/recolor") { request, context -> Response in
            try await change(request, context: context, done: "recolored") { user, form in
                try await user.recolorCategory(name: try form.required("name", label: "the category"), to: try form.required("color", label: "the colour"))
            }
        }
        web.post("categories/merge") { request, context -> Response in
            try await change(request, context: context, done: "merged") { user, form in
                try await user.mergeCategory(try form.required("name", label: "the category"), into: try form.required("into", label: "the category to merge into"))
            }
        }
        web.post("categories/delete") { request, context -> Response in
            try await change(request, context: context, done: "deleted") { user, form in
                try await user.deleteCategory(name: try form.required("name", label: "the category"))
            }
        }
    }

    /// Reads the form, makes the change, and goes back to the list saying so; a refused change
    /// shows the list again with the reason.
    private func change(
        _ request: Request, context: ServerContext, done: String, _ body: (UserLedger, WebForm) async throws -> some Sendable
    ) async throws -> Response {
        let form = try await WebForm.read(request, context: context)
        do {
            _ = try await body(try context.ledger(ledger), form)
            return WebPages.seeOther("/categories?done=\(done)")
        } catch {
            guard let (status, text) = WebErrorPages.refusal(error) else { throw error }
            return try await page(request, context: context, status: status, error: text, entered: done == "added" ? form : nil)
        }
    }

    private func page(
        _ request: Request, context: ServerContext, status: HTTPResponse.Status = .ok, notice: String? = nil, error: String? = nil, entered: WebForm? = nil
    ) async throws -> Response {
        let categories = try await context.ledger(ledger).categories()
        let names = categories.map(\.name)
        let values: [String: Any] = [
            "section": "Categories",
            "own": categories.filter { !$0.isShared }.map { category -> [String: Any] in
                ["id": category.id, "name": category.name, "color": category.color, "targets": names.filter { $0 != category.name }]
            },
            "hasOwn": categories.contains { !$0.isShared },
            "shared": categories.filter(\.isShared).map { ["name": $0.name, "color": $0.color] },
            "hasShared": categories.contains(where: \.isShared),
            "newName": entered?["name"] ?? "", "newColor": entered?["color"] ?? "#4C78A8",
        ]
        return pages.render("categories", title: "Categories", values: values, status: status, request: request, context: context, notice: notice, error: error)
    }
}
