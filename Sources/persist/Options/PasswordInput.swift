import Foundation
import PersistKit

/// A password typed at a terminal without echo, or the first line of standard input.
enum PasswordInput {
    /// Reads the password; at a terminal, with `prompt` on stderr and echo off.
    static func read(prompt: String) throws -> String {
        if isatty(STDIN_FILENO) == 1, let typed = getpass(prompt) {
            return String(cString: typed)
        }
        guard let line = readLine(strippingNewline: true) else {
            throw CommandFailure("no password on standard input (give it as the first line)")
        }
        return line.hasSuffix("\r") ? String(line.dropLast()) : line
    }
}
