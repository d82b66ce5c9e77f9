import FluentKit
import Foundation

/// One note in a notebook.
final class Note: Model, @unchecked Sendable {
    static let schema = "notes"

    @ID(custom: "id", generatedBy: .database)
    var id: Int?

    @Parent(key: "notebook_id")
    var notebook: Notebook

    @Field(key: "text")
    var text: String

    @Timestamp(key: "created_at", on: .create)
    var createdAt: Date?

    init() {}

    init(notebook: Int, text: String) {
        self.$notebook.id = notebook
        self.text = text
    }
}
