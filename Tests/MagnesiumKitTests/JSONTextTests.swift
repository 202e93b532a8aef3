import MagnesiumKit
import Testing

@testable import MagnesiumText

/// `JSONText` copies runs of plain bytes whole; it must escape exactly what a character-at-a-time
/// writer does with the same list of unsafe characters.
@Suite struct JSONTextTests {
    /// A plain writer, a character at a time: JSON's own escapes, then every character on
    /// SafeText's one list of what is never printed raw.
    static func reference(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if SafeText.isUnsafe(scalar) {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    @Test func escapesLikeTheReferenceWriter() {
        let pieces = [
            "", "a", "plain words", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1B}[31m", "\u{7F}",
            "\u{80}", "\u{9B}", "\u{A0}", "é", "\u{2027}",
            "\u{2028}", "\u{2029}", "\u{202E}", "\u{202F}", "\u{2066}", "\u{2069}", "\u{206A}",
            "\u{61C}", "\u{200B}", "\u{FEFF}", "€", "—", "🙂", "µ",
        ]
        for first in pieces {
            for second in pieces {
                for third in ["", "x", "\u{2028}", "\u{85}"] {
                    let text = first + second + third
                    #expect(
                        JSONText.quoted(text) == Self.reference(text), "\(text.debugDescription)")
                }
            }
        }
        for scalar in (Array(0...0x2100) + [0xFEFE, 0xFEFF, 0xFFFD, 0x1F642]).compactMap(
            Unicode.Scalar.init)
        {
            let text = "a" + String(Character(scalar)) + "b"
            #expect(JSONText.quoted(text) == Self.reference(text))
        }
    }

    @Test func piecesAppendedOneAfterAnotherReadAsOneString() {
        var out: [UInt8] = []
        JSONText.appendEscaped("a\u{2028}", to: &out)
        JSONText.appendEscaped("\"b\u{9B}", to: &out)
        #expect(
            "\"" + String(decoding: out, as: UTF8.self) + "\""
                == Self.reference("a\u{2028}\"b\u{9B}"))
    }
}
