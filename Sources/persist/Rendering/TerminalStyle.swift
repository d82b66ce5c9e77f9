import Foundation

/// What standard output can show: colours and width.
///
/// Colour only on a terminal whose `TERM` is not `dumb`, never when `NO_COLOR` is set
/// (https://no-color.org); `CLICOLOR_FORCE=1` forces it on (for tests and pagers that understand
/// it), but `NO_COLOR` still wins.
struct TerminalStyle: Sendable {
    /// Whether ANSI colours may be written.
    let colors: Bool
    /// Whether the terminal takes 24-bit colours (`COLORTERM=truecolor`); otherwise the nearest of
    /// the 256 standard ones is used.
    var trueColor = false
    /// Columns available; 80 when unknown.
    let width: Int
    /// The width tables must fit on a terminal (its own, or `COLUMNS`); `nil` when output goes to
    /// a pipe or file, which get every character whatever `COLUMNS` says.
    let fitWidth: Int?

    static var current: TerminalStyle {
        let environment = ProcessInfo.processInfo.environment
        let terminal = isatty(STDOUT_FILENO) == 1
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        let forced = (environment["CLICOLOR_FORCE"] ?? "0") != "0"
        let colors = !noColor && (forced || (terminal && environment["TERM"] != "dumb"))
        let width = Self.columns(environment: environment, terminal: terminal)
        let trueColor = ["truecolor", "24bit"].contains(environment["COLORTERM"]?.lowercased() ?? "")
        return TerminalStyle(colors: colors, trueColor: trueColor, width: width, fitWidth: terminal ? width : nil)
    }

    /// Text in a `#RRGGBB` colour (24-bit ANSI), or plain.
    func colored(_ text: String, hex: String?) -> String {
        guard colors, let hex, let (red, green, blue) = Self.rgb(hex) else { return text }
        guard trueColor else {
            // The 6×6×6 colour cube of the 256-colour palette.
            let cube = { (value: Int) in Int((Double(value) / 255 * 5).rounded()) }
            return "\u{1B}[38;5;\(16 + 36 * cube(red) + 6 * cube(green) + cube(blue))m\(text)\u{1B}[0m"
        }
        return "\u{1B}[38;2;\(red);\(green);\(blue)m\(text)\u{1B}[0m"
    }

    /// Dimmed text, or plain.
    func dim(_ text: String) -> String {
        colors ? "\u{1B}[2m\(text)\u{1B}[0m" : text
    }

    /// `COLUMNS` when set, else the terminal's width, else 80; never below 40.
    private static func columns(environment: [String: String], terminal: Bool) -> Int {
        if let text = environment["COLUMNS"], let columns = Int(text), columns > 0 { return max(40, columns) }
        var size = winsize()
        if terminal, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return max(40, Int(size.ws_col)) }
        return 80
    }

    static func rgb(_ hex: String) -> (Int, Int, Int)? {
        guard hex.count == 7, hex.first == "#", let value = Int(hex.dropFirst(), radix: 16) else { return nil }
        return ((value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF)
    }
}
