import Testing

@testable import MagnesiumText
@testable import MagnesiumUnderstanding

@Suite struct PregnancyStageTests {
    @Test(arguments: [
        ("i am 8 weeks pregnant", "i am early pregnant"),
        ("13 wks pregnant", "early pregnant"),
        ("im 14 weeks pregnant", "im later pregnant"),
        ("30 weeks pregnant and cramping", "later pregnant and cramping"),
        ("3 months pregnant", "early pregnant"),
        ("i am 7 months pregnant", "i am later pregnant"),
    ])
    func howFarAlongReadsAsTheStage(_ line: String, _ read: String) {
        let tokens = line.split(separator: " ").map { Token(text: String($0)) }
        #expect(YoungAge.readingAges(tokens[...]).map(\.text).joined(separator: " ") == read)
    }

    @Test(arguments: [
        "i was pregnant 30 weeks ago", "8 weeks of cramps", "60 weeks pregnant",
        "0 weeks pregnant", "a 6 week old baby",
    ])
    func otherNumbersAreNotAStage(_ line: String) {
        let words = line.split(separator: " ").map(String.init)
        #expect(words.indices.allSatisfy { PregnancyStage.at($0, in: words) == nil })
    }
}
