import Foundation

/// A word of the user's input, as typed and as matched.
public struct Token: Sendable, Hashable {
    /// The word after case, Unicode and contraction folding.
    public var text: String
    /// What the token is matched on: `text` after spelling correction and synonyms, then stemmed.
    public var key: String
    /// Set when spelling correction changed the word.
    public var correctedFrom: String?

    public init(text: String) {
        self.text = text
        self.key = Stemmer.stem(text)
    }

    /// A number, as the normaliser keeps it: digits first, or a minus sign and digits ("-5").
    public var isNumber: Bool { Amounts.isNumber(text) }
}

/// Folds what people type into plain lower-case words: case, accents, full-width
/// forms, curly quotes, emoji and punctuation, contractions, numbers with units.
public enum Normalizer {
    /// Splits text into normalised words.
    public static func words(_ input: String) -> [String] {
        // Most questions are plain ASCII: read on their bytes in place.
        var contiguous = input
        if let words = contiguous.withUTF8({ bytes in
            bytes.allSatisfy { $0 < 0x80 } ? asciiWords(bytes) : nil
        }) {
            return words
        }
        var words: [String] = []
        var current = ""
        var previous: Character = " "
        let scalars = Array(input.unicodeScalars)
        var index = 0
        func flush() {
            if !current.isEmpty { words.append(contentsOf: expand(current)) }
            current = ""
        }
        // Full-width ASCII forms (Ａ, １, ？) become their ASCII twins.
        func narrowed(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
            if (0xFF01...0xFF5E).contains(scalar.value),
                let narrow = Unicode.Scalar(scalar.value - 0xFEE0)
            {
                return narrow
            }
            return scalar
        }
        // The scalar values numbers are read from, made only when the text holds a number.
        var values: [UInt32] = []
        var sawNumber = false
        func isASCIIDigit(_ i: Int) -> Bool {
            i < scalars.count && (0x30...0x39).contains(narrowed(scalars[i]).value)
        }
        while index < scalars.count {
            let scalar = narrowed(scalars[index])
            let next = index + 1 < scalars.count ? scalars[index + 1] : " "
            let isSign = scalar == "-" || scalar.value == 0x2212
            if (0x30...0x39).contains(scalar.value)
                || (isSign && isASCIIDigit(index + 1) && previous == " "
                    && !Self.followsNumber(words, sawNumber))
            {
                // A number is read whole: "1e3", "2,000", "1.000", "10^6", "-5".
                flush()
                if values.isEmpty { values = scalars.map { narrowed($0).value } }
                let (text, end) = Amounts.scanNumber(values, from: isSign ? index + 1 : index)
                words.append(isSign ? "-" + text : text)
                sawNumber = true
                previous = "0"
                index = end
                continue
            }
            if scalar.isASCII {
                let c = Character(scalar)
                if c.isLetter {
                    // "300mg": a letter right after a digit starts a new word.
                    if previous.isNumber { flush() }
                    current.append(Character(c.lowercased()))
                    previous = c
                } else if (c == "." || c == ",") && previous.isNumber && !current.isEmpty
                    && next.properties.numericType != nil
                {
                    // Between digits of another script a point stays and a comma goes (ASCII
                    // numbers are read above).
                    if c == "." { current.append(c) }
                } else if c == "'" || c == "`" {
                    if previous.isLetter && Character(next).isLetter {
                        current.append("'")
                    } else {
                        flush()
                        previous = " "
                    }
                } else {
                    flush()
                    previous = " "
                }
            } else if scalar.value == 0x2019 || scalar.value == 0x2018 || scalar.value == 0x02BC {
                if previous.isLetter && Character(next).isLetter {
                    current.append("'")
                } else {
                    flush()
                    previous = " "
                }
            } else if scalar.properties.isAlphabetic {
                if previous.isNumber { flush() }
                let folded = fold(scalar)
                current += folded
                previous = "a"
            } else if scalar.properties.isGraphemeExtend
                || scalar.properties.generalCategory == .nonspacingMark
            {
                // Combining marks fold away with the letter they decorate.
            } else if scalar.properties.numericType != nil {
                if previous.isLetter { flush() }
                current.append(Character(scalar))
                previous = "0"
            } else {
                // Emoji, symbols, punctuation, controls, spaces: a word boundary.
                flush()
                previous = " "
            }
            index += 1
        }
        flush()
        if sawNumber { Amounts.inMilligrams(&words) }
        return words
    }

