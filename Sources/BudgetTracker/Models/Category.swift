import FluentKit

/// A shared expense category, such as Food.
public final class Category: Model, @unchecked Sendable {
    public static let schema = "categories"

    /// The colour new categories get: `#FF6B6B`.
    public static let defaultColor = "#FF6B6B"

    @ID(custom: "id", generatedBy: .database)
    public var id: Int?

    /// Unique, at most 50 characters.
    @Field(key: "name")
    public var name: String

    /// `#RRGGBB`.
    @Field(key: "color")
    public var color: String

    /// The expenses filed under this category.
    @Children(for: \.$category)
    public var expenses: [Expense]

    public init() {}

    /// A category not yet saved.
    public init(name: String, color: String = Category.defaultColor) {
        self.name = name
        self.color = color
    }
}
