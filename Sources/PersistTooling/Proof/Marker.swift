import FluentKit
import PersistKit

/// One row of the persistence proof: a name written by one process and read by another.
public final class Marker: Model, @unchecked Sendable {
    public static let schema = "markers"

    /// The longest name the `markers` table accepts.
    public static let maximumNameLength = 100

    @ID(custom: "id", generatedBy: .database)
    public var id: Int?

    /// The marker text, 1 to 100 characters.
    @Field(key: "name")
    public var name: String

    public init() {}

    /// A marker with the given name, not yet saved.
    public init(name: String) {
        self.name = name
    }
}
