import Crypto
import Foundation

/// A session's secret: 32 random bytes, given to the client once as 43 characters of base64url,
/// and stored only as the SHA-256 of that text, so that whoever reads the database cannot sign in.
public struct SessionToken: Sendable, Equatable {
    /// The text the client presents (`Authorization: Bearer …` or the session cookie).
    public let text: String

    /// A new random token.
    static func random() -> SessionToken {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let text = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        return SessionToken(text: text)
    }

    /// A token as presented by a client.
    public init(text: String) {
        self.text = text
    }

    /// What the database keeps: 64 lower-case hex digits.
    var hash: String {
        let digits = Array("0123456789abcdef".utf8)
        var hex = [UInt8]()
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(text.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// Whether the text could be a token at all (43 base64url characters): anything else is
    /// refused without a query.
    var isWellFormed: Bool {
        text.utf8.count == 43 && text.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D || byte == 0x5F
        }
    }
}
