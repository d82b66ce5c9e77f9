import BudgetTracker

/// Horizontal bars in the terminal, drawn with Unicode block characters to an eighth of a cell.
///
/// ```text
/// Food            ████████████████████████▍        71.25
/// Transportation  ███████████████▏                 45.00
/// ```
enum BarChart {
    /// One bar (its colour is used when the terminal shows colours).
    typealias Bar = ChartBar

    /// The bars, scaled so the largest fills the space the terminal leaves.
    static func render(_ bars: [Bar], style: TerminalStyle) -> String {
        guard !bars.isEmpty else { return "(nothing to chart)\n" }
        let labelWidth = min(24, bars.map(\.label.count).max() ?? 0)
        let valueWidth = bars.map(\.value.description.count).max() ?? 0
        let barWidth = max(10, style.width - labelWidth - valueWidth - 4)
        let largest = bars.map(\.value.cents).max() ?? 0
        return bars.map { bar in
            let blocks = blocks(for: bar.value.cents, of: largest, width: barWidth)
            let padding = String(repeating: " ", count: barWidth - blocks.count)
            return label(bar.label, width: labelWidth) + "  " + style.colored(blocks, hex: bar.color) + padding + "  "
                + amount(bar.value, width: valueWidth)
        }.joined(separator: "\n") + "\n"
    }

    /// `text` cut to `width` with "…" or padded to it.
    static func label(_ text: String, width: Int) -> String {
        let cut = text.count > width ? String(text.prefix(width - 1)) + "…" : text
        return cut.padding(toLength: width, withPad: " ", startingAt: 0)
    }

    /// `value` right-aligned in `width` columns.
    static func amount(_ value: Money, width: Int) -> String {
        String(repeating: " ", count: max(0, width - value.description.count)) + value.description
    }

    /// `value / largest` of `width` cells, in full blocks and one partial block (eighths).
    static func blocks(for value: Int64, of largest: Int64, width: Int) -> String {
        guard largest > 0, value > 0 else { return "" }
        let eighths = Int((Double(value) / Double(largest) * Double(width * 8)).rounded())
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"][eighths % 8]
        // Anything spent shows at least a sliver.
        return String(repeating: "█", count: eighths / 8) + (eighths == 0 ? "▏" : partial)
    }
}

/// A row of eight-level bars in one line of text: ▁▂▃▄▅▆▇█.
enum Sparkline {
    /// One line per category: its name, its sparkline in its colour, and its total.
    static func rows(_ series: [SpendingTrend.Series], style: TerminalStyle) -> String {
        let nameWidth = min(24, series.map(\.category.count).max() ?? 0)
        let totalWidth = series.map(\.total.description.count).max() ?? 0
        return series.map { line in
            BarChart.label(line.category, width: nameWidth) + "  " + style.colored(render(line.totals), hex: line.color) + "  "
                + BarChart.amount(line.total, width: totalWidth) + "\n"
        }.joined()
    }

    /// One character per value, so every month of the window shows; "·" for no spending (or
    /// refunds only), so a line never seems to start late.
    static func render(_ values: [Money]) -> String {
        let levels = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        let largest = values.map(\.cents).max() ?? 0
        return values.map { value in
            guard value.cents > 0, largest > 0 else { return "·" }
            return levels[min(7, Int(Double(value.cents) / Double(largest) * 7.999))]
        }.joined()
    }
}