    /// True when the last word is a number: "200 -300 mg" is a range, not a negative amount.
    private static func followsNumber(_ words: [String], _ sawNumber: Bool) -> Bool {
        sawNumber && (words.last.map(Amounts.isNumber) ?? false)
    }

    /// The same rules as `words` for plain ASCII text, on bytes: most questions take this path.
    static func asciiWords(_ input: String) -> [String] {
        var contiguous = input
        return contiguous.withUTF8(asciiWords)
    }

    /// ``asciiWords(_:)`` on the text's bytes. A word is a run of letters (and apostrophes
    /// between letters) in the text, so it is made once from its run, not byte by byte.
    private static func asciiWords(_ bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        var words: [String] = []
        words.reserveCapacity(bytes.count / 4 + 1)
        // Where the word being read starts, or nil between words.
        var wordStart: Int?
        var previous: UInt8 = 0x20
        var hasApostrophe = false
        var sawNumber = false
        var skipTo = 0
        func flush(_ end: Int) {
            if let start = wordStart {
                let word = asciiWord(bytes, start..<end)
                // Only a word with an apostrophe can expand; the others need no list of their own.
                if hasApostrophe {
                    words.append(contentsOf: expand(word))
                } else {
                    words.append(word)
                }
            }
            wordStart = nil
            hasApostrophe = false
        }
        for index in bytes.indices where index >= skipTo {
            let byte = bytes[index]
            let next: UInt8 = index + 1 < bytes.count ? bytes[index + 1] : 0x20
            if isASCIILetter(byte) {
                if isASCIIDigit(previous) { flush(index) }
                if wordStart == nil { wordStart = index }
                previous = byte
            } else if isASCIIDigit(byte)
                || (byte == 0x2D && isASCIIDigit(next) && previous == 0x20
                    && !followsNumber(words, sawNumber))
            {
                // A number is read whole: "1e3", "2,000", "1.000", "10^6", "-5".
                flush(index)
                let sign = byte == 0x2D
                let (text, end) = Amounts.scanNumber(bytes, from: sign ? index + 1 : index)
                words.append(sign ? "-" + text : text)
                sawNumber = true
                previous = 0x30
                skipTo = end
            } else if (byte == 0x27 || byte == 0x60) && isASCIILetter(previous)
                && isASCIILetter(next)
            {
                // Inside a word (a letter before it means one is being read).
                hasApostrophe = true
            } else {
                flush(index)
                previous = 0x20
            }
        }
        flush(bytes.count)
        if sawNumber { Amounts.inMilligrams(&words) }
        return words
    }

    /// A word's run of the text in lower case, its apostrophes (' or `) as '.
    private static func asciiWord(_ bytes: UnsafeBufferPointer<UInt8>, _ run: Range<Int>) -> String
    {
        String(unsafeUninitializedCapacity: run.count) { word in
            for (offset, byte) in bytes[run].enumerated() {
                word[offset] = byte == 0x27 || byte == 0x60 ? 0x27 : byte | 0x20
            }
            return run.count
        }
    }

    private static func isASCIIDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// Lower-cases a non-ASCII letter and strips its accents ("é" → "e", "ß" → "ss").
    static func fold(_ scalar: Unicode.Scalar) -> String {
        let lowered = String(scalar).lowercased()
        let decomposed = lowered.decomposedStringWithCompatibilityMapping
        var result = ""
        for part in decomposed.unicodeScalars
        where !(part.properties.generalCategory == .nonspacingMark) {
            result.unicodeScalars.append(part)
        }
        if result == "ß" { return "ss" }
        return result.isEmpty ? lowered : result
    }

    private static let contractionEndings: [(String, [String])] = [
        ("n't", ["not"]), ("'m", ["am"]), ("'re", ["are"]), ("'ve", ["have"]), ("'ll", ["will"]),
        ("'d", ["would"]), ("'s", ["is"]),
    ]

