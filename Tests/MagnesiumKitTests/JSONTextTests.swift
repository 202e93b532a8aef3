import MagnesiumKit
import Testing
@testable import MagnesiumText

/// `JSONText` copies runs of plain bytes whole; it must escape exactly what the byte-by-byte writer did.
@Suite struct JSONTextTests {
    /// The byte-by-byte writer it replaced, kept as the reference.
    static func reference(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = [0x22]
        func escape(_ scalar: UInt32) -> [UInt8] {
            [0x5C, 0x75] + [12, 8, 4, 0].map { Array("0123456789abcdef".utf8)[Int((scalar >> $0) & 0xF)] }
        }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, 0x6E]
            case 0x0D: out += [0x5C, 0x72]
            case 0x09: out += [0x5C, 0x74]
            case 0x00..<0x20, 0x7F: out += escape(UInt32(byte))
            case 0xC2 where index + 1 < bytes.count && (0x80...0x9F).contains(bytes[index + 1]):
                out += escape(UInt32(bytes[index + 1]))
                index += 1
            case 0xE2 where index + 2 < bytes.count
                && ((bytes[index + 1] == 0x80 && (0xA8...0xAE).contains(bytes[index + 2])) || (bytes[index + 1] == 0x81 && (0xA6...0xA9).contains(bytes[index + 2]))):
                let scalar = (UInt32(byte & 0x0F) << 12) | (UInt32(bytes[index + 1] & 0x3F) << 6) | UInt32(bytes[index + 2] & 0x3F)
                out += escape(scalar)
                index += 2
            default: out.append(byte)
            }
            index += 1
        }
        out.append(0x22)
        return String(decoding: out, as: UTF8.self)
    }

    @Test func escapesLikeTheReferenceWriter() {
        let pieces = ["", "a", "plain words", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1B}[31m", "\u{7F}", "\u{80}", "\u{9B}", "\u{A0}", "é", "\u{2027}",
                      "\u{2028}", "\u{2029}", "\u{202E}", "\u{202F}", "\u{2066}", "\u{2069}", "\u{206A}", "€", "—", "🙂", "µ"]
        for first in pieces {
            for second in pieces {
                for third in ["", "x", "\u{2028}", "\u{85}"] {
                    let text = first + second + third
                    #expect(JSONText.quoted(text) == Self.reference(text), "\(text.debugDescription)")
                }
            }
        }
        for scalar in (0...0x2100).compactMap(Unicode.Scalar.init) {
            let text = "a" + String(Character(scalar)) + "b"
            #expect(JSONText.quoted(text) == Self.reference(text))
        }
    }

    @Test func piecesAppendedOneAfterAnotherReadAsOneString() {
        var out: [UInt8] = []
        JSONText.appendEscaped("a\u{2028}", to: &out)
        JSONText.appendEscaped("\"b\u{9B}", to: &out)
        #expect("\"" + String(decoding: out, as: UTF8.self) + "\"" == Self.reference("a\u{2028}\"b\u{9B}"))
    }
}
