import BudgetTracker
import Hummingbird

/// `/api/categories`: the shared categories and the user's own.
struct CategoryRoutes {
    let ledger: Ledger

    func add(to api: RouterGroup<ServerContext>) {
        let categories = api.group("categories")
        categories.get { _, context -> [CategoryBody] in
            try await context.ledger(ledger).categories().map(CategoryBody.init)
        }
        categories.post { request, context -> EditedResponse<CategoryBody> in
            let body = try await request.decodeJSON(as: NewCategoryBody.self, context: context)
            let category = try await context.ledger(ledger).addCategory(name: body.name, color: body.color)
            return EditedResponse(status: .created, response: CategoryBody(category))
        }
        categories.patch(":name") { request, context -> CategoryBody in
            let body = try await request.decodeJSON(as: RecolorBody.self, context: context)
            let name = try context.pathParameter("name", kind: "category")
            return CategoryBody(try await context.ledger(ledger).recolorCategory(name: name, to: body.color))
        }
        categories.delete(":name") { _, context -> Response in
            try await context.ledger(ledger).deleteCategory(name: try context.pathParameter("name", kind: "category"))
            return Response(status: .noContent)
        }
        categories.post(":name/merge") { request, context -> MergedBody in
            let body = try await request.decodeJSON(as: MergeBody.self, context: context)
            let moved = try await context.ledger(ledger).mergeCategory(try context.pathParameter("name", kind: "category"), into: body.into)
            return MergedBody(moved: moved)
        }
    }
}
