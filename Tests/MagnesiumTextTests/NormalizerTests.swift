import Testing

@testable import MagnesiumText

@Suite struct NormalizerTests {
    @Test(arguments: [
        ("What’s   MAGNESIUM?!", ["what", "is", "magnesium"]),
        ("Ｍａｇｎｅｓｉｕｍ ｄｏｓｅ", ["magnesium", "dose"]),
        ("café crème 🙂 cramps", ["cafe", "creme", "cramps"]),
        ("I'm taking 300mg", ["i", "am", "taking", "300", "mg"]),
        ("0.3 g or 1,000 mg", ["0.3", "g", "or", "1000", "mg"]),
        ("don't can't won't", ["do", "not", "can", "not", "will", "not"]),
        ("the body's needs", ["the", "body", "needs"]),
    ])
    func words(_ input: String, _ expected: [String]) {
        #expect(Normalizer.words(input) == expected)
    }

    @Test func stemming() {
        #expect(Stemmer.stem("cramps") == Stemmer.stem("cramp"))
        #expect(Stemmer.stem("cramping") == "cramp")
        #expect(Stemmer.stem("interactions") == "interaction")
    }
}

@Suite struct ASCIIFastPathTests {
    /// Words that reach every rule of the stemmer, and the edges of each.
    static let words = [
        "cramps", "cramping", "stopped", "running", "falling", "fizzing", "agreed", "needed",
        "tablets", "ties", "lies", "flies", "classes", "glass", "status", "analysis", "tolerable",
        "edible", "able", "sing", "bed", "used", "magnesium", "300mg", "Cramps", "a", "abc", "abcd",
        "it's", "mg", "bisglycinate", "diabetes", "worries", "misses", "hissing", "buzzed",
    ]

    @Test(arguments: words)
    func stemOnBytesAgreesWithStemByCharacters(_ word: String) {
        #expect(Stemmer.asciiStem(word) == Stemmer.characterStem(word))
    }

    @Test(arguments: ["0", "12", "-5", "-x", "x1", "", "7\u{301}", "mg", "\u{664}"])
    func numbersAsBefore(_ text: String) {
        let before: Bool
        if text.utf8.first == UInt8(ascii: "-") {
            before = text.utf8.dropFirst().first.map { (0x30...0x39).contains($0) } ?? false
        } else {
            before = text.first?.isNumber == true
        }
        #expect(Amounts.isNumber(text) == before)
    }

    @Test func wordsOnBytes() {
        #expect(
            Normalizer.words("DON`T stop, it's 2,000mg-ish... I'M ok") == [
                "do", "not", "stop", "it", "is", "2000", "mg", "ish", "i", "am", "ok",
            ])
    }
}
