/// Small string helpers that stay in the standard library: Foundation's versions bridge through
/// NSString and dominated per-question profiles.
extension StringProtocol {
    /// The text without leading and trailing white space (any Unicode space, tab or line break).
    public var trimmed: String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        guard let start = firstIndex(where: { !isSpace($0) }),
            let end = lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(self[start...end])
    }

    /// Hyphens as spaces: `compound-per-100mg` → `compound per 100mg`.
    package var hyphensAsSpaces: String {
        // In ASCII text every byte is a character, so bytes can be swapped without reading
        // characters.
        if utf8.allSatisfy({ $0 < 0x80 }) {
            return String(
                decoding: utf8.map { $0 == UInt8(ascii: "-") ? UInt8(ascii: " ") : $0 },
                as: UTF8.self)
        }
        return String(map { $0 == "-" ? " " : $0 })
    }
}

extension String {
    /// The text without leading and trailing white space, as `StringProtocol.trimmed` gives it.
    public var trimmed: String {
        // Text that starts and ends with a visible ASCII character has nothing to trim: those bytes
        // each begin or end a character that is not white space, so no character needs reading.
        if let first = utf8.first, let last = utf8.last, (0x21...0x7E).contains(first),
            (0x21...0x7E).contains(last)
        {
            return self
        }
        return self[...].trimmed
    }
}
