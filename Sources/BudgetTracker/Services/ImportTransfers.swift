/// The transfers in an imported file: two rows that share a value in the optional `transfer`
/// column are the two legs of one transfer, linked again in the database (as `expense export`
/// wrote them), so a round trip keeps a transfer one thing.
///
/// The legs must belong to the same user, fall on the same day and sum to zero; a third row with
/// the same value, or a leg whose partner never comes, fails the import.
struct ImportTransfers {
    /// A first leg, written, waiting for its partner.
    struct Leg {
        let id: Int
        let user: Int
        let date: String
        let cents: Int64
        let row: Int
    }

    private var waiting: [String: Leg] = [:]
    private var linked: Set<String> = []

    /// The first leg of `tag` when this row is its second; `nil` when this row is the first.
    mutating func partner(of tag: String, row: Int) throws(LedgerError) -> Leg? {
        guard tag.utf8.count <= 40 else {
            throw LedgerError.importFailed(row: row, reason: "the transfer value is longer than 40 characters")
        }
        guard !linked.contains(tag) else {
            throw LedgerError.importFailed(row: row, reason: "transfer '\(tag)' has more than two rows")
        }
        return waiting[tag]
    }

    /// Checks that a second leg matches its first, and marks the transfer complete.
    mutating func link(_ tag: String, first: Leg, user: Int, date: String, cents: Int64, row: Int) throws(LedgerError) {
        guard first.user == user, first.date == date, first.cents + cents == 0 else {
            throw LedgerError.importFailed(
                row: row, reason: "transfer '\(tag)' does not balance with row \(first.row) (its two rows need the same user and date, and amounts that sum to zero)"
            )
        }
        waiting[tag] = nil
        linked.insert(tag)
    }

    /// Records a first leg.
    mutating func wait(_ tag: String, for leg: Leg) {
        waiting[tag] = leg
    }

    /// Fails when a transfer still misses its second row at the end of the file.
    func checkComplete() throws(LedgerError) {
        if let (tag, leg) = waiting.min(by: { $0.value.row < $1.value.row }) {
            throw LedgerError.importFailed(row: leg.row, reason: "transfer '\(tag)' has one row; its other leg is missing")
        }
    }
}
