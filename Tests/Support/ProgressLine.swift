import Foundation

/// Writes one line about a long test's progress to standard error at once (standard output into
/// a pipe is buffered, so a long run would otherwise print nothing for minutes).
public func progressLine(_ text: String) {
    FileHandle.standardError.write(Data("\(text)\n".utf8))
}
