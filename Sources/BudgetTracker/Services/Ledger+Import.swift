import Crypto
import FluentKit
import Foundation
import PersistKit
import SQLKit

/// What an import wrote.
public struct ImportSummary: Sendable, Equatable, Codable {
    /// Expenses written.
    public let rows: Int
    /// Their exact sum.
    public let total: Money
    /// Users created by `createMissing`.
    public let createdUsers: Int
    /// Categories created by `createMissing`.
    public let createdCategories: Int
    /// The file's fingerprint (what its rows say), as recorded in the `imports` table.
    public let fingerprint: String
}

/// How far an import has got, for a progress bar.
public struct ImportProgress: Sendable, Equatable {
    /// Rows read and checked so far.
    public let rows: Int
    /// Bytes of the file those rows took up.
    public let bytesRead: Int
    /// The file's size, when known.
    public let totalBytes: Int?

    /// The part done, from 0 to 1, when the size is known.
    public var fraction: Double? {
        totalBytes.map { $0 > 0 ? min(1, Double(bytesRead) / Double($0)) : 1 }
    }
}

extension Ledger {
    /// Imports a ledger CSV (see ``LedgerCSV``), all or nothing.
    ///
    /// The file is streamed and written in large batches inside one transaction (see
    /// `BulkInsert` in PersistKit), one batch being written while the next is read: any bad row (unknown user
    /// or category, bad amount or date, missing field) stops the import with its row number and
    /// reason and rolls everything back. Memory stays flat however long the file is.
    ///
    /// Each imported file's fingerprint (what its rows say, in any order; see `FileFingerprint`)
    /// is recorded with the rows, in the same transaction: the same file again is refused
    /// (``LedgerError/alreadyImported(file:when:rows:)``) unless `again`, so a repeated command
    /// cannot double every expense.
    ///
    /// - Parameters:
    ///   - createMissing: create unknown users (named after their email) and categories instead of
    ///     failing; safe when several imports create the same new user at once.
    ///   - again: import a file that was imported before.
    ///   - progress: called every 10,000 rows, and once at the end, with how far the import got.
    ///   - stop: checked every 1,024 rows; when requested the import stops and rolls back.
    /// - Throws: ``LedgerError/importFailed(row:reason:)``, or `CancellationError` when `stop` is
    ///   requested or the task cancelled; either way nothing is written.
    @discardableResult
    public func importExpenses(
        from file: URL, createMissing: Bool = false, again: Bool = false,
        progress: (@Sendable (ImportProgress) -> Void)? = nil, stop: StopRequest? = nil
    ) async throws -> ImportSummary {
        try await importExpenses(from: file, owner: nil, createMissing: createMissing, again: again, progress: progress, stop: stop)
    }

    /// ``importExpenses(from:createMissing:again:progress:stop:)``; with `owner`, every row must be
    /// that user's, categories resolve among the ones they see, and missing ones become their own.
    func importExpenses(
        from file: URL, owner: ImportOwner?, createMissing: Bool, again: Bool,
        progress: (@Sendable (ImportProgress) -> Void)?, stop: StopRequest?
    ) async throws -> ImportSummary {
        try await handle.transaction { database in
            // Opened inside the transaction: if a lost connection makes the transaction start
            // over, the file is read again from its first row, never from where it stopped.
            let reader: CSVReader
            do {
                reader = try CSVReader(contentsOf: file)
            } catch let error as CSVError {
                throw LedgerError.importFailed(row: error.row, reason: error.reason)
            }
            let hash = FileFingerprint()
            var run = ImportRun(reader: reader, database: database, owner: owner, createMissing: createMissing, progress: progress, stop: stop ?? StopRequest())
            let summary = try await run.run(fingerprint: hash)
            if summary.rows > 0 {
                try await Self.recordImport(summary, file: file, again: again, on: database as! any SQLDatabase)
            }
            return summary
        }
    }

