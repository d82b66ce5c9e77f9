import PersistKit

/// Why the persistence proof could not be written, read or run.
public enum ProofError: PersistFailure, Equatable {
    /// The marker name is empty.
    case emptyName
    /// The marker name is longer than the table allows.
    case nameTooLong(length: Int)
    /// Nothing has been written yet: the `markers` table does not exist.
    case noMarkersTable
    /// The database cannot outlive a process, so no second process could read it.
    case notPersistent(database: String)

    /// Whether this is a problem with what was typed (exit code 2) rather than with the database.
    public var isUsage: Bool {
        switch self {
        case .emptyName, .nameTooLong: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .emptyName:
            "the marker name must not be empty"
        case .nameTooLong(let length):
            "the marker name is \(length) characters long; at most \(Marker.maximumNameLength) are allowed"
        case .noMarkersTable:
            "no markers yet: the markers table does not exist; write a marker first"
        case .notPersistent(let database):
            "\(database) does not outlive a process, so a second process cannot read it back; use a file or a server"
        }
    }
}
