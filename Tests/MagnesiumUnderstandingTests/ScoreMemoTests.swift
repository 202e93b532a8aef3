import MagnesiumKit
import MagnesiumKnowledge
import MagnesiumTestSupport
import Testing

@testable import MagnesiumUnderstanding

/// The memo of scores hands back what working the scores out gave, and keeps the queries asked
/// lately when it is full.
@Suite struct ScoreMemoTests {
    /// A query by number; `sharedHash` ones all hash alike, so only comparing tells them apart.
    struct Query: MemoQuery, ExpressibleByIntegerLiteral {
        var number: Int
        var sharedHash = false

        init(integerLiteral number: Int) { self.number = number }
        init(_ number: Int, sharedHash: Bool = false) {
            self.number = number
            self.sharedHash = sharedHash
        }

        func combine(into hasher: inout FastHash) {
            hasher.combine(sharedHash ? 0 : UInt64(number))
        }
    }

    /// Scores that say which query and which working-out they came from.
    final class Counter {
        var workedOut = 0
        func scores(_ query: Query) -> [Double] {
            workedOut += 1
            return [Double(query.number), Double(workedOut)]
        }
    }

    @Test func aQueryAskedAgainIsNotWorkedOutAgain() {
        let memo = ScoreMemo<Query>(capacity: 4)
        let counter = Counter()
        let first = memo.value(of: 7, workOut: counter.scores)
        #expect(first == [7, 1])
        #expect(memo.value(of: 7, workOut: counter.scores) == first)
        #expect(memo.value(of: 8, workOut: counter.scores) == [8, 2])
        #expect(counter.workedOut == 2)
    }

    @Test func theQueriesAskedLatelyStayWhenTheMemoIsFull() {
        let memo = ScoreMemo<Query>(capacity: 4)
        let counter = Counter()
        // Twelve queries: three generations' worth, so the first four are gone.
        for query in 0..<12 { _ = memo.value(of: Query(query), workOut: counter.scores) }
        #expect(counter.workedOut == 12)
        // The current generation (8 to 11) and the one before it (4 to 7) are kept: 7 moves
        // into a fresh generation, 8 to 11 becoming the older.
        for query in [11, 7, 8, 11] { _ = memo.value(of: Query(query), workOut: counter.scores) }
        #expect(counter.workedOut == 12)
        // An early one is worked out again, and gives the same scores but for the count.
        #expect(memo.value(of: 0, workOut: counter.scores) == [0, 13])
    }

    @Test func aQueryFoundInTheOlderGenerationIsKeptInTheNewer() {
        let memo = ScoreMemo<Query>(capacity: 2)
        let counter = Counter()
        for query in 0..<4 { _ = memo.value(of: Query(query), workOut: counter.scores) }
        // 0 and 1 are the older generation, 2 and 3 the newer (full).
        _ = memo.value(of: 0, workOut: counter.scores)
        // 0 moved into a fresh generation beside 2 and 3 (now older); 1 is gone.
        _ = memo.value(of: 0, workOut: counter.scores)
        _ = memo.value(of: 2, workOut: counter.scores)
        #expect(counter.workedOut == 4)
        _ = memo.value(of: 1, workOut: counter.scores)
        #expect(counter.workedOut == 5)
    }
}

extension ScoreMemoTests {
    @Test func queriesThatHashAlikeKeepTheirOwnScores() {
        let memo = ScoreMemo<Query>(capacity: 8)
        let counter = Counter()
        for number in 0..<4 {
            #expect(
                memo.value(of: Query(number, sharedHash: true), workOut: counter.scores)[0]
                    == Double(number))
        }
        for number in 0..<4 {
            #expect(
                memo.value(of: Query(number, sharedHash: true), workOut: counter.scores)[0]
                    == Double(number))
        }
        #expect(counter.workedOut == 4)
    }
}

/// A line read again comes from the memo of lines read: the same reading as a matcher that never
/// read it.
@Suite struct LineMemoTests {
    @Test func aLineReadAgainReadsAsOnAFreshMatcher() throws {
        let knowledge = try TinyGraph.knowledge(topics: ["glycine", "taurine", "zinc"])
        let lines = [
            "how much tauirne should i take", "zinc or glycine, which dose?",
            "I have chest pain. Is taurine safe?", "how much tauirne should i take",
        ]
        let memoised = knowledge.understander
        for line in lines + lines {
            let again = memoised.understand(line)
            let fresh = try TinyGraph.knowledge(topics: ["glycine", "taurine", "zinc"])
                .understander.understand(line)
            #expect(again.tokens == fresh.tokens)
            #expect(again.mentions == fresh.mentions)
            #expect(again.corrections == fresh.corrections)
            #expect(again.ranked.map(\.intent) == fresh.ranked.map(\.intent))
            #expect(again.ranked.map(\.score.bitPattern) == fresh.ranked.map(\.score.bitPattern))
            #expect(again.redFlags == fresh.redFlags)
            #expect(again.clauses == fresh.clauses)
            #expect(again.asksSomething == fresh.asksSomething)
        }
    }
}
