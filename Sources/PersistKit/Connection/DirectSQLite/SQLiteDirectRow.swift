import SQLiteNIO

/// A row read by an ``SQLiteDirectConnection``: the statement's column names and this row's
/// values. ``SQLiteDirectRowDecoder`` decodes it as SQLiteKit decodes its own rows, so a
/// statement's results do not depend on the path it took.
struct SQLiteDirectRow: Sendable {
    /// The statement's column names, in order.
    let columns: [String]
    /// This row's values, in the same order.
    let values: [SQLiteData]
}
