/// A month against its limits as SVG: per budgeted category a bar of what was spent and a dark
/// line where what was available ends, with "spent of available" written beside it, so an
/// overspent category reads as a bar past its line, without colour.
public enum SVGBudgetChart {
    /// The chart of `lines` (those without a budget are left out). `standalone` makes a file of
    /// its own with `title` written above the bars; inline it scales to the page.
    public static func render(
        title: String, lines: [BudgetLine], standalone: Bool = true, valueText: (Money) -> String = { $0.description }
    ) -> String {
        let budgeted = lines.filter { $0.available != nil }
        let layout = standalone ? SVGBarChart.Layout.file : SVGBarChart.Layout.inline
        let (width, labelWidth, rowHeight, top) = (layout.width, layout.labelWidth, layout.rowHeight, layout.top)
        let valueWidth = layout.valueWidth + 60
        let height = top + max(1, budgeted.count) * rowHeight + (standalone ? 20 : 8)
        let barSpace = width - labelWidth - valueWidth - 20
        let largest = max(1, budgeted.map { max($0.spent.cents, $0.available!.cents) }.max() ?? 1)
        func length(_ cents: Int64) -> Int { cents <= 0 ? 0 : max(2, Int(Double(cents) / Double(largest) * Double(barSpace))) }
        var svg = standalone ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" : ""
        svg += """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" \
            font-family="Helvetica, Arial, sans-serif" role="img" aria-labelledby="budget-chart-title" class="chart budget-chart">
            <title id="budget-chart-title">\(SVGText.escaped(title))</title>
            <rect width="100%" height="100%" fill="#FFFFFF"/>

            """
        if standalone {
            svg += "<text x=\"20\" y=\"32\" font-size=\"18\" font-weight=\"bold\" fill=\"#222222\">\(SVGText.escaped(title))</text>\n"
        }
        for (index, line) in budgeted.enumerated() {
            let y = top + index * rowHeight
            let available = line.available!
            let bar = length(line.spent.cents), limit = labelWidth + length(available.cents)
            let label = SVGText.escaped(line.category)
            let shown = SVGText.escaped(SVGText.cut(line.category, to: (labelWidth - 10) / 10))
            let text = SVGText.escaped("\(valueText(line.spent)) of \(valueText(available))")
            svg += """
                <text x="\(labelWidth - 10)" y="\(y + 19)" font-size="\(standalone ? 14 : 16)" text-anchor="end" fill="#333333">\(shown)</text>
                <rect class="bar" x="\(labelWidth)" y="\(y + 5)" width="\(bar)" height="\(rowHeight - 10)" fill="\(SVGText.color(line.color))" \
                data-label="\(label)" data-value="\(line.spent)"><title>\(label): \(text)</title></rect>
                <line class="limit" x1="\(limit)" y1="\(y + 1)" x2="\(limit)" y2="\(y + rowHeight - 1)" stroke="#222222" stroke-width="3" data-value="\(available)"/>
                <text x="\(labelWidth + max(bar, limit - labelWidth) + 8)" y="\(y + 19)" font-size="\(standalone ? 13 : 15)" fill="#333333">\(text)</text>

                """
        }
        return svg + "</svg>\n"
    }
}
