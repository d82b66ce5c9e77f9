import BudgetTracker
import PersistKit

/// A user, category or expense that does not exist, told with what to do next: the nearest
/// existing names ("did you mean 'Food'?") and the commands that list or add one, quoted so they
/// can be pasted into a shell whatever the name holds.
struct Missing: PersistFailure {
    /// `user`, `category` or `expense`.
    let kind: String
    /// The name, email or id that was not found.
    let key: String
    /// Existing names close to `key`, nearest first.
    let nearest: [String]

    var description: String {
        let question = nearest.isEmpty ? "" : "did you mean \(nearest.map { "'\($0)'" }.joined(separator: " or "))? "
        let commands: String
        switch kind {
        case "category": commands = "`persist category list` shows them; `persist category add -- \(Self.quoted(key))` adds it"
        case "user": commands = "`persist user list` shows them; `persist user add --email=\(Self.quoted(key)) --name NAME` adds one"
        case "expense": commands = "`persist expense list` shows their ids"
        default: return "no \(kind) '\(key)'"
        }
        return "no \(kind) '\(key)' (\(question)\(commands))"
    }

    /// Quoted for a POSIX shell.
    static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Up to three of `names` within a few edits of `key` (ignoring case), nearest first.
    static func nearest(to key: String, among names: [String]) -> [String] {
        let target = Array(key.lowercased())
        let limit = max(2, target.count / 3)
        // Bounded work: a long mistyped key or a huge list gets no suggestion rather than a wait.
        guard target.count <= 100, names.count <= 5_000 else { return [] }
        return names
            .filter { abs($0.count - target.count) <= limit }
            .map { (name: $0, distance: editDistance(target, Array($0.lowercased()))) }
            .filter { $0.distance <= limit && $0.name != key }
            .sorted { ($0.distance, $0.name) < ($1.distance, $1.name) }
            .prefix(3).map(\.name)
    }

    /// Levenshtein distance between two character arrays.
    private static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
