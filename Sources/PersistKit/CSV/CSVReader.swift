import Foundation

/// A strict, streaming RFC 4180 reader: quoted fields with commas, doubled quotes and line breaks,
/// UTF-8 with or without a byte-order mark, LF or CRLF line ends.
///
/// It reads the file in 64 KiB chunks, so memory stays flat however long the file is, and it
/// refuses what it cannot read unambiguously (an unterminated quote, a stray quote, invalid
/// UTF-8, an oversized field or record) instead of guessing.
///
/// ```swift
/// let reader = try CSVReader(contentsOf: url)
/// while let record = try reader.next() { print(record) }
/// ```
public final class CSVReader {
    /// Limits that keep a hostile file from exhausting memory.
    public struct Limits: Sendable {
        /// The longest field, in bytes.
        public var fieldBytes: Int = 1 << 20
        /// The most fields in one record.
        public var fields: Int = 1_000

        /// Limits; the defaults allow 1 MiB per field and 1,000 fields per record.
        public init(fieldBytes: Int = 1 << 20, fields: Int = 1_000) {
            self.fieldBytes = fieldBytes
            self.fields = fields
        }
    }

    private let source: ByteSource
    private let limits: Limits
    private var buffer: [UInt8] = []
    private var position = 0
    /// Bytes of the chunks before the one in `buffer`.
    private var chunkOffset = 0

    /// The size of the input in bytes, when known (files and data; for progress bars).
    public let totalBytes: Int?
    /// How many bytes of the input the records returned so far took up.
    public var bytesRead: Int { chunkOffset + position }
    private var atStart = true
    private var finished = false

    /// The number of the record last returned by ``next()``, counting from 1 (the header, if any).
    public private(set) var recordNumber = 0
    /// The row a spreadsheet shows the current record on (from 1, the header's row): records and
    /// blank lines each take one row, line breaks inside quoted fields do not. Every message about
    /// a CSV file uses this numbering.
    public private(set) var rowNumber = 0
    /// The line on which the record last returned by ``next()`` started, counting from 1.
    public private(set) var lineNumber = 0
    private var currentLine = 1

