import MagnesiumText

/// JSON string literals, written byte by byte: most text needs no escaping and is copied whole.
public enum JSONText {
    public static func quoted(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 8)
        appendQuoted(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `text` as a JSON string literal, so a whole object is written into one buffer.
    public static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        out.append(0x22)
        appendEscaped(text, to: &out)
        out.append(0x22)
    }

    /// Appends the body of a JSON string literal without its quotes; several pieces appended one
    /// after another read as one string, since no escape spans two whole UTF-8 texts.
    public static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendEscaped($0, to: &out) }
    }

    private static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var runStart = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            // Plain printable ASCII and the lead bytes that never start an escaped character are
            // copied in runs.
            if byte >= 0x20 && byte != 0x22 && byte != 0x5C && byte != 0x7F
                && !SafeText.mayStartUnsafe(byte)
            {
                index += 1
                continue
            }
            var escaped: (bytes: ArraySlice<UInt8>, length: Int)?
            switch byte {
            case 0x22: escaped = ([0x5C, 0x22], 1)
            case 0x5C: escaped = ([0x5C, 0x5C], 1)
            case 0x0A: escaped = ([0x5C, 0x6E], 1)
            case 0x0D: escaped = ([0x5C, 0x72], 1)
            case 0x09: escaped = ([0x5C, 0x74], 1)
            case 0x00..<0x20, 0x7F: escaped = (escape(UInt32(byte))[...], 1)
            case 0x80...:
                // C1 controls, bidirectional overrides, line separators and the other characters on
                // SafeText's one list are escaped, never raw (valid UTF-8: a String holds no
                // other).
                if let (scalar, length) = SafeText.unsafeScalar(in: bytes, at: index) {
                    escaped = (escape(scalar.value)[...], length)
                }
            default: break
            }
            guard let escaped else {
                index += 1
                continue
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            out.append(contentsOf: escaped.bytes)
            index += escaped.length
            runStart = index
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func escape(_ scalar: UInt32) -> [UInt8] {
        [0x5C, 0x75] + [12, 8, 4, 0].map { hexDigits[Int((scalar >> $0) & 0xF)] }
    }
}

/// Fixed-point text with three decimals, exactly as `String(format: "%.3f", value)` prints it (the
/// exact binary value rounded half to even), without the Foundation formatter's round trip through
/// CFString on every JSON reply.
public enum ThreeDecimals {
    /// nil for values this cannot print (not finite, or a thousand billion or more).
    public static func text(_ value: Double) -> String? {
        var out: [UInt8] = []
        guard append(value, to: &out) else { return nil }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the text and returns true, or appends nothing and returns false when `text` would be
    /// nil.
    @discardableResult
    public static func append(_ value: Double, to out: inout [UInt8]) -> Bool {
        let magnitude = value.magnitude
        guard magnitude.isFinite, magnitude < 1e12 else { return false }
        let scaled = magnitude * 1000
        // The product is rounded; its rounding error is itself a double, so the exact value is
        // scaled + error.
        let error = (-scaled).addingProduct(magnitude, 1000)
        var thousandths = scaled.rounded(.down)
        let fraction = scaled - thousandths
        let isOdd = thousandths.truncatingRemainder(dividingBy: 2) == 1
        if fraction > 0.5 || (fraction == 0.5 && (error > 0 || (error == 0 && isOdd))) {
            thousandths += 1
        }
        let whole = UInt64(thousandths)
        if value.sign == .minus { out.append(UInt8(ascii: "-")) }
        appendDigits(whole / 1000, to: &out)
        out.append(UInt8(ascii: "."))
        let decimals = Int(whole % 1000)
        out.append(UInt8(ascii: "0") + UInt8(decimals / 100))
        out.append(UInt8(ascii: "0") + UInt8(decimals / 10 % 10))
        out.append(UInt8(ascii: "0") + UInt8(decimals % 10))
        return true
    }

    private static func appendDigits(_ number: UInt64, to out: inout [UInt8]) {
        if number >= 10 { appendDigits(number / 10, to: &out) }
        out.append(UInt8(ascii: "0") + UInt8(number % 10))
    }
}
