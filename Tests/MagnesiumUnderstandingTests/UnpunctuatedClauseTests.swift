import Testing

@testable import MagnesiumText
@testable import MagnesiumUnderstanding

/// A statement about oneself and a question typed with no comma between them are two clauses.
@Suite struct UnpunctuatedClauseTests {
    func starts(_ line: String) -> [Int] {
        let tokens = line.split(separator: " ").map { Token(text: String($0)) }
        return Understander.unpunctuatedQuestionStarts(tokens, clauseStarts: [0])
    }

    @Test func aQuestionAfterAStatementAboutOneselfStartsAClause() {
        #expect(starts("im pregnant can i take magnesium glycinate") == [2])
        #expect(starts("i have kidney disease is it safe") == [4])
        #expect(starts("my son is 9 can he take it") == [4])
        #expect(starts("20 weeks pregnant can i take magnesium") == [3])
    }

    @Test func aQuestionThatOpensTheLineOrFollowsItsOwnWordsDoesNot() {
        #expect(starts("how much magnesium can i take").isEmpty)
        #expect(starts("can i take magnesium with food").isEmpty)
        #expect(starts("i think it is fine").isEmpty)
        #expect(starts("i wonder if i can take it").isEmpty)
        #expect(starts("magnesium is it safe").isEmpty)
    }
}
