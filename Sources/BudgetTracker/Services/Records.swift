import Foundation

/// A user as the ledger reports it.
public struct UserRecord: Sendable, Equatable, Codable {
    /// The user's id.
    public let id: Int
    /// The email, lower-cased.
    public let email: String
    /// The display name.
    public let name: String
    /// When the user was added.
    public let createdAt: Date

    init(_ user: User) {
        id = user.id!
        email = user.email
        name = user.name
        createdAt = user.createdAt ?? Date(timeIntervalSince1970: 0)
    }
}

/// A category as the ledger reports it.
public struct CategoryRecord: Sendable, Equatable, Codable {
    /// The category's id.
    public let id: Int
    /// The name, unique among the categories one user sees.
    public let name: String
    /// The colour, `#RRGGBB`.
    public let color: String
    /// Whether every user sees it (`false`: one user's own). Not in the command line's output,
    /// which lists only shared categories.
    public private(set) var isShared = true

    private enum CodingKeys: String, CodingKey { case id, name, color }

    init(_ category: Category) {
        id = category.id!
        name = category.name
        color = category.color
        isShared = category.ownerID == nil
    }
}

/// An expense with its user's email and its category's name, read in the same query.
public struct ExpenseRecord: Sendable, Equatable, Codable {
    /// The expense's id.
    public let id: Int
    /// The day it was spent.
    public let date: CalendarDate
    /// The spender's email.
    public let user: String
    /// The category's name.
    public let category: String
    /// How much (negative for the debit of a transfer).
    public let amount: Money
    /// What it was.
    public let description: String

    /// An expense as stored.
    public init(id: Int, date: CalendarDate, user: String, category: String, amount: Money, description: String) {
        self.id = id
        self.date = date
        self.user = user
        self.category = category
        self.amount = amount
        self.description = description
    }
}