    /// Records an import in `imports`, refusing a file imported before unless `again`.
    ///
    /// Two imports of one file at once (PostgreSQL: SQLite's write lock runs them one after the
    /// other) may both take the same next occurrence; the second then fails the unique key. With
    /// `again` it was asked for anyway, so it takes the one after, inside a savepoint that keeps
    /// the import's transaction usable. Each such failure means another import was committed, so
    /// the attempts are bounded only as a safeguard.
    private static func recordImport(_ summary: ImportSummary, file: URL, again: Bool, on sql: any SQLDatabase) async throws {
        for _ in 0..<100 {
            let earlier = try await sql.select().column("occurrence").column("imported_at").column("row_count").from("imports")
                .where(SQLColumn("fingerprint"), .equal, CharValue.sha256(summary.fingerprint))
                .orderBy("occurrence", .descending).limit(1)
                .all(decoding: EarlierImport.self)
            if let last = earlier.first, !again {
                throw LedgerError.alreadyImported(file: file.lastPathComponent, when: last.imported_at, rows: Int(last.row_count))
            }
            let insert = sql.insert(into: "imports")
                .columns("fingerprint", "occurrence", "file_name", "row_count", "total_cents", "imported_at")
                .values(
                    SQLBind(summary.fingerprint), SQLBind((earlier.first?.occurrence ?? 0) + 1), SQLBind(String(file.lastPathComponent.prefix(255))),
                    SQLBind(Int64(summary.rows)), SQLBind(summary.total.cents), SQLBind(ISO8601DateFormatter().string(from: Date()))
                )
            do {
                guard again else {
                    try await insert.run()
                    return
                }
                try await sql.raw("SAVEPOINT persist_import_record").run()
                do {
                    try await insert.run()
                } catch {
                    try await sql.raw("ROLLBACK TO SAVEPOINT persist_import_record").run()
                    throw error
                }
                try await sql.raw("RELEASE SAVEPOINT persist_import_record").run()
                return
            } catch where isConstraintFailure(error) && again {
                continue
            } catch where isConstraintFailure(error) {
                break
            }
        }
        throw LedgerError.alreadyImported(file: file.lastPathComponent, when: "just now, by another process", rows: summary.rows)
    }
}

private struct EarlierImport: Decodable {
    let occurrence: Int
    let imported_at: String
    let row_count: Int64
}

/// The fingerprint of the money a file records, not of its bytes: each row's date, user email
/// and category name (as stored: by name, so a category merged away and re-created, or a user
/// deleted and added again, is still the same file, and a reused id is not) and cents, hashed on its own; the rows' hashes are added up, so the order of the
/// rows does not matter either. A copy with a byte-order mark, other line ends, other quoting,
/// reordered columns or rows, edited descriptions, or without its `transfer` column records the
/// same spending, so it is the same file: importing it again would count the money twice. The
/// stored value is the SHA-256 of the sums and the row count.
private final class FileFingerprint: @unchecked Sendable {
    /// A name as the fingerprint sees it: lower-cased, invisible format characters (zero-width
    /// spaces, joiners) dropped, so "FOOD" or "Fo\u{200B}od" spelling a new category does not make
    /// the same spending a new file.
    static func key(_ name: String) -> String {
        String(String.UnicodeScalarView(name.lowercased().unicodeScalars.filter { $0.properties.generalCategory != .format }))
    }

    private var first: UInt64 = 0
    private var second: UInt64 = 0
    private var rows: UInt64 = 0

