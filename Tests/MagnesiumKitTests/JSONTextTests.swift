import MagnesiumTestSupport
import Testing

@testable import MagnesiumKit
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

    /// Plain text is skipped eight bytes at a time: every piece at every place in a long text,
    /// so that it falls at each offset of a word and across two words.
    @Test func longTextsEscapeLikeTheReferenceWriter() {
        let pieces = [
            "\"", "\\", "\n", "\u{1F}", "\u{7F}", "\u{80}", "\u{9B}", "é", "\u{2028}", "\u{202E}",
            "\u{FEFF}", "🙂", " ", "~",
        ]
        for piece in pieces {
            for before in 0..<20 {
                for after in [0, 1, 7, 8, 9, 17] {
                    let text =
                        String(repeating: "a", count: before) + piece
                        + String(repeating: "z", count: after)
                    #expect(
                        JSONText.quoted(text) == Self.reference(text), "\(text.debugDescription)")
                }
            }
        }
    }

    /// The word test must find every byte that could need escaping, wherever it stands among
    /// bytes of every kind.
    @Test func wordTestFindsEveryByteThatMayNeedEscaping() {
        func needs(_ byte: UInt8) -> Bool {
            byte < 0x20 || byte == 0x22 || byte == 0x5C || byte >= 0x7F
        }
        var random = SeededGenerator(seed: 7)
        for byte in UInt8.min...UInt8.max {
            for place in 0..<8 {
                for _ in 0..<8 {
                    var bytes = (0..<8).map { _ in UInt8(truncatingIfNeeded: random.next()) }
                    // Mostly plain neighbours, so a lone byte decides.
                    if random.next() % 2 == 0 {
                        bytes = bytes.map { 0x23 + $0 % 0x39 }
                    }
                    bytes[place] = byte
                    let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                    #expect(JSONText.mayNeedEscaping(word) == bytes.contains(where: needs))
                }
            }
        }
    }

    @Test func decimalsAreWrittenAsInterpolationWritesThem() {
        for number in [0, 1, 9, 10, 99, 100, 2020, -1, -10, Int.max, Int.min] {
            var out: [UInt8] = []
            JSONText.appendDecimal(number, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == "\(number)")
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
