import Foundation
import PersistKit
import PersistTestSupport
import Testing

@Suite("The RFC 4180 reader")
struct CSVReaderTests {
    private func records(_ text: String, limits: CSVReader.Limits = .init()) throws -> [[String]] {
        try records(Data(text.utf8), limits: limits)
    }

    private func records(_ data: Data, limits: CSVReader.Limits = .init()) throws -> [[String]] {
        let reader = CSVReader(data: data, limits: limits)
        var all: [[String]] = []
        while let record = try reader.next() { all.append(record) }
        return all
    }

    @Test("what RFC 4180 allows", arguments: [
        ("a,b,c\n1,2,3\n", [["a", "b", "c"], ["1", "2", "3"]]),
        ("a,b\r\n1,2\r\n", [["a", "b"], ["1", "2"]]),
        ("a,b\n1,2", [["a", "b"], ["1", "2"]]),
        ("\"x, y\",\"say \"\"hi\"\"\"\n", [["x, y", "say \"hi\""]]),
        ("\"line\nbreak\",z\n", [["line\nbreak", "z"]]),
        ("\"crlf\r\ninside\",z\r\n", [["crlf\r\ninside", "z"]]),
        (",,\n", [["", "", ""]]),
        ("a,\n", [["a", ""]]),
        ("\"\"\n", [[""]]),
        ("a\n\n\nb\n", [["a"], ["b"]]),
        ("café,日本,😀\n", [["café", "日本", "😀"]]),
        ("", []),
    ])
    func accepted(text: String, expected: [[String]]) throws {
        #expect(try records(text) == expected)
    }

    @Test func byteOrderMarkIsSkipped() throws {
        #expect(try records(Data([0xEF, 0xBB, 0xBF]) + Data("date,user\n1,2\n".utf8)) == [["date", "user"], ["1", "2"]])
    }

    @Test("what it refuses, with the row a spreadsheet shows", arguments: [
        ("a,b\n\"open,c\n", 2, "unterminated"),
        ("a,b\nx\"y,c\n", 2, "quote inside an unquoted field"),
        ("a,b\n\"x\"y,c\n", 2, "after a closing quote"),
        ("a,b\n1,2\n\n\"x\"y,c\n", 4, "after a closing quote"),
        ("a,b\n\"two\nlines\",2\nx\"y,c\n", 3, "quote inside an unquoted field"),
    ])
    func refused(text: String, line: Int, reason: String) {
        #expect {
            _ = try records(text)
        } throws: { error in
            guard let error = error as? CSVError else { return false }
            return error.row == line && error.reason.contains(reason)
        }
    }

    @Test func invalidUTF8IsRefused() {
        #expect(throws: CSVError.self) { _ = try records(Data("a,b\n".utf8) + Data([0xFF, 0xFE, 0x2C, 0x41, 0x0A])) }
    }

    @Test func limitsHoldAgainstHostileFiles() {
        #expect(throws: CSVError.self) { _ = try records(String(repeating: "x", count: 2_000), limits: .init(fieldBytes: 1_000)) }
        #expect(throws: CSVError.self) { _ = try records(String(repeating: ",", count: 2_000), limits: .init(fields: 1_000)) }
    }

    @Test func recordAndLineNumbers() throws {
        let reader = CSVReader(data: Data("h\n\"two\nlines\"\nthird\n".utf8))
        _ = try reader.next()
        _ = try reader.next()
        #expect(reader.recordNumber == 2)
        #expect(reader.lineNumber == 2)
        _ = try reader.next()
        #expect(reader.recordNumber == 3)
        #expect(reader.lineNumber == 4)
        #expect(reader.rowNumber == 3)
        let blank = CSVReader(data: Data("h\n\n\nx\n".utf8))
        _ = try blank.next()
        _ = try blank.next()
        #expect(blank.recordNumber == 2)
        #expect(blank.rowNumber == 4)
    }

    @Test("writer and reader round-trip random records, also across chunk boundaries")
    func roundTrip() throws {
        var state: UInt64 = 7
        func random(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let alphabet: [String] = ["a", "b", ",", "\"", "\n", "\r\n", " ", "é", "😀", "x"]
        var expected: [[String]] = []
        var text = ""
        for _ in 0..<3_000 {
            let record = (0..<(random(5) + 1)).map { _ in (0..<random(30)).map { _ in alphabet[random(alphabet.count)] }.joined() }
            // A record of one empty field is a blank line, which readers skip by design.
            if record == [""] { continue }
            expected.append(record)
            text += CSVWriter.line(record)
        }
        let file = try TemporaryFolder.make().appendingPathComponent("random.csv")
        try text.write(to: file, atomically: true, encoding: .utf8)
        #expect(text.utf8.count > 1 << 16, "the file must span several read chunks")
        let reader = try CSVReader(contentsOf: file)
        var read: [[String]] = []
        while let record = try reader.next() { read.append(record) }
        #expect(read.count == expected.count)
        if let first = read.indices.first(where: { $0 < expected.count && read[$0] != expected[$0] }) {
            Issue.record("record \(first + 1) differs: read \(read[first]), wrote \(expected[first])")
        }
    }
}
