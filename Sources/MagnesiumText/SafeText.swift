/// The one way text from outside (typed lines, knowledge content, transcript lines, file
/// names, command-line arguments) is made safe to print on a terminal: control characters,
/// escape sequences, bidirectional overrides and other invisible format characters are shown
/// as escapes (`\e`, `\t`, `\x07`, `\u{202E}`) instead of acting on the screen.
///
/// ```swift
/// VisibleText.escaped("a\u{1B}]0;title\u{07}")   // a\e]0;title\x07
/// ```
public enum VisibleText {
    /// The text with every unsafe character written as an escape; newlines stay line breaks
    /// when `keepingNewlines` is true (for text printed over several lines), else they show as `\n`.
    /// Text with nothing to escape is returned as it is, without copying.
    public static func escaped(_ text: String, keepingNewlines: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0, keepingNewlines: keepingNewlines) }) else { return text }
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

    /// C0 and C1 controls and DEL act on a terminal; bidirectional marks and overrides, zero-width
    /// spaces, line separators and the byte-order mark change how the text around them looks.
    /// Joiners stay: emoji need them.
    private static func needsEscape(_ scalar: Unicode.Scalar, keepingNewlines: Bool) -> Bool {
        switch scalar.value {
        case 0x0A: !keepingNewlines
        case 0x00..<0x20, 0x7F...0x9F: true
        case 0x20..<0x7F: false
        case 0x061C, 0x200B, 0x200E, 0x200F, 0x2028...0x202E, 0x2060, 0x2066...0x2069, 0xFEFF: true
        default: false
        }
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
