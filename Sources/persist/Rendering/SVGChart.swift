import PersistKit
import BudgetTracker
import Foundation

/// The terminal's bar charts as a standalone SVG file that any browser renders (drawn by
/// ``SVGBarChart``, which the web pages use too).
enum SVGChart {
    /// The chart as a file of its own.
    static func render(title: String, bars: [BarChart.Bar]) -> String {
        SVGBarChart.render(title: title, bars: bars, standalone: true)
    }

    /// Writes the chart to `path`.
    static func write(title: String, bars: [BarChart.Bar], to file: OutputFile) throws {
        try file.write(render(title: title, bars: bars))
        try file.commit()
    }
}
