/// Small string helpers that stay in the standard library: Foundation's versions bridge through
/// NSString and dominated per-question profiles.
extension StringProtocol {
    /// The text without leading and trailing white space (any Unicode space, tab or line break).
    public var trimmed: String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[start...end])
    }

    /// Hyphens as spaces: `compound-per-100mg` → `compound per 100mg`.
    var hyphensAsSpaces: String { String(map { $0 == "-" ? " " : $0 }) }
}

/// JSON string literals, written byte by byte: most text needs no escaping and is copied whole.
public enum JSONText {
    public static func quoted(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 8)
        out.append(0x22)
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
                // C1 controls (U+0080-009F): some terminals act on them (U+009B is an escape sequence introducer).
                out += escape(UInt32(bytes[index + 1]))
                index += 1
            case 0xE2 where index + 2 < bytes.count && isInvisibleFormat(bytes[index + 1], bytes[index + 2]):
                // Line separators and bidirectional overrides (U+2028-202E, U+2066-2069) are escaped, never raw.
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

    private static func isInvisibleFormat(_ second: UInt8, _ third: UInt8) -> Bool {
        (second == 0x80 && (0xA8...0xAE).contains(third)) || (second == 0x81 && (0xA6...0xA9).contains(third))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func escape(_ scalar: UInt32) -> [UInt8] {
        [0x5C, 0x75] + [12, 8, 4, 0].map { hexDigits[Int((scalar >> $0) & 0xF)] }
    }
}
