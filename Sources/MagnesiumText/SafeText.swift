/// The one way text from outside (typed lines, knowledge content, transcript lines, file
/// names, command-line arguments) is made safe to print on a terminal: control characters,
/// escape sequences, bidirectional overrides and other invisible format characters are shown
/// as escapes (`\e`, `\t`, `\x07`, `\u{202E}`) instead of acting on the screen.
///
/// ```swift
/// SafeText.escaped("a\u{1B}]0;title\u{07}")   // a\e]0;title\x07
/// ```
public enum SafeText {
    /// The text with every unsafe character written as an escape; newlines stay line breaks when
    /// `keepingNewlines` is true (for text printed over several lines), else they show as `\n`.
    /// Text with nothing to escape is returned as it is, without copying.
    public static func escaped(_ text: String, keepingNewlines: Bool = false) -> String {
        guard
            text.unicodeScalars.contains(where: {
                needsEscape($0, keepingNewlines: keepingNewlines)
            })
        else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar, keepingNewlines: keepingNewlines) else {
                out.unicodeScalars.append(scalar)
                continue
            }
            switch scalar.value {
            case 0x09: out += "\\t"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x1B: out += "\\e"
            case 0x00..<0x20, 0x7F...0x9F: out += "\\x" + hex(scalar.value, digits: 2)
            default: out += "\\u{" + hex(scalar.value, digits: 4) + "}"
            }
        }
        return out
    }

    private static func needsEscape(_ scalar: Unicode.Scalar, keepingNewlines: Bool) -> Bool {
        scalar.value == 0x0A ? !keepingNewlines : isUnsafe(scalar)
    }

    /// The one list of what is never printed raw, by the terminal renderer, messages and JSON
    /// alike. C0 and C1 controls and DEL act on a terminal; bidirectional marks and overrides,
    /// zero-width spaces, line separators and the byte-order mark change how the text around
    /// them looks. Joiners stay: emoji need them.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00..<0x20, 0x7F...0x9F: true
        case 0x20..<0x7F: false
        case 0x061C, 0x200B, 0x200E, 0x200F, 0x2028...0x202E, 0x2060, 0x2066...0x2069, 0xFEFF: true
        default: false
        }
    }

    /// Whether a UTF-8 byte can begin an unsafe character above ASCII: the lead bytes of
    /// U+0080-009F (C2), U+061C (D8), U+200B-2069 (E2) and U+FEFF (EF). Byte scanners copy
    /// everything else without decoding it.
    public static func mayStartUnsafe(_ byte: UInt8) -> Bool {
        byte == 0xC2 || byte == 0xD8 || byte == 0xE2 || byte == 0xEF
    }

    /// The unsafe non-ASCII character that starts at `index` of valid UTF-8, with its length in
    /// bytes, or nil when the character there is safe.
    public static func unsafeScalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (
        Unicode.Scalar, Int
    )? {
        let lead = bytes[index]
        guard mayStartUnsafe(lead) else { return nil }
        let length = lead < 0xE0 ? 2 : 3
        guard index + length <= bytes.count else { return nil }
        var value = UInt32(lead) & (length == 2 ? 0x1F : 0x0F)
        for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
        guard let scalar = Unicode.Scalar(value), isUnsafe(scalar) else { return nil }
        return (scalar, length)
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
