import BudgetTracker

/// Values typed on the command line, parsed by ArgumentParser as it reads them (`transform:`): a
/// bad value is a usage error naming the option, before any work starts or any database opens.
enum ArgumentValue {
    /// Why a value was refused; the parser puts the option and the value in front of it.
    struct Refusal: Error, CustomStringConvertible {
        let description: String
    }

    /// `YYYY-MM`.
    static func month(_ text: String) throws -> Month { try refusing { () throws(LedgerError) in try Month(parsing: text) } }

    /// An exact amount with at most two decimals.
    static func money(_ text: String) throws -> Money { try refusing { () throws(LedgerError) in try Money(parsing: text) } }

    /// `YYYY-MM-DD`.
    static func date(_ text: String) throws -> CalendarDate { try refusing { () throws(LedgerError) in try CalendarDate(parsing: text) } }

    /// A whole number from 1 (a row limit).
    static func positive(_ text: String) throws -> Int {
        guard let number = Int(text), number >= 1 else { throw Refusal(description: "must be a whole number from 1") }
        return number
    }

    private static func refusing<Value>(_ parse: () throws(LedgerError) -> Value) throws -> Value {
        do {
            return try parse()
        } catch {
            throw Refusal(description: error.reason ?? error.description)
        }
    }
}
