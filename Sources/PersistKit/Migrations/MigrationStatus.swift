/// Which migrations a database has, which it still needs, and which it has that the code does not
/// know or knows differently.
public struct MigrationStatus: Sendable, Equatable, Codable {
    /// One applied migration, as the database recorded it.
    public struct Applied: Sendable, Equatable, Codable {
        /// Its stable name.
        public let name: String
        /// The batch it was applied in; a revert undoes the highest batch first.
        public let batch: Int
        /// The SHA-256 of the statements it ran, in the database's dialect; `nil` when it was
        /// applied by a version that did not record checksums (recorded at the next migration).
        public let checksum: String?
        /// The program that applied it (`"persist 0.16.0"`), when that was recorded.
        public let appliedBy: String?

        /// A migration applied in `batch`.
        public init(name: String, batch: Int, checksum: String? = nil, appliedBy: String? = nil) {
            self.name = name
            self.batch = batch
            self.checksum = checksum
            self.appliedBy = appliedBy
        }
    }

    /// Applied migrations, in the order they were applied.
    public let applied: [Applied]
    /// Names not yet applied, in order.
    public let pending: [String]
    /// Applied migrations this program does not have: the database was migrated by a newer one.
    public let unknown: [String]
    /// Applied migrations whose statements differ from this program's (their checksums differ):
    /// the migration was edited after it was released.
    public let changed: [String]

    /// A status from its parts.
    public init(applied: [Applied], pending: [String], unknown: [String] = [], changed: [String] = []) {
        self.applied = applied
        self.pending = pending
        self.unknown = unknown
        self.changed = changed
    }

    /// Whether the database has exactly this program's migrations, unchanged.
    public var isCurrent: Bool { pending.isEmpty && unknown.isEmpty && changed.isEmpty }
}
