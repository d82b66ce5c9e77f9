import FluentKit
import Foundation

/// A named collection of notes.
final class Notebook: Model, @unchecked Sendable {
    static let schema = "notebooks"

    @ID(custom: "id", generatedBy: .database)
    var id: Int?

    @Field(key: "title")
    var title: String

    @Children(for: \.$notebook)
    var notes: [Note]

    init() {}

    init(title: String) {
        self.title = title
    }
}
