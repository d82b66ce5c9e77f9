import PersistKit

/// Why the persistence proof could not be written or read: one line for a person and a ``code``.
public struct ProofError: PersistFailure, Equatable {
    /// What kind of failure it is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's name, stable across versions.
        public let description: String
        private init(_ name: String) { description = name }

        /// The marker name is empty or too long: a problem with what was asked.
        public static let badName = Code("badName")
        /// Nothing has been written yet: the `markers` table does not exist.
        public static let noMarkersTable = Code("noMarkersTable")
        /// The database cannot outlive a process, so no second process could read it.
        public static let notPersistent = Code("notPersistent")
    }

    /// What kind of failure it is.
    public let code: Code
    /// One line for a person.
    public let description: String

    private init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }

    /// The marker name is empty.
    public static let emptyName = ProofError(.badName, "the marker name must not be empty")

    /// The marker name is longer than the table allows.
    public static func nameTooLong(length: Int) -> ProofError {
        ProofError(.badName, "the marker name is \(length) characters long; at most \(Marker.maximumNameLength) are allowed")
    }

    /// Nothing has been written yet: the `markers` table does not exist.
    public static let noMarkersTable = ProofError(.noMarkersTable, "no markers yet: the markers table does not exist; write a marker first")

    /// `database` (redacted) does not outlive a process.
    public static func notPersistent(database: String) -> ProofError {
        ProofError(.notPersistent, "\(database) does not outlive a process, so a second process cannot read it back; use a file or a server")
    }
}
