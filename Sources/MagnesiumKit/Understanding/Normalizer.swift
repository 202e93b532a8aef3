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

    public var isNumber: Bool { text.first?.isNumber == true }
}

/// Folds what people type into plain lower-case words: case, accents, full-width
/// forms, curly quotes, emoji and punctuation, contractions, numbers with units.
public enum Normalizer {
    /// Splits text into normalised words.
    public static func words(_ input: String) -> [String] {
        if input.utf8.allSatisfy({ $0 < 0x80 }) { return asciiWords(input) }
        var words: [String] = []
        var current = ""
        var previous: Character = " "
        let scalars = Array(input.unicodeScalars)
        var index = 0
        func flush() {
            if !current.isEmpty { words.append(contentsOf: expand(current)) }
            current = ""
        }
        while index < scalars.count {
            var scalar = scalars[index]
            // Full-width ASCII forms (Ａ, １, ？) become their ASCII twins.
            if (0xFF01...0xFF5E).contains(scalar.value), let narrow = Unicode.Scalar(scalar.value - 0xFEE0) { scalar = narrow }
            let next = index + 1 < scalars.count ? scalars[index + 1] : " "
            if scalar.isASCII {
                let c = Character(scalar)
                if c.isLetter {
                    // "300mg": a letter right after a digit starts a new word.
                    if previous.isNumber { flush() }
                    current.append(Character(c.lowercased()))
                    previous = c
                } else if c.isNumber {
                    if previous.isLetter { flush() }
                    current.append(c)
                    previous = c
                } else if (c == "." || c == ",") && previous.isNumber && next.properties.numericType != nil && next.isASCII {
                    // 0.3 keeps its point; 1,000 loses its comma.
                    if c == "." { current.append(c) }
                } else if c == "'" || c == "`" {
                    if previous.isLetter && Character(next).isLetter { current.append("'") } else { flush(); previous = " " }
                } else {
                    flush()
                    previous = " "
                }
            } else if scalar.value == 0x2019 || scalar.value == 0x2018 || scalar.value == 0x02BC {
                if previous.isLetter && Character(next).isLetter { current.append("'") } else { flush(); previous = " " }
            } else if scalar.properties.isAlphabetic {
                if previous.isNumber { flush() }
                let folded = fold(scalar)
                current += folded
                previous = "a"
            } else if scalar.properties.isGraphemeExtend || scalar.properties.generalCategory == .nonspacingMark {
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
        return words
    }

    /// The same rules as `words` for plain ASCII text, on bytes: most questions take this path.
    static func asciiWords(_ input: String) -> [String] {
        let bytes = Array(input.utf8)
        var words: [String] = []
        var current: [UInt8] = []
        var previous: UInt8 = 0x20
        func isLetter(_ byte: UInt8) -> Bool { (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) }
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        var hasApostrophe = false
        func flush() {
            if !current.isEmpty {
                let word = String(decoding: current, as: UTF8.self)
                // Only a word with an apostrophe can expand; the others need no list of their own.
                if hasApostrophe { words.append(contentsOf: expand(word)) } else { words.append(word) }
            }
            current.removeAll(keepingCapacity: true)
            hasApostrophe = false
        }
        for (index, byte) in bytes.enumerated() {
            let next: UInt8 = index + 1 < bytes.count ? bytes[index + 1] : 0x20
            if isLetter(byte) {
                if isDigit(previous) { flush() }
                current.append(byte | 0x20)
                previous = byte
            } else if isDigit(byte) {
                if isLetter(previous) { flush() }
                current.append(byte)
                previous = byte
            } else if (byte == 0x2E || byte == 0x2C) && isDigit(previous) && isDigit(next) {
                if byte == 0x2E { current.append(byte) }
            } else if byte == 0x27 || byte == 0x60 {
                if isLetter(previous) && isLetter(next) {
                    current.append(0x27)
                    hasApostrophe = true
                } else {
                    flush()
                    previous = 0x20
                }
            } else {
                flush()
                previous = 0x20
            }
        }
        flush()
        return words
    }

    /// Lower-cases a non-ASCII letter and strips its accents ("é" → "e", "ß" → "ss").
    static func fold(_ scalar: Unicode.Scalar) -> String {
        let lowered = String(scalar).lowercased()
        let decomposed = lowered.decomposedStringWithCompatibilityMapping
        var result = ""
        for part in decomposed.unicodeScalars where !(part.properties.generalCategory == .nonspacingMark) {
            result.unicodeScalars.append(part)
        }
        if result == "ß" { return "ss" }
        return result.isEmpty ? lowered : result
    }

    private static let contractionEndings: [(String, [String])] = [
        ("n't", ["not"]), ("'m", ["am"]), ("'re", ["are"]), ("'ve", ["have"]), ("'ll", ["will"]), ("'d", ["would"]), ("'s", ["is"]),
    ]

    /// Expands "what's", "don't", "i'm" into their words; other apostrophes are dropped.
    static func expand(_ word: String) -> [String] {
        // Byte search: Foundation's String.contains(String) bridges to NSString and dominated profiles.
        guard word.utf8.contains(UInt8(ascii: "'")) else { return [word] }
        if word == "can't" { return ["can", "not"] }
        if word == "won't" { return ["will", "not"] }
        for (ending, replacement) in contractionEndings where word.hasSuffix(ending) {
            let stem = String(word.dropLast(ending.count))
            if ending == "'s" && !["it", "what", "that", "there", "he", "she", "how", "who", "where", "when", "why", "here", "let"].contains(stem) {
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

/// A light suffix stripper: the same word forms land on the same key ("cramps", "cramping" → "cramp").
public enum Stemmer {
    public static func stem(_ word: String) -> String {
        let count = word.utf8.count
        guard count > 3, word.first?.isLetter == true else { return word }
        if word.hasSuffix("ies") && count > 4 { return String(word.dropLast(3)) + "y" }
        if word.hasSuffix("sses") { return String(word.dropLast(2)) }
        if (word.hasSuffix("able") || word.hasSuffix("ible")) && count > 7 { return String(word.dropLast(4)) }
        if word.hasSuffix("ing") && count > 5 { return undouble(String(word.dropLast(3))) }
        if word.hasSuffix("ed") && count > 4 && !word.hasSuffix("eed") { return undouble(String(word.dropLast(2))) }
        if word.hasSuffix("s") && !word.hasSuffix("ss") && !word.hasSuffix("us") && !word.hasSuffix("is") { return String(word.dropLast()) }
        return word
    }

    private static func undouble(_ word: String) -> String {
        let chars = Array(word.utf8)
        if chars.count > 3, chars[chars.count - 1] == chars[chars.count - 2], !"lsz".utf8.contains(chars[chars.count - 1]) {
            return String(word.dropLast())
        }
        return word
    }
}
