/// Horizontal bars as SVG: each with its label and exact value written beside it, so the chart
/// reads without colour and prints well. Used for the `--svg` files of the command line and,
/// inline, on the web pages.
public enum SVGBarChart {
    /// Sizes of one drawing.
    struct Layout {
        let width: Int
        let labelWidth: Int
        let valueWidth: Int
        /// Where the first bar starts (below the visible title, when there is one).
        let top: Int
        let rowHeight = 30

        /// A file of its own: wide, with its title written above the bars.
        static let file = Layout(width: 760, labelWidth: 190, valueWidth: 110, top: 56)
        /// In a page, whose heading already says what it is: narrower, so it stays readable
        /// when scaled down to a phone's width.
        static let inline = Layout(width: 520, labelWidth: 150, valueWidth: 100, top: 8)
    }

    /// The chart. `standalone` makes a file of its own (the XML declaration, the title written
    /// above the bars); inline (in HTML) it is narrower and scales to the width it is given.
    /// Either way it carries `role="img"` with `title` as its accessible name, and `valueText`
    /// writes the values beside the bars.
    public static func render(
        title: String, bars: [ChartBar], standalone: Bool = true, valueText: (Money) -> String = { $0.description }
    ) -> String {
        let layout = standalone ? Layout.file : Layout.inline
        let (width, labelWidth, rowHeight, top) = (layout.width, layout.labelWidth, layout.rowHeight, layout.top)
        let height = top + max(1, bars.count) * rowHeight + (standalone ? 20 : 8)
        let barSpace = width - labelWidth - layout.valueWidth - 20
        let largest = max(1, bars.map(\.value.cents).max() ?? 1)
        var svg = standalone ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" : ""
        svg += """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" \
            font-family="Helvetica, Arial, sans-serif" role="img" aria-labelledby="chart-title" class="chart">
            <title id="chart-title">\(SVGText.escaped(title))</title>
            <rect width="100%" height="100%" fill="#FFFFFF"/>

            """
        if standalone {
            svg += "<text x=\"20\" y=\"32\" font-size=\"18\" font-weight=\"bold\" fill=\"#222222\">\(SVGText.escaped(title))</text>\n"
        }
        for (index, bar) in bars.enumerated() {
            let y = top + index * rowHeight
            let length = bar.value.cents <= 0 ? 0 : max(2, Int(Double(bar.value.cents) / Double(largest) * Double(barSpace)))
            let label = SVGText.escaped(bar.label)
            // A long name is cut to fit beside the bars; the bar's tooltip has it whole.
            let shown = SVGText.escaped(SVGText.cut(bar.label, to: (labelWidth - 10) / 10))
            svg += """
                <text x="\(labelWidth - 10)" y="\(y + 19)" font-size="\(standalone ? 14 : 16)" text-anchor="end" fill="#333333">\(shown)</text>
                <rect class="bar" x="\(labelWidth)" y="\(y + 5)" width="\(length)" height="\(rowHeight - 10)" fill="\(SVGText.color(bar.color))" \
                data-label="\(label)" data-value="\(bar.value)"><title>\(label): \(SVGText.escaped(valueText(bar.value)))</title></rect>
                <text x="\(labelWidth + length + 8)" y="\(y + 19)" font-size="\(standalone ? 13 : 15)" fill="#333333">\(SVGText.escaped(valueText(bar.value)))</text>

                """
        }
        return svg + "</svg>\n"
    }
}