    /// Expands "what's", "don't", "i'm" into their words; other apostrophes are dropped.
    static func expand(_ word: String) -> [String] {
        // Byte search: Foundation's String.contains(String) bridges to NSString and dominated
        // profiles.
        guard word.utf8.contains(UInt8(ascii: "'")) else { return [word] }
        if word == "can't" { return ["can", "not"] }
        if word == "won't" { return ["will", "not"] }
        for (ending, replacement) in contractionEndings where word.hasSuffix(ending) {
            let stem = String(word.dropLast(ending.count))
            if ending == "'s"
                && ![
                    "it", "what", "that", "there", "he", "she", "how", "who", "where", "when",
                    "why", "here", "let",
                ].contains(stem)
            {
                return [stem]  // a possessive: "body's" → "body"
            }
            return stem.isEmpty ? replacement : [stem] + replacement
        }
        return [String(word.filter { $0 != "'" })]
    }

    /// Tokens of a text with keys stemmed.
    public static func tokens(_ input: String) -> [Token] { words(input).map(Token.init(text:)) }

    /// The key an alias or name is matched on: its words, stemmed, joined by spaces.
    public static func matchKey(_ input: String) -> String {
        words(input).map(Stemmer.stem).joined(separator: " ")
    }
}

/// A light suffix stripper: the same word forms land on the same key ("cramps", "cramping" →
/// "cramp").
public enum Stemmer {
    public static func stem(_ word: String) -> String {
        word.utf8.allSatisfy({ $0 < 0x80 }) ? asciiStem(word) : characterStem(word)
    }

    /// `stem` by characters: for words with letters beyond ASCII (and, in tests, to check
    /// ``asciiStem(_:)`` against).
    static func characterStem(_ word: String) -> String {
        let count = word.utf8.count
        guard count > 3, word.first?.isLetter == true else { return word }
        if word.hasSuffix("ies") && count > 4 { return String(word.dropLast(3)) + "y" }
        if word.hasSuffix("sses") { return String(word.dropLast(2)) }
        if (word.hasSuffix("able") || word.hasSuffix("ible")) && count > 7 {
            return String(word.dropLast(4))
        }
        if word.hasSuffix("ing") && count > 5 { return undouble(String(word.dropLast(3))) }
        if word.hasSuffix("ed") && count > 4 && !word.hasSuffix("eed") {
            return undouble(String(word.dropLast(2)))
        }
        if word.hasSuffix("s") && !word.hasSuffix("ss") && !word.hasSuffix("us")
            && !word.hasSuffix("is")
        {
            return String(word.dropLast())
        }
        return word
    }

    /// `stem` for ASCII words, on bytes: there every character is one byte, so comparing bytes
    /// gives what comparing characters does, without Unicode-aware comparisons (a third of reading
    /// a word).
    static func asciiStem(_ word: String) -> String {
        var contiguous = word
        let stemmed = contiguous.withUTF8 { bytes -> String? in
            let count = bytes.count
            guard count > 3, isASCIILetter(bytes[0]) else { return nil }
            func endsWith(_ suffix: StaticString) -> Bool {
                let length = suffix.utf8CodeUnitCount
                guard length <= count else { return false }
                let tail = suffix.utf8Start
                for offset in 0..<length where bytes[count - length + offset] != tail[offset] {
                    return false
                }
                return true
            }
            func dropping(_ dropped: Int, undoubling: Bool = false) -> String {
                var kept = count - dropped
                if undoubling && kept > 3 && bytes[kept - 1] == bytes[kept - 2]
                    && !"lsz".utf8.contains(bytes[kept - 1])
                {
                    kept -= 1
                }
                let stem = UnsafeBufferPointer(rebasing: bytes[..<kept])
                return String(decoding: stem, as: UTF8.self)
            }
            if endsWith("ies") && count > 4 { return dropping(3) + "y" }
            if endsWith("sses") { return dropping(2) }
            if (endsWith("able") || endsWith("ible")) && count > 7 { return dropping(4) }
            if endsWith("ing") && count > 5 { return dropping(3, undoubling: true) }
            if endsWith("ed") && count > 4 && !endsWith("eed") {
                return dropping(2, undoubling: true)
            }
            if endsWith("s") && !endsWith("ss") && !endsWith("us") && !endsWith("is") {
                return dropping(1)
            }
            return nil
        }
        return stemmed ?? word
    }

    private static func undouble(_ word: String) -> String {
        let chars = Array(word.utf8)
        if chars.count > 3, chars[chars.count - 1] == chars[chars.count - 2],
            !"lsz".utf8.contains(chars[chars.count - 1])
        {
            return String(word.dropLast())
        }
        return word
    }
}

private func isASCIILetter(_ byte: UInt8) -> Bool {
    (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A)
}
