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
        let raw = UnsafeRawBufferPointer(bytes)
        while index < bytes.count {
            // Eight bytes at a time while none of them could need escaping: a reply is mostly
            // plain ASCII, and one test per word costs less than eight per byte.
            while index + 8 <= bytes.count,
                !mayNeedEscaping(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            {
                index += 8
            }
            guard index < bytes.count else { break }
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

    /// Appends a literal's bytes in one copy (a String's `utf8` view is appended element by
    /// element).
    public static func appendLiteral(_ text: StaticString, to out: inout [UInt8]) {
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    /// Appends `number` in decimal, as `"\(number)"` writes it.
    public static func appendDecimal(_ number: Int, to out: inout [UInt8]) {
        if number < 0 {
            // Int.min has no positive counterpart; it is written as interpolation writes it.
            guard number != .min else {
                out.append(contentsOf: "\(number)".utf8)
                return
            }
            out.append(UInt8(ascii: "-"))
            appendDecimal(-number, to: &out)
            return
        }
        if number >= 10 { appendDecimal(number / 10, to: &out) }
        out.append(UInt8(ascii: "0") + UInt8(number % 10))
    }

    /// Whether any of the eight bytes of `word` is a control byte (below 0x20), a quote, a
    /// backslash, DEL or not ASCII: false means all eight are copied as they are. Exact about
    /// whether there is one (the classic "has a zero byte" test: a borrow only ever runs into a
    /// byte above one that matched).
    static func mayNeedEscaping(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ value: UInt64) -> Bool { (value &- ones) & ~value & highBits != 0 }
        // Below 0x20: subtracting 0x20 borrows into the top bit of a byte that had it clear.
        let below0x20 = (word &- ones &* 0x20) & ~word & highBits != 0
        return word & highBits != 0 || below0x20
            || hasZeroByte(word ^ (ones &* 0x22)) || hasZeroByte(word ^ (ones &* 0x5C))
            || hasZeroByte(word ^ (ones &* 0x7F))
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

extension Session {
    /// `"[1] Publisher: Title (2020)"` for each source, numbered as in the answer (the source's
    /// short citation), each a JSON string literal, separated by commas: each source's text as
    /// escaped once at load. Read through the session's own `graph`: going through
    /// `knowledge.graph` copied the whole graph (every table retained and released) for every
    /// reply.
    public func appendJSONSourceList(_ ids: [String], to out: inout [UInt8]) {
        for (index, id) in ids.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONText.appendLiteral("\"[", to: &out)
            JSONText.appendDecimal(index + 1, to: &out)
            JSONText.appendLiteral("] ", to: &out)
            if let position = graph.sourceIndex[id] {
                out.append(contentsOf: knowledge.sourceJSONText[position])
            } else {
                JSONText.appendEscaped(id, to: &out)
            }
            out.append(UInt8(ascii: "\""))
        }
    }
}