    func add(date: String, user: String, category: String, cents: Int64) {
        // Two independent 64-bit hashes of the row (FNV-1a, and a multiplicative mix), each
        // finished with SplitMix64's avalanche, summed over the rows.
        var fnv: UInt64 = 0xCBF2_9CE4_8422_2325
        var mix: UInt64 = 0x2545_F491_4F6C_DD1D
        func feed(_ byte: UInt8) {
            fnv = (fnv ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            mix = (mix ^ UInt64(byte)) &* 0x9E37_79B9_7F4A_7C15
            mix ^= mix >> 29
        }
        func feed(_ text: String) {
            for byte in text.utf8 { feed(byte) }
            feed(0x1F)
        }
        feed(date)
        feed(user)
        feed(category)
        feed(String(cents))
        first = first &+ Self.avalanche(fnv)
        second = second &+ Self.avalanche(mix)
        rows += 1
    }

    var hex: String {
        var bytes: [UInt8] = []
        for value in [first, second, rows] { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
        return SHA256.hash(data: bytes).map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }

    private static func avalanche(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The user an import is confined to (see ``UserLedger``).
struct ImportOwner: Sendable {
    let id: Int
    let email: String
}

/// One import, inside its transaction.
private struct ImportRun {
    static let columns: [BulkColumn] = [
        .init(Expense.Column.userID.description, .integer), .init(Expense.Column.categoryID.description, .integer),
        .init(Expense.Column.description.description, .text), .init(Expense.Column.amountCents.description, .integer),
        .init(Expense.Column.spentOn.description, .text), .init(Expense.Column.createdAt.description, .timestamp),
    ]

    let reader: CSVReader
    let database: any Database
    let owner: ImportOwner?
    let createMissing: Bool
    let progress: (@Sendable (ImportProgress) -> Void)?
    let stop: StopRequest
    /// Ids by email, as stored.
    private var users: [String: Int] = [:]
    /// Shared categories' ids by name, and users' own by owner and name, as stored.
    private var categories: [String: Int] = [:]
    private var ownCategories: [OwnName: Int] = [:]
    /// Ids by the user and category fields exactly as written in the file: each distinct spelling
    /// is validated once, not once per row (categories once per user, whose own ones differ).
    private var userSpellings: [String: Int] = [:]
    private var categorySpellings: [OwnName: Int] = [:]
    /// Each spelling's user email and category name as stored, for the fingerprint.
    private var userNames: [String: String] = [:]
    private var categoryNames: [String: String] = [:]
    private var createdUsers = 0
    private var createdCategories = 0
    private var transfers = ImportTransfers()

    /// A category name (or spelling) as one user sees it.
    private struct OwnName: Hashable {
        let owner: Int
        let name: String
    }

    init(
        reader: CSVReader, database: any Database, owner: ImportOwner?, createMissing: Bool,
        progress: (@Sendable (ImportProgress) -> Void)?, stop: StopRequest
    ) {
        self.reader = reader
        self.database = database
        self.owner = owner
        self.createMissing = createMissing
        self.progress = progress
        self.stop = stop
    }

    private var sql: any SQLDatabase { database as! any SQLDatabase }

    mutating func run(fingerprint: FileFingerprint) async throws -> ImportSummary {
        guard let header = try next() else {
            throw LedgerError.importFailed(row: 1, reason: "the file is empty (it needs a header row: \(LedgerCSV.columns.joined(separator: ",")))")
        }
        let layout = try LedgerCSV.Layout(header: header)
        users = try await lookup(User.schema, key: "email")
        categories = try await lookupCategories()
        let insert = BulkInsert(into: Expense.schema, columns: Self.columns, on: database)
        var rows = 0
        var total = Money.zero
        let now = Date.now
        do {
            while let fields = try next() {
                let row = reader.rowNumber
                guard fields.count == layout.width else {
                    throw LedgerError.importFailed(row: row, reason: "expected \(layout.width) fields, found \(fields.count)")
                }
                let date: String, amount: Money, description: String
                do {
                    date = fields[layout.date].trimmingSpaces
                    _ = try CalendarDate(parsing: date)
                    amount = try Validation.amount(Money(parsing: fields[layout.amount]))
                    description = try Validation.text(fields[layout.description], field: "description", maximum: 200, multiline: true)
                } catch {
                    throw LedgerError.importFailed(row: row, reason: error.description)
                }
                let userID = try await userID(fields[layout.user], row: row, now: now, pausing: insert)
                let categoryID = try await categoryID(fields[layout.category], user: userID, row: row, pausing: insert)
                let tag = layout.transfer.map { fields[$0].trimmingSpaces } ?? ""
                fingerprint.add(date: date, user: userNames[fields[layout.user]]!, category: categoryNames[fields[layout.category]]!, cents: amount.cents)
                if !tag.isEmpty {
                    // A transfer's leg is written on its own, after every row before it, so ids
                    // (and so the order of a later export) follow the file.
                    try await insert.finish()
                    let values: [String: any Encodable & Sendable] = [
                        "user_id": userID, "category_id": categoryID, "description": description,
                        "amount_cents": amount.cents, "spent_on": date, "created_at": now,
                    ]
                    if let first = try transfers.partner(of: tag, row: row) {
                        try transfers.link(tag, first: first, user: userID, date: date, cents: amount.cents, row: row)
                        _ = try await insertReturningID(Expense.schema, values.merging(["transfer_id": first.id]) { $1 })
                        try await sql.update(Expense.schema).set("transfer_id", to: first.id).where("id", .equal, first.id).run()
                    } else {
                        let id = try await insertReturningID(Expense.schema, values)
                        transfers.wait(tag, for: .init(id: id, user: userID, date: date, cents: amount.cents, row: row))
                    }
                } else {
                    try await insert.append([
                        .integer(Int64(userID)), .integer(Int64(categoryID)), .text(description),
                        .integer(amount.cents), .text(date), .timestamp(now),
                    ])
                }
                rows += 1
                total = total + amount
                if rows % 1_024 == 0 { try stop.check() }
                if rows % 10_000 == 0 { progress?(ImportProgress(rows: rows, bytesRead: reader.bytesRead, totalBytes: reader.totalBytes)) }
            }
            try await insert.finish()
            try transfers.checkComplete()
            // The last chance to stop: after this the transaction commits.
            try stop.check()
        } catch {
            await insert.abandon()
            throw error
        }
        progress?(ImportProgress(rows: rows, bytesRead: reader.bytesRead, totalBytes: reader.totalBytes))
        return ImportSummary(rows: rows, total: total, createdUsers: createdUsers, createdCategories: createdCategories, fingerprint: fingerprint.hex)
    }

    /// The id of the user named in a row, created first when allowed.
    private mutating func userID(_ field: String, row: Int, now: Date, pausing insert: BulkInsert) async throws -> Int {
        if let id = userSpellings[field] { return id }
        let email: String
        do { email = try Validation.email(field) } catch { throw LedgerError.importFailed(row: row, reason: error.description) }
        if let owner, email != owner.email {
            // Whether that user exists is not the importer's business.
            throw LedgerError.importFailed(row: row, reason: "the row is for '\(email)'; every row must be yours (\(owner.email))")
        }
        let id: Int
        if let existing = users[email] {
            id = existing
        } else if createMissing, owner == nil {
            try await insert.waitForPendingBatch()
            id = try await insertOrFind(User.schema, key: "email", ["email": email, "name": String(email.prefix { $0 != "@" }), "created_at": now])
            users[email] = id
            createdUsers += 1
        } else {
            throw LedgerError.importFailed(row: row, reason: "no user '\(email)' (add it first, or import with --create-missing)")
        }
        userSpellings[field] = id
        userNames[field] = FileFingerprint.key(email)
        return id
    }

    /// The id of the category named in a row, among those `user` sees, created first when
    /// allowed: shared, or (for an import confined to one user) that user's own.
    private mutating func categoryID(_ field: String, user: Int, row: Int, pausing insert: BulkInsert) async throws -> Int {
        if let id = categorySpellings[OwnName(owner: user, name: field)] { return id }
        let name: String
        do { name = try Validation.category(field) } catch { throw LedgerError.importFailed(row: row, reason: error.description) }
        let id: Int
        if let existing = ownCategories[OwnName(owner: user, name: name)] ?? categories[name] {
            id = existing
        } else if createMissing {
            try await insert.waitForPendingBatch()
            let made: (id: Int, created: Bool)
            do {
                made = try await CategoryNames.findOrCreate(name, owner: owner?.id, on: database)
            } catch let error as LedgerError {
                throw LedgerError.importFailed(row: row, reason: error.description)
            }
            if owner == nil { categories[name] = made.id } else { ownCategories[OwnName(owner: user, name: name)] = made.id }
            id = made.id
            if made.created { createdCategories += 1 }
        } else {
            throw LedgerError.importFailed(row: row, reason: "no category '\(name)' (add it first, or import with --create-missing)")
        }
        categorySpellings[OwnName(owner: user, name: field)] = id
        categoryNames[field] = FileFingerprint.key(name)
        return id
    }

    private func next() throws -> [String]? {
        do {
            return try reader.next()
        } catch {
            throw LedgerError.importFailed(row: error.row, reason: error.reason)
        }
    }

    /// The shared categories' ids by name, and fills ``ownCategories`` with users' own (only the
    /// owner's, for an import confined to one user): two statements, then no lookups per row.
    private mutating func lookupCategories() async throws -> [String: Int] {
        var query = Category.query(on: database).filter(\.$ownerID != nil)
        if let owner { query = query.filter(\.$ownerID == owner.id) }
        for category in try await query.all() {
            ownCategories[OwnName(owner: category.ownerID!, name: category.name)] = category.id!
        }
        let shared = try await Category.query(on: database).filter(\.$ownerID == nil).all()
        return Dictionary(shared.map { ($0.name, $0.id!) }, uniquingKeysWith: { first, _ in first })
    }

    /// `key → id` for a whole table: one statement, then no lookups per row.
    private func lookup(_ table: String, key: String) async throws -> [String: Int] {
        let rows = try await sql.select().column(SQLIdentifier("id")).column(SQLIdentifier(key), as: "key").from(table).all()
        var map: [String: Int] = [:]
        for row in rows {
            map[try row.decode(column: "key", as: String.self)] = try row.decode(column: "id", as: Int.self)
        }
        return map
    }

    /// Inserts a row and returns its id.
    private func insertReturningID(_ table: String, _ values: [String: any Encodable & Sendable]) async throws -> Int {
        let columns = values.keys.sorted()
        let row = try await sql.insert(into: table).columns(columns).values(columns.map { SQLBind(values[$0]!) }).returning("id").first()
        guard let row else { throw LedgerError.importFailed(row: 0, reason: "\(table): the new row's id did not come back") }
        return try row.decode(column: "id", as: Int.self)
    }

    /// Inserts a row and returns its id; when another import created the same `key` meanwhile
    /// (it committed while this one waited on the unique index), that row's id instead of a
    /// duplicate-key failure.
    private func insertOrFind(_ table: String, key: String, _ values: KeyValuePairs<String, any Encodable & Sendable>) async throws -> Int {
        if let row = try await sql.insert(into: table)
            .columns(values.map(\.key))
            .values(values.map { SQLBind($0.value) })
            .ignoringConflicts(with: key)
            .returning("id")
            .first() {
            return try row.decode(column: "id", as: Int.self)
        }
        let value = values.first { $0.key == key }!.value
        let row = try await sql.select().column("id").from(table).where(SQLIdentifier(key), .equal, SQLBind(value)).first()
        guard let row else { throw LedgerError.importFailed(row: 0, reason: "\(table) '\(value)' could not be created or found") }
        return try row.decode(column: "id", as: Int.self)
    }
}
