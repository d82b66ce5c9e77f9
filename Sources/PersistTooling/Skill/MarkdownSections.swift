import PersistKit

/// The `## ` sections of a Markdown document and its fenced code blocks, as much of Markdown as the
/// skill check needs.
public struct MarkdownSections {
    private var bodies: [String: String] = [:]

    /// Splits `text` into its `## ` sections.
    public init(_ text: String) {
        var current: String?
        var lines: [Substring] = []
        var inFence = false
        func flush() {
            if let current { bodies[current] = lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines) }
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") { inFence.toggle() }
            if !inFence, line.hasPrefix("## ") {
                flush()
                current = line.dropFirst(3).trimmingCharacters(in: .whitespaces)
                lines = []
            } else if !inFence, line.hasPrefix("# ") {
                flush()
                current = nil
            } else {
                lines.append(line)
            }
        }
        flush()
    }

    /// The trimmed text under `## name`, or `nil` when there is no such section.
    /// The text under `## name`, trimmed; `nil` when there is no such section.
    public func body(of name: String) -> String? { bodies[name] }

    /// The contents of every fenced block opened with ```` ```language ````.
    static func fencedBlocks(_ text: String, language: String) -> [String] {
        var blocks: [String] = []
        var current: [Substring]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let lines = current {
                if line.trimmingCharacters(in: .whitespaces) == "```" {
                    blocks.append(lines.joined(separator: "\n"))
                    current = nil
                } else {
                    current = lines + [line]
                }
            } else if line.trimmingCharacters(in: .whitespaces) == "```\(language)" {
                current = []
            }
        }
        // A block that is never closed is not complete.
        if let lines = current { blocks.append(lines.joined(separator: "\n") + "\u{0}") }
        return blocks
    }
}

/// Whether Swift source has balanced brackets and closed strings and comments: a cheap check that
/// a code block in a reference was not cut off.
enum SwiftBalance {
    static func isBalanced(_ source: String) -> Bool {
        if source.contains("\u{0}") { return false }
        var stack: [Character] = []
        let pairs: [Character: Character] = [")": "(", "]": "[", "}": "{"]
        var characters = Array(source)
        characters.append("\n")
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let next = index + 1 < characters.count ? characters[index + 1] : " "
            if character == "/" && next == "/" {
                while index < characters.count && characters[index] != "\n" { index += 1 }
            } else if character == "/" && next == "*" {
                guard let end = (index + 2..<characters.count).first(where: { characters[$0] == "*" && $0 + 1 < characters.count && characters[$0 + 1] == "/" }) else { return false }
                index = end + 1
            } else if character == "\"" && next == "\"" && index + 2 < characters.count && characters[index + 2] == "\"" {
                // A multi-line string runs to the next triple quote.
                guard let end = (index + 3..<characters.count).first(where: { $0 + 2 < characters.count && characters[$0] == "\"" && characters[$0 + 1] == "\"" && characters[$0 + 2] == "\"" }) else { return false }
                index = end + 2
            } else if character == "\"" {
                index += 1
                while index < characters.count && characters[index] != "\"" {
                    if characters[index] == "\\" { index += 1 }
                    if index < characters.count && characters[index] == "\n" { return false }
                    index += 1
                }
                if index >= characters.count { return false }
            } else if "([{".contains(character) {
                stack.append(character)
            } else if let open = pairs[character] {
                guard stack.popLast() == open else { return false }
            }
            index += 1
        }
        return stack.isEmpty
    }
}
