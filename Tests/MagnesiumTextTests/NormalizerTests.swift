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
