import Foundation
import PersistKit

/// The outcome of the last proof run in a project, kept in `.persist/last-proof.json`
/// so that a skill check can tell whether persistence was proven here.
public struct ProofRecord: Sendable, Codable, Equatable {
    /// Whether the second process read the marker back.
    public let passed: Bool
    /// `sqlite` or `postgresql`.
    public let backend: String
    /// Redacted.
    public let database: String
    /// Both processes together, in milliseconds.
    public let elapsedMilliseconds: Int
    /// When the proof ran.
    public let at: Date

    /// Where the record lives inside a project folder.
    public static let path = ".persist/last-proof.json"

    /// A record of `verdict`, made now.
    public init(_ verdict: ProofVerdict) {
        passed = verdict.passed
        backend = verdict.backend.rawValue
        database = verdict.database
        elapsedMilliseconds = verdict.elapsedMilliseconds
        at = Date()
    }

    /// Saves the record into `project`.
    public func save(in project: URL) throws {
        let file = project.appendingPathComponent(Self.path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(self).write(to: file, options: .atomic)
    }

    /// The record saved in `project`, if any.
    public static func load(from project: URL) -> ProofRecord? {
        guard let data = try? Data(contentsOf: project.appendingPathComponent(path)) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(ProofRecord.self, from: data)
    }
}
