import Foundation
import PersistKit

/// What a release gate run found, for a reviewer: written as `evidence.json` and `evidence.md`.
public struct Evidence: Sendable, Codable, Equatable {
    /// One gate's outcome.
    public struct GateResult: Sendable, Codable, Equatable {
        /// The gate's name.
        public let name: String
        /// Whether it passed.
        public let passed: Bool
        /// How long it took.
        public let milliseconds: Double
        /// The gate's figures: row counts, statement counts, deltas.
        public let figures: [String: String]
        /// Why it failed.
        public let reason: String?
    }

    /// The verdict on the whole run.
    public enum Decision: Sendable, Codable, Equatable, CustomStringConvertible {
        /// Every gate passed, including an independent verification of a report.
        case readyForRelease
        /// Every gate passed, but no report was independently verified.
        case readyForDemo
        /// A gate failed.
        case blocked(gate: String, reason: String)

        init(results: [GateResult], expected: Int, independentCheck: Bool) {
            if let failed = results.first(where: { !$0.passed }) {
                self = .blocked(gate: failed.name, reason: failed.reason ?? "failed")
            } else if results.count < expected {
                self = .blocked(gate: "gate", reason: "not every gate ran")
            } else {
                self = independentCheck ? .readyForRelease : .readyForDemo
            }
        }

        /// `ready for release`, `ready for demo` or `BLOCKED at <gate>: <reason>`.
        public var description: String {
            switch self {
            case .readyForRelease: "ready for release"
            case .readyForDemo: "ready for demo"
            case .blocked(let gate, let reason): "BLOCKED at \(gate): \(reason)"
            }
        }

        /// Whether the release (or demo) may go ahead.
        public var permitsRelease: Bool {
            if case .blocked = self { return false }
            return true
        }

        public init(from decoder: any Decoder) throws {
            let text = try decoder.singleValueContainer().decode(String.self)
            switch text {
            case "ready for release": self = .readyForRelease
            case "ready for demo": self = .readyForDemo
            default:
                let body = text.dropFirst("BLOCKED at ".count)
                let parts = body.split(separator: ":", maxSplits: 1)
                self = .blocked(gate: String(parts.first ?? ""), reason: parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : "")
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(description)
        }
    }

    /// When the gate ran.
    public let timestamp: Date
    /// persist's version.
    public let version: String
    /// `sqlite` or `postgresql`.
    public let backend: String
    /// The database URL, redacted.
    public let database: String
    /// Each gate in order.
    public let gates: [GateResult]
    /// Ready for demo, or blocked and why.
    public let decision: Decision

    /// Writes `evidence.json` and `evidence.md` into `folder`, creating it if needed, as
    /// ``OutputFile``s: never over the database, each file whole or not at all. An earlier run's
    /// evidence is replaced; any other existing file only when `force`.
    ///
    /// - Returns: the two files' URLs.
    @discardableResult
    public func write(to folder: URL, force: Bool = false, protecting database: DatabaseURL? = nil) throws -> [URL] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let json = folder.appendingPathComponent("evidence.json")
        let markdown = folder.appendingPathComponent("evidence.md")
        let contents = [(json, try encoder.encode(self)), (markdown, Data(self.markdown.utf8))]
        // Both files are checked before either is written.
        let files = try contents.map { url, _ in
            try OutputFile(path: url.path, force: force || Self.isEarlierEvidence(url), protecting: database)
        }
        for (file, (_, data)) in zip(files, contents) {
            try file.write(data)
        }
        for file in files { try file.commit() }
        return [json, markdown]
    }

    /// Whether `url` holds evidence an earlier gate run wrote (so replacing it needs no `--force`).
    static func isEarlierEvidence(_ url: URL) -> Bool {
        guard let data = try? Data(contentsOf: url) else { return false }
        if url.pathExtension == "md" { return data.starts(with: Data("# Release evidence\n".utf8)) }
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        return object?["decision"] != nil && object?["gates"] != nil
    }

    /// The evidence as a Markdown page for a reviewer.
    public var markdown: String {
        var lines = [
            "# Release evidence", "",
            "- **Decision:** \(decision)",
            "- **When:** \(ISO8601DateFormatter().string(from: timestamp))",
            "- **persist:** \(version)",
            "- **Backend:** \(backend)",
            "- **Database:** `\(database)`", "",
            "| gate | result | ms | figures |", "| --- | --- | ---: | --- |",
        ]
        for gate in gates {
            let figures = gate.figures.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; ")
            let result = gate.passed ? "pass" : "FAIL: \(gate.reason ?? "")"
            lines.append("| \(gate.name) | \(result.replacingOccurrences(of: "|", with: "\\|")) | \(gate.milliseconds) | \(figures.replacingOccurrences(of: "|", with: "\\|")) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
