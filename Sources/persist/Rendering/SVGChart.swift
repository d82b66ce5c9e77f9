import PersistKit
import BudgetTracker
import Foundation

/// The terminal's bar charts as a standalone SVG file that any browser renders.
enum SVGChart {
    static let width = 760
    static let rowHeight = 30
    static let labelWidth = 190
    static let valueWidth = 110
    static let top = 56

    /// Horizontal bars with a title, labels and values; bars without a colour use a neutral blue.
    static func render(title: String, bars: [BarChart.Bar]) -> String {
        let height = top + max(1, bars.count) * rowHeight + 20
        let barSpace = width - labelWidth - valueWidth - 20
        let largest = max(1, bars.map(\.value.cents).max() ?? 1)
        var svg = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" font-family="Helvetica, Arial, sans-serif">
            <rect width="100%" height="100%" fill="#FFFFFF"/>
            <text x="20" y="32" font-size="18" font-weight="bold" fill="#222222">\(escaped(title))</text>

            """
        for (index, bar) in bars.enumerated() {
            let y = top + index * rowHeight
            let length = bar.value.cents <= 0 ? 0 : max(2, Int(Double(bar.value.cents) / Double(largest) * Double(barSpace)))
            let color = bar.color.flatMap { TerminalStyle.rgb($0) != nil ? $0 : nil } ?? "#4C78A8"
            svg += """
                <text x="\(labelWidth - 10)" y="\(y + 19)" font-size="14" text-anchor="end" fill="#333333">\(escaped(bar.label))</text>
                <rect class="bar" x="\(labelWidth)" y="\(y + 5)" width="\(length)" height="\(rowHeight - 10)" fill="\(color)"><title>\(escaped(bar.label)): \(bar.value)</title></rect>
                <text x="\(labelWidth + length + 8)" y="\(y + 19)" font-size="13" fill="#333333">\(bar.value)</text>

                """
        }
        return svg + "</svg>\n"
    }

    /// Writes the chart to `path`.
    static func write(title: String, bars: [BarChart.Bar], to file: OutputFile) throws {
        try file.write(render(title: title, bars: bars))
        try file.commit()
    }

    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
