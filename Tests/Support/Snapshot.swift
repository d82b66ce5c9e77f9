import Foundation
import Testing

/// Text compared with a file committed next to the tests, so a change to what people see is a
/// change someone reviews.
///
/// A missing snapshot is written and the test fails (so CI never passes on a snapshot it did not
/// compare); `PERSIST_RECORD_SNAPSHOTS=1` rewrites all of them after an intended change, and
/// fails too, as swift-snapshot-testing's record mode does: a recording run is never green.
public enum Snapshot {
    public static func expect(
        _ text: String, named name: String, in folder: URL, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let file = folder.appendingPathComponent("\(name).txt")
        let record = ProcessInfo.processInfo.environment["PERSIST_RECORD_SNAPSHOTS"] == "1"
        guard !record, let expected = try? String(contentsOf: file, encoding: .utf8) else {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
            Issue.record(
                record ? "recorded snapshot \(name) (PERSIST_RECORD_SNAPSHOTS=1); review it and run again without" : "no snapshot \(name) yet: recorded it; review and commit \(file.path)",
                sourceLocation: sourceLocation
            )
            return
        }
        #expect(text == expected, "snapshot \(name) differs (PERSIST_RECORD_SNAPSHOTS=1 rewrites it after an intended change)", sourceLocation: sourceLocation)
    }
}