    /// Reads the file at `url`.
    ///
    /// - Throws: ``CSVError`` when the file cannot be opened.
    public convenience init(contentsOf url: URL, limits: Limits = Limits()) throws(CSVError) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            throw CSVError(row: 0, reason: "cannot open \(url.path): no such file")
        }
        guard !isFolder.boolValue else {
            throw CSVError(row: 0, reason: "cannot open \(url.path): it is a folder, not a CSV file")
        }
        guard let handle = try? FileHandle(forReadingFrom: url) else {
            throw CSVError(row: 0, reason: "cannot open \(url.path): permission denied")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
        self.init(source: .file(handle), limits: limits, totalBytes: size)
    }

    /// Reads CSV text already in memory.
    public convenience init(data: Data, limits: Limits = Limits()) {
        self.init(source: .memory(data), limits: limits, totalBytes: data.count)
    }

    private init(source: ByteSource, limits: Limits, totalBytes: Int?) {
        self.source = source
        self.limits = limits
        self.totalBytes = totalBytes
    }

    /// The next record's fields, or `nil` at the end of the input.
    ///
    /// A blank line yields no record. Fields are returned as written, without trimming.
    ///
    /// - Throws: ``CSVError`` naming the line and the problem.
    public func next() throws(CSVError) -> [String]? {
        while true {
            guard try fill() else { return nil }
            if atStart {
                atStart = false
                skipByteOrderMark()
                // The mark may have been all there was.
                continue
            }
            // Blank lines between records are skipped (a spreadsheet still shows them as rows).
            if buffer[position] == .lf { position += 1; currentLine += 1; rowNumber += 1; continue }
            if buffer[position] == .cr {
                position += 1
                if try fill(), buffer[position] == .lf { position += 1 }
                currentLine += 1
                rowNumber += 1
                continue
            }
            lineNumber = currentLine
            recordNumber += 1
            rowNumber += 1
            return try readRecord()
        }
    }

    private func readRecord() throws(CSVError) -> [String] {
        var fields: [String] = []
        var field: [UInt8] = []
        while true {
            let (ended, recordEnded) = try readField(into: &field)
            fields.append(try decode(field))
            if fields.count > limits.fields {
                throw CSVError(row: rowNumber, reason: "more than \(limits.fields) fields in one record")
            }
            field.removeAll(keepingCapacity: true)
            if recordEnded || !ended { return fields }
        }
    }

    /// Reads one field into `field`. Returns whether the field was terminated (rather than the
    /// input ending) and whether its terminator also ended the record.
    private func readField(into field: inout [UInt8]) throws(CSVError) -> (terminated: Bool, recordEnded: Bool) {
        guard try fill() else { return (false, true) }
        if buffer[position] == .quote {
            position += 1
            return try readQuotedField(into: &field)
        }
        while try fill() {
            let chunkStart = position
            var index = position
            let end = buffer.count
            while index < end {
                let byte = buffer[index]
                if byte == .comma || byte == .lf || byte == .cr || byte == .quote { break }
                index += 1
            }
            try append(buffer[chunkStart..<index], to: &field)
            position = index
            guard index < end else { continue }
            switch buffer[index] {
            case .comma:
                position += 1
                return (true, false)
            case .quote:
                throw CSVError(row: rowNumber, reason: "a quote inside an unquoted field; quote the whole field and double the quote")
            default:
                try consumeLineEnd()
                return (true, true)
            }
        }
        return (false, true)
    }

    private func readQuotedField(into field: inout [UInt8]) throws(CSVError) -> (terminated: Bool, recordEnded: Bool) {
        while true {
            guard try fill() else {
                throw CSVError(row: rowNumber, reason: "a quoted field is never closed (unterminated quote)")
            }
            let chunkStart = position
            var index = position
            let end = buffer.count
            while index < end, buffer[index] != .quote {
                if buffer[index] == .lf { currentLine += 1 }
                index += 1
            }
            try append(buffer[chunkStart..<index], to: &field)
            position = index
            guard index < end else { continue }
            // A quote: either the closing one or the first of a doubled pair.
            position += 1
            guard try fill() else { return (false, true) }
            switch buffer[position] {
            case .quote:
                try append([.quote][...], to: &field)
                position += 1
            case .comma:
                position += 1
                return (true, false)
            case .lf, .cr:
                try consumeLineEnd()
                return (true, true)
            default:
                throw CSVError(row: rowNumber, reason: "unexpected text after a closing quote")
            }
        }
    }

    private func consumeLineEnd() throws(CSVError) {
        if buffer[position] == .cr {
            position += 1
            if try fill(), buffer[position] == .lf { position += 1 }
        } else {
            position += 1
        }
        currentLine += 1
    }

    private func append(_ bytes: ArraySlice<UInt8>, to field: inout [UInt8]) throws(CSVError) {
        guard field.count + bytes.count <= limits.fieldBytes else {
            throw CSVError(row: rowNumber, reason: "a field is longer than \(limits.fieldBytes) bytes")
        }
        field.append(contentsOf: bytes)
    }

    private func decode(_ bytes: [UInt8]) throws(CSVError) -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CSVError(row: rowNumber, reason: "the text is not valid UTF-8 (save the file as UTF-8)")
        }
        return text
    }

    private func skipByteOrderMark() {
        if buffer.count - position >= 3, buffer[position] == 0xEF, buffer[position + 1] == 0xBB, buffer[position + 2] == 0xBF {
            position += 3
        }
    }

    /// Makes sure at least one unread byte is buffered; `false` at the end of the input.
    private func fill() throws(CSVError) -> Bool {
        if position < buffer.count { return true }
        if finished { return false }
        let chunk: Data?
        switch source {
        case .memory(let data):
            chunk = data
            finished = true
        case .file(let handle):
            do {
                chunk = try handle.read(upToCount: 1 << 16)
            } catch {
                throw CSVError(row: rowNumber, reason: "the file could not be read")
            }
        }
        guard let chunk, !chunk.isEmpty else {
            finished = true
            return false
        }
        // A regular file yields full chunks until its end, so a byte-order mark is never split.
        chunkOffset += buffer.count
        buffer = Array(chunk)
        position = 0
        return true
    }
}

/// Where a ``CSVReader`` gets its bytes.
private enum ByteSource {
    case file(FileHandle)
    case memory(Data)
}

/// Why a CSV file could not be read; `row` is where the problem is, as a spreadsheet numbers it.
public struct CSVError: Error, Equatable, CustomStringConvertible {
    /// The row of the problem, from 1 (0: the file could not be opened); see ``CSVReader/rowNumber``.
    public let row: Int
    /// What is wrong, in words.
    public let reason: String

    /// A problem at `row`.
    public init(row: Int, reason: String) {
        self.row = row
        self.reason = reason
    }

    public var description: String { row > 0 ? "CSV row \(row): \(reason)" : reason }
}

extension UInt8 {
    static let comma = UInt8(ascii: ",")
    static let quote = UInt8(ascii: "\"")
    static let lf = UInt8(ascii: "\n")
    static let cr = UInt8(ascii: "\r")
}
