import FluentKit
import Foundation

/// A person whose expenses the ledger tracks.
public final class User: Model, @unchecked Sendable {
    public static let schema = "users"

    @ID(custom: "id", generatedBy: .database)
    public var id: Int?

    /// Unique, at most 100 characters.
    @Field(key: "email")
    public var email: String

    /// At most 100 characters.
    @Field(key: "name")
    public var name: String

    /// Set by the system (UTC) when the row is created.
    @Timestamp(key: "created_at", on: .create)
    public var createdAt: Date?

    /// The user's expenses; deleted with the user.
    @Children(for: \.$user)
    public var expenses: [Expense]

    public init() {}

    /// A user not yet saved.
    public init(email: String, name: String) {
        self.email = email
        self.name = name
    }
}
