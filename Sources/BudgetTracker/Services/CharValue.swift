import SQLKit

/// A string bound as the SQL type `CHAR(width)`, for comparing with one of the schema's `CHAR(n)`
/// columns: `expenses.spent_on`, `sessions.token_hash`, `imports.fingerprint`.
///
/// PostgreSQL takes a bare string parameter as `text`, and `char_column >= text` compares the
/// column cast to `text`, which the column's index cannot serve: the service's session lookup read
/// every session, and a month's report every one of the user's rows (35 ms instead of 0.4). Cast
/// to the column's own type, the index is used. SQLite reads the cast as text, unchanged.
///
/// A string of another length is bound as it is: a cast would pad or cut it, and a cut one could
/// match a row it should not.
struct CharValue: SQLExpression {
    let text: String
    let width: Int

    /// A day (`YYYY-MM-DD`), as `expenses.spent_on` holds it.
    static func day(_ date: CalendarDate) -> CharValue { CharValue(text: date.description, width: 10) }

    /// A SHA-256 in hex, as `sessions.token_hash` and `imports.fingerprint` hold it.
    static func sha256(_ hex: String) -> CharValue { CharValue(text: hex, width: 64) }

    func serialize(to serializer: inout SQLSerializer) {
        guard text.count == width else { return SQLBind(text).serialize(to: &serializer) }
        serializer.write("CAST(")
        SQLBind(text).serialize(to: &serializer)
        serializer.write(" AS CHAR(\(width)))")
    }
}
