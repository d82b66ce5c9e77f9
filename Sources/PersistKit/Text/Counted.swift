extension Int {
    /// The count with its noun in the right number: `1.counted("row")` is "1 row",
    /// `3.counted("row")` is "3 rows", `2.counted("category", plural: "categories")` is
    /// "2 categories". For messages, never "row(s)".
    public func counted(_ singular: String, plural: String? = nil) -> String {
        "\(self) \(self == 1 ? singular : plural ?? singular + "s")"
    }
}
