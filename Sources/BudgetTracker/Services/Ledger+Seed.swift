import FluentKit

extension Ledger {
    /// The chapter's sample data: Alice, four categories, four January 2024 expenses.
    ///
    /// - Returns: `false` (and writes nothing) when any user already exists.
    @discardableResult
    public func seedSampleData() async throws -> Bool {
        try await handle.transaction { database in
            guard try await User.query(on: database).count() == 0 else { return false }
            let alice = User(email: "alice@example.com", name: "Alice Smith")
            try await alice.create(on: database)
            var categories: [String: Int] = [:]
            for (name, color) in [("Food", "#FF6B6B"), ("Transportation", "#4ECDC4"), ("Entertainment", "#95E1D3"), ("Utilities", "#F38181")] {
                if let existing = try await Category.query(on: database).filter(\.$name == name).first() {
                    categories[name] = existing.id!
                } else {
                    let category = Category(name: name, color: color)
                    try await category.create(on: database)
                    categories[name] = category.id!
                }
            }
            let expenses: [(String, Int64, String, String)] = [
                ("Groceries", 5250, "2024-01-15", "Food"),
                ("Lunch", 1875, "2024-01-16", "Food"),
                ("Gas", 4500, "2024-01-17", "Transportation"),
                ("Movie tickets", 3000, "2024-01-18", "Entertainment"),
            ]
            for (description, cents, date, category) in expenses {
                try await Expense(
                    userID: alice.id!, categoryID: categories[category]!, description: description,
                    amount: Money(cents: cents), date: try CalendarDate(parsing: date)
                ).create(on: database)
            }
            return true
        }
    }
}
