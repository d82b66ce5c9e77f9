/// One bar of a chart: a label, an exact amount and, when it has one, its category's colour.
public struct ChartBar: Sendable, Equatable {
    /// What the bar stands for (a category, a month).
    public let label: String
    /// Its exact value.
    public let value: Money
    /// `#RRGGBB`; `nil` for the neutral colour.
    public let color: String?

    /// A bar.
    public init(label: String, value: Money, color: String?) {
        self.label = label
        self.value = value
        self.color = color
    }
}

/// What the SVG charts share: escaping text for XML and checking colours before they are written.
enum SVGText {
    /// The neutral colour of bars without one of their own.
    static let neutral = "#4C78A8"

    /// `text` safe inside an element or a double-quoted attribute.
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// `text` cut to `count` characters with "…".
    static func cut(_ text: String, to count: Int) -> String {
        text.count > count ? String(text.prefix(count - 1)) + "…" : text
    }

    /// `color` when it is `#RRGGBB`, else the neutral colour (never a text that could end the attribute).
    static func color(_ color: String?) -> String {
        guard let color, color.utf8.count == 7, color.first == "#", color.dropFirst().allSatisfy(\.isHexDigit) else { return neutral }
        return color
    }
}
