import Foundation
import Testing

/// The articles show code that exists: every Swift block of Getting Started is taken, line for
/// line, from `Examples/Notes`, which the tests build and run on every backend.
@Suite("the DocC articles match the code")
struct DocumentationTests {
    private static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("every Swift block of GettingStarted.md is in Examples/Notes")
    func gettingStartedBlocksAreTheExample() throws {
        let article = try String(contentsOf: Self.root.appendingPathComponent("Sources/PersistKit/PersistKit.docc/GettingStarted.md"), encoding: .utf8)
        let folder = Self.root.appendingPathComponent("Examples/Notes")
        let example = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            .filter { $0.hasSuffix(".swift") }
            .map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
            .joined(separator: "\n")
        let blocks = article.components(separatedBy: "```swift\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
        #expect(blocks.count == 4)
        for block in blocks {
            // Indentation may differ (the article shows a block out of its nesting); lines may not.
            let lines = block.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            let exampleLines = example.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            let found = exampleLines.indices.contains { start in
                start + lines.count <= exampleLines.count && Array(exampleLines[start..<start + lines.count]) == lines
            }
            #expect(found, "not in Examples/Notes:\n\(block)")
        }
    }
}
