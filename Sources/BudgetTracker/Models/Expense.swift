import FluentKit
import Foundation

/// Money a user spent (or, for transfers, moved) in a category on a day.
public final class Expense: Model, @unchecked Sendable {
    public static let schema = "expenses"

    @ID(custom: "id", generatedBy: .database)
    public var id: Int?

    /// Who spent it.
    @Parent(key: Column.userID)
    public var user: User

    /// What it was spent on.
    @Parent(key: Column.categoryID)
    public var category: Category

    /// At most 200 characters.
    @Field(key: Column.description)
    public var description: String

    /// Exact integer cents; see ``amount``.
    @Field(key: Column.amountCents)
    public var amountCents: Int64

    /// The day, as `YYYY-MM-DD` text; see ``date``.
    @Field(key: Column.spentOn)
    public var spentOn: String

    /// Set by the system (UTC) when the row is created.
    /// For the two rows of a transfer, the transfer's id (its debit's id); `nil` otherwise.
    @OptionalField(key: Column.transferID)
    public var transferID: Int?

    @Timestamp(key: "created_at", on: .create)
    public var createdAt: Date?

    /// The table's columns: the one place live code names them (the import's bulk path writes
    /// them too). Migrations keep their own literal names: they are history, never rewritten.
    public enum Column {
        public static let userID: FieldKey = "user_id"
        public static let categoryID: FieldKey = "category_id"
        public static let description: FieldKey = "description"
        public static let amountCents: FieldKey = "amount_cents"
        public static let spentOn: FieldKey = "spent_on"
        public static let transferID: FieldKey = "transfer_id"
        public static let createdAt: FieldKey = "created_at"
    }

    public init() {}

    /// An expense not yet saved.
    public init(userID: Int, categoryID: Int, description: String, amount: Money, date: CalendarDate) {
        self.$user.id = userID
        self.$category.id = categoryID
        self.description = description
        self.amountCents = amount.cents
        self.spentOn = date.description
    }

    /// The amount, exactly.
    public var amount: Money {
        get { Money(cents: amountCents) }
        set { amountCents = newValue.cents }
    }

    /// The day, parsed.
    public var date: CalendarDate {
        get throws { try CalendarDate(parsing: spentOn) }
    }
}
