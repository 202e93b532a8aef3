import Testing

@testable import MagnesiumUnderstanding

@Suite struct SpellingTests {
    let corrector = SpellingCorrector(
        domainWords: [
            "magnesium", "bisglycinate", "glycinate", "cramps", "dose", "dosage", "kidney",
        ], otherKnownWords: ["does", "camp"])

    @Test(arguments: [
        ("magnesiun", "magnesium"), ("bisglycinat", "bisglycinate"), ("glycinte", "glycinate"),
        ("cramsp", "cramps"), ("kindey", "kidney"),
    ])
    func corrects(_ typed: String, _ expected: String) {
        #expect(corrector.correction(for: typed) == expected)
    }

    @Test func leavesKnownAndShortWordsAlone() {
        #expect(corrector.correction(for: "does") == nil)
        #expect(corrector.correction(for: "camp") == nil)
        #expect(corrector.correction(for: "dog") == nil)
        #expect(corrector.correction(for: "zebra") == nil)
    }

    /// Known words are looked up by halving a sorted list, and the targets bucketed on first use:
    /// lists handed over in any order give the same answers as sorted ones.
    @Test func listsInAnyOrderGiveTheSameCorrections() {
        let shuffled = SpellingCorrector(
            knownWords: ["kidney", "does", "camp", "magnesium", "cramps", "dose"],
            targets: ["kidney", "cramps", "magnesium", "dose"])
        let sorted = SpellingCorrector(
            knownWords: ["camp", "cramps", "does", "dose", "kidney", "magnesium"],
            targets: ["cramps", "dose", "kidney", "magnesium"])
        for word in ["does", "camp", "kidney", "cramp", "zebra", "aaa", "zzzz", ""] {
            #expect(shuffled.isKnown(word) == sorted.isKnown(word), "\(word)")
        }
        for typed in ["kindey", "magnesiun", "cramsp", "dosee", "dos"] {
            #expect(shuffled.corrections(for: typed) == sorted.corrections(for: typed), "\(typed)")
        }
        #expect(shuffled.isKnown("does") && shuffled.isKnown("magnesium"))
        #expect(!shuffled.isKnown("cramp") && !shuffled.isKnown("zebra"))
        #expect(shuffled.correction(for: "kindey") == "kidney")
    }
}
