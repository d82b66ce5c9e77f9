/// A spending trend as SVG: a grey bar per month for the month's total, and a line per category
/// in its colour, with the months labelled below and a legend naming each line and its total.
public enum SVGTrendChart {
    static let width = 480
    static let plotHeight = 220
    static let top = 16
    static let legendRow = 24

    /// The chart over `trend`'s months, for a page whose heading says what it shows: `title` is
    /// its accessible name. Narrow, so it stays readable scaled down to a phone's width.
    public static func render(_ trend: SpendingTrend, title: String) -> String {
        let months = max(1, trend.months.count)
        let largest = max(1, trend.totals.map(\.cents).max() ?? 1)
        // Room on the left for the largest total, written out.
        let left = 16 + 9 * Money(cents: largest).description.count
        let plotWidth = width - left - 8
        let legendTop = top + plotHeight + 50
        let height = legendTop + max(1, trend.categories.count) * legendRow + 10
        let step = Double(plotWidth) / Double(months)
        func y(_ value: Money) -> Int { top + plotHeight - Int(Double(max(0, value.cents)) / Double(largest) * Double(plotHeight)) }
        func x(_ index: Int) -> Int { left + Int(step * (Double(index) + 0.5)) }
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" \
            font-family="Helvetica, Arial, sans-serif" role="img" aria-labelledby="trend-title" class="chart">
            <title id="trend-title">\(SVGText.escaped(title))</title>
            <rect width="100%" height="100%" fill="#FFFFFF"/>
            <line x1="\(left)" y1="\(top + plotHeight)" x2="\(width - 8)" y2="\(top + plotHeight)" stroke="#555555"/>
            <text x="\(left - 8)" y="\(top + 5)" font-size="15" text-anchor="end" fill="#333333">\(Money(cents: largest))</text>
            <text x="\(left - 8)" y="\(top + plotHeight)" font-size="15" text-anchor="end" fill="#333333">0.00</text>

            """
        let barWidth = max(4, Int(step * 0.6))
        for (index, (month, total)) in zip(trend.months, trend.totals).enumerated() {
            let top = y(total)
            svg += """
                <rect class="month" x="\(x(index) - barWidth / 2)" y="\(top)" width="\(barWidth)" height="\(self.top + plotHeight - top)" \
                fill="#D5D9DE" data-month="\(SVGText.escaped(month))" data-value="\(total)"><title>\(SVGText.escaped(month)): \(total)</title></rect>
                <text x="\(x(index))" y="\(self.top + plotHeight + 18)" font-size="14" text-anchor="middle" fill="#333333">\(SVGText.escaped(shortName(of: month)))</text>

                """
        }
        for (row, series) in trend.categories.enumerated() {
            let color = SVGText.color(series.color)
            let points = series.totals.enumerated().map { "\(x($0.offset)),\(y($0.element))" }.joined(separator: " ")
            let name = SVGText.escaped(series.category)
            svg += """
                <polyline class="series" points="\(points)" fill="none" stroke="\(color)" stroke-width="2.5" data-label="\(name)"><title>\(name)</title></polyline>
                <rect x="20" y="\(legendTop + row * legendRow - 11)" width="16" height="16" fill="\(color)"/>
                <text x="42" y="\(legendTop + row * legendRow + 1)" font-size="17" fill="#333333">\(name): \(series.total)</text>

                """
        }
        return svg + "</svg>\n"
    }

    /// `Jan` for `2024-01`: the axis has room for three letters a month.
    static func shortName(of month: String) -> String {
        let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        guard let number = Int(month.suffix(2)), (1...12).contains(number) else { return month }
        return names[number - 1]
    }
}
