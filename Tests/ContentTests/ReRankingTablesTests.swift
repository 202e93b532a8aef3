import MagnesiumTestSupport
import Testing

@testable import MagnesiumKit
@testable import MagnesiumText

/// What the re-ranking works out once and keeps must be what it would work out each time.
@Suite struct ReRankingTablesTests {
    /// Each answer's amount, read from its questions as the re-ranking read it on every line.
    static func amountReadAgain(_ questions: [String]) -> Set<Double>? {
        let named = questions.map { Amounts.read(words: Normalizer.words($0)) }
        let amountsNamed = Set(named.joined().map(\.milligrams))
        guard named.filter({ !$0.isEmpty }).count * 2 > named.count, amountsNamed.count == 1
        else { return nil }
        return amountsNamed
    }

    @Test func theAmountAnAnswerIsWrittenForIsKeptAsRead() {
        var session = Session(knowledge: Repository.knowledge)
        let answers = Repository.knowledge.graph.answers
        var written = 0
        // Twice each, out of order: the first works it out, the second reads what was kept.
        for place in answers.indices.reversed() + answers.indices {
            let expected = Self.amountReadAgain(answers[place].questions)
            #expect(session.amountWrittenFor(answerAt: place) == expected, "\(answers[place].id)")
            if expected != nil { written += 1 }
        }
        // The production answers include some written for one amount ("is 400 mg too much?").
        #expect(written > 0)
    }
}
