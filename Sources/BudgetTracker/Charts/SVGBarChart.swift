/// Horizontal bars as SVG: each with its label and exact value written beside it, so the chart
/// reads without colour and prints well. Used for the `--svg` files of the command line and,
/// inline, on the web pages.
public enum SVGBarChart {
    static let width = 760
    static let rowHeight = 30
    static let labelWidth = 190
    static let valueWidth = 110
    static let top = 56

    /// The chart. `standalone` adds the XML declaration and a white background for a file of its
    /// own; inline (in HTML) it scales to the width it is given and carries `role="img"` with
    /// `title` as its accessible name.
    /// `valueText` writes the values beside the bars.
    public static func render(
        title: String, bars: [ChartBar], standalone: Bool = true, valueText: (Money) -> String = { $0.description }
    ) -> String {
        let height = top + max(1, bars.count) * rowHeight + 20
        let barSpace = width - labelWidth - valueWidth - 20
        let largest = max(1, bars.map(\.value.cents).max() ?? 1)
        var svg = standalone ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" : ""
        svg += """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" \
            font-family="Helvetica, Arial, sans-serif" role="img" aria-labelledby="chart-title" class="chart">
            <title id="chart-title">\(SVGText.escaped(title))</title>
            <rect width="100%" height="100%" fill="#FFFFFF"/>
            <text x="20" y="32" font-size="18" font-weight="bold" fill="#222222">\(SVGText.escaped(title))</text>

            """
        for (index, bar) in bars.enumerated() {
            let y = top + index * rowHeight
            let length = bar.value.cents <= 0 ? 0 : max(2, Int(Double(bar.value.cents) / Double(largest) * Double(barSpace)))
            let label = SVGText.escaped(bar.label)
            svg += """
                <text x="\(labelWidth - 10)" y="\(y + 19)" font-size="14" text-anchor="end" fill="#333333">\(label)</text>
                <rect class="bar" x="\(labelWidth)" y="\(y + 5)" width="\(length)" height="\(rowHeight - 10)" fill="\(SVGText.color(bar.color))" \
                data-label="\(label)" data-value="\(bar.value)"><title>\(label): \(SVGText.escaped(valueText(bar.value)))</title></rect>
                <text x="\(labelWidth + length + 8)" y="\(y + 19)" font-size="13" fill="#333333">\(SVGText.escaped(valueText(bar.value)))</text>

                """
        }
        return svg + "</svg>\n"
    }
}
