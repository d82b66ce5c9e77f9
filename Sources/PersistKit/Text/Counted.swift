extension Int {
    /// The count with its noun in the right number: `1.counted("expense")` is "1 expense",
    /// `3.counted("expense")` is "3 expenses", `2.counted("category", plural: "categories")` is
    /// "2 categories". For messages, never "expense(s)".
    public func counted(_ singular: String, plural: String? = nil) -> String {
        "\(self) \(self == 1 ? singular : plural ?? singular + "s")"
    }
}
