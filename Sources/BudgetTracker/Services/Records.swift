import Foundation

/// A user as the ledger reports it.
public struct UserRecord: Sendable, Equatable, Codable {
    public let id: Int
    public let email: String
    public let name: String
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
    public let id: Int
    public let name: String
    public let color: String

    init(_ category: Category) {
        id = category.id!
        name = category.name
        color = category.color
    }
}

/// An expense with its user's email and its category's name, read in the same query.
public struct ExpenseRecord: Sendable, Equatable, Codable {
    public let id: Int
    public let date: CalendarDate
    public let user: String
    public let category: String
    public let amount: Money
    public let description: String

    public init(id: Int, date: CalendarDate, user: String, category: String, amount: Money, description: String) {
        self.id = id
        self.date = date
        self.user = user
        self.category = category
        self.amount = amount
        self.description = description
    }
}
