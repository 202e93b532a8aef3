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
}
