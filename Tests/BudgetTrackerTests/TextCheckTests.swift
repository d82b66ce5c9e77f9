@testable import BudgetTracker
import Foundation
import PersistTestSupport
import Testing

/// The import's fast text checks must agree with the slow, obvious definitions they replace:
/// Foundation's `CharacterSet.whitespaces` and Unicode's general category Cc.
@Suite("Fast text checks agree with Foundation and Unicode")
struct TextCheckTests {
    static let samples: [String] = [
        "", " ", "\t", "plain", "  both  ", "\tTabbed\t", "\u{00A0}nbsp\u{00A0}", "\u{3000}ideographic\u{3000}",
        "\u{2003}em space", "inner  spaces stay", "café ", " naïve", "\u{200B}zero width\u{200B}", "line\nbreak",
        "crlf\r\nline", "lone\rreturn", "trailing return\r", "nul\u{0}", "del\u{7F}", "c1\u{85}next line", "c1\u{9F}",
        "\u{A0}", "é\u{301}", "😀 emoji 😀 ", "\n", "\r\n", "tab\tinside", "bell\u{7}", "ok \u{80}",
    ]

    @Test("trimmingSpaces equals trimmingCharacters(in: .whitespaces)", arguments: samples)
    func trimming(text: String) {
        #expect(text.trimmingSpaces == text.trimmingCharacters(in: .whitespaces))
    }

    @Test("containsControlCharacter equals a check of every Character", arguments: samples)
    func controls(text: String) {
        for multiline in [false, true] {
            #expect(text.containsControlCharacter(allowingLineBreaks: multiline) == Self.slowHasControl(text, multiline: multiline))
        }
    }

    @Test("random strings: both checks agree with their definitions")
    func randomStrings() {
        var generator = SplitMix(seed: 42)
        let alphabet: [Unicode.Scalar] = [" ", "\t", "\n", "\r", "a", "Z", "0", "\u{0}", "\u{1F}", "\u{7F}", "\u{80}", "\u{9F}",
                                          "\u{A0}", "\u{C2}", "\u{2003}", "\u{3000}", "é", "\u{301}", "😀", "\u{200B}"]
        for _ in 0..<5_000 {
            let length = Int(generator.next() % 8)
            var scalars = String.UnicodeScalarView()
            for _ in 0..<length { scalars.append(alphabet[Int(generator.next() % UInt64(alphabet.count))]) }
            let text = String(scalars)
            #expect(text.trimmingSpaces == text.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
            for multiline in [false, true] {
                #expect(text.containsControlCharacter(allowingLineBreaks: multiline) == Self.slowHasControl(text, multiline: multiline), "\(text.debugDescription)")
            }
        }
    }

    @Test("lengthExceeds counts code points, as the schema does, not bytes or grapheme clusters")
    func counting() {
        #expect(!String(repeating: "é", count: 200).lengthExceeds(200))
        #expect(String(repeating: "é", count: 201).lengthExceeds(200))
        #expect("e\u{301}".lengthExceeds(1))
        #expect(!"e\u{301}".normalizedNFC.lengthExceeds(1))
        #expect("👨‍👩‍👧".lengthExceeds(4))
        #expect("ab".lengthExceeds(1))
    }

    @Test("normalizedNFC makes decomposed and precomposed text the same bytes")
    func normalization() {
        #expect(Array("Cafe\u{301}".normalizedNFC.utf8) == Array("Caf\u{E9}".utf8))
        #expect("plain".normalizedNFC == "plain")
    }

    /// The definition: any Character with a Cc scalar, except line breaks and tabs where allowed.
    static func slowHasControl(_ text: String, multiline: Bool) -> Bool {
        let allowed: Set<Character> = multiline ? ["\n", "\r\n", "\t"] : []
        return text.contains { character in
            !allowed.contains(character) && character.unicodeScalars.contains { $0.properties.generalCategory == .control }
        }
    }
}
