import Testing
@testable import MagnesiumKit
@testable import MagnesiumKnowledge
@testable import MagnesiumText
@testable import MagnesiumTranscripts
@testable import MagnesiumUnderstanding

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

@Suite struct SpellingTests {
    let corrector = SpellingCorrector(domainWords: ["magnesium", "bisglycinate", "glycinate", "cramps", "dose", "dosage", "kidney"], otherKnownWords: ["does", "camp"])

    @Test(arguments: [("magnesiun", "magnesium"), ("bisglycinat", "bisglycinate"), ("glycinte", "glycinate"), ("cramsp", "cramps"), ("kindey", "kidney")])
    func corrects(_ typed: String, _ expected: String) {
        #expect(corrector.correction(for: typed) == expected)
    }

    @Test func leavesKnownAndShortWordsAlone() {
        #expect(corrector.correction(for: "does") == nil)
        #expect(corrector.correction(for: "camp") == nil)
        #expect(corrector.correction(for: "dog") == nil)
        #expect(corrector.correction(for: "zebra") == nil)
    }
}

@Suite struct SafeTextTests {
    @Test func controlsAndBidiOverridesAreShownEscaped() {
        #expect(SafeText.escaped("a\u{1B}[31mred\u{07}") == "a\\e[31mred\\x07")
        #expect(SafeText.escaped("x\u{202E}y") == "x\\u{202E}y")
        #expect(SafeText.escaped("café 😀") == "café 😀")
    }

    @Test func whyNeverEchoesAnEscapeSequence() {
        let replies = converse(["what is \u{1B}[2Jglycine?", ":why"])
        #expect(!replies[1].text.contains("\u{1B}"))
        #expect(replies[1].text.contains("\\e[2J"))
    }
}
