import BudgetTracker

/// A month against its limits in the terminal: per budgeted category a bar of what was spent
/// and a `│` where what was available ends, then "spent of available".
///
/// ```text
/// Entertainment  ████████████████████████████████████████▌    │  30.00 of 35.50
/// Food           ██████████████████████████████████████████████│█ 91.25 of 90.00
/// ```
enum BudgetChart {
    /// The chart of `lines`; categories without a budget are left out.
    static func render(_ lines: [BudgetLine], style: TerminalStyle) -> String {
        let budgeted = lines.filter { $0.available != nil }
        guard !budgeted.isEmpty else { return "(no budget to chart)\n" }
        let texts = budgeted.map { "\($0.spent) of \($0.available!)" }
        let labelWidth = min(24, budgeted.map(\.category.count).max() ?? 0)
        let valueWidth = texts.map(\.count).max() ?? 0
        let barWidth = max(10, style.width - labelWidth - valueWidth - 5)
        let largest = budgeted.map { max($0.spent.cents, $0.available!.cents) }.max() ?? 0
        return zip(budgeted, texts).map { line, text in
            var cells = Array(BarChart.blocks(for: line.spent.cents, of: largest, width: barWidth))
            cells += Array(repeating: " ", count: max(0, barWidth + 1 - cells.count))
            let mark = largest > 0 && line.available!.cents > 0
                ? min(barWidth, Int((Double(line.available!.cents) / Double(largest) * Double(barWidth)).rounded())) : 0
            let before = String(cells[..<mark]), after = String(cells[(mark + 1)...])
            return BarChart.label(line.category, width: labelWidth) + "  " + style.colored(before, hex: line.color) + "│"
                + style.colored(after, hex: line.color) + " " + String(repeating: " ", count: valueWidth - text.count) + text
        }.joined(separator: "\n") + "\n"
    }
}
