/// Ages as people type them besides digits: "a six-year-old", "my son is nine", "a man in his
/// forties" (read as the middle of the decade).
enum AgeWords {
    /// The number a word says, digits or spelled ("six", "twelve"; not "one", which is rarely an
    /// age: "I'm one of those people"); a decade word ("forties") gives the middle of the decade.
    static func number(_ word: String) -> Int? {
        // Asked of every word of a line, several times a question: most words are ruled out by
        // their first byte and length, before a parse or a hash. `Int` reads only a sign or a
        // digit first; every spelled word starts with one of "efnst" and has 3 to 9 letters.
        guard let first = word.utf8.first else { return nil }
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"):
            return Int(word) ?? spelledOrDecade[word]
        case UInt8(ascii: "e"), UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "s"),
            UInt8(ascii: "t"):
            return (3...9).contains(word.utf8.count) ? spelledOrDecade[word] : nil
        default: return nil
        }
    }

    /// ``number(_:)`` without the shortcuts, for tests.
    static func numberByLookup(_ word: String) -> Int? {
        Int(word) ?? spelledOrDecade[word]
    }

    /// Every word ``number(_:)`` reads without digits.
    static var spelledWords: [String] { Array(spelledOrDecade.keys) }

    /// A decade word after "in my", "in his", "in her" or "in their": "in his forties" is 45.
    static func decadeAge(_ words: [String], owners: Set<String>) -> Int? {
        for (index, word) in words.enumerated() where index >= 2 {
            guard let age = filteredDecades[word], words[index - 2] == "in",
                owners.contains(words[index - 1])
            else { continue }
            return age
        }
        return nil
    }

    private static let spelled: [String: Int] = [
        "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
        "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
        "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90,
    ]
    /// Both, for one lookup (no word is in both).
    private static let spelledOrDecade = spelled.merging(decades) { spelled, _ in spelled }
    private static let filteredDecades = FilteredWordTable(decades)
    private static let decades: [String: Int] = [
        "twenties": 25, "thirties": 35, "forties": 45, "fifties": 55, "sixties": 65,
        "seventies": 75, "eighties": 85, "nineties": 95,
    ]
}
