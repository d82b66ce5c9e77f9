import FluentKit

/// An expense category, such as Food: shared by every user (``ownerID`` `nil`), or a user's own.
public final class Category: Model, @unchecked Sendable {
    public static let schema = "categories"

    /// The colour of a category the seed data and the schema's default give: `#FF6B6B`.
    public static let defaultColor = "#FF6B6B"

    /// Colours for new categories that read well on light and dark terminals and on white
    /// (Tableau 10), so the categories of a chart can be told apart.
    public static let palette = [
        "#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F", "#EDC948", "#B07AA1", "#FF9DA7", "#9C755F", "#BAB0AC",
    ]

    /// The colour a new category named `name` gets unless one is given: a palette colour chosen by
    /// the name (FNV-1a), so a name gets the same colour in every database.
    public static func color(for name: String) -> String {
        var hash: UInt32 = 0x811C_9DC5
        for byte in name.utf8 { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
        return palette[Int(hash % UInt32(palette.count))]
    }

    @ID(custom: "id", generatedBy: .database)
    public var id: Int?

    /// At most 50 characters; unique among the names one user sees (the shared categories and
    /// their own).
    @Field(key: "name")
    public var name: String

    /// The user whose own category this is; `nil` for a shared one.
    @OptionalField(key: "owner_id")
    public var ownerID: Int?

    /// `#RRGGBB`.
    @Field(key: "color")
    public var color: String

    /// The expenses filed under this category.
    @Children(for: \.$category)
    public var expenses: [Expense]

    public init() {}

    /// A category not yet saved: shared, or `owner`'s own.
    public init(name: String, color: String = Category.defaultColor, owner: Int? = nil) {
        self.name = name
        self.color = color
        self.ownerID = owner
    }
}
