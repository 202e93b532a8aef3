import MagnesiumTestSupport
import MagnesiumUnderstanding
import Testing

@testable import MagnesiumKit

/// `RankedOrder` puts lists of ranked answers back in order by merging instead of sorting them
/// whole; every way must give the list a full sort gives, or replies would change.
@Suite struct RankedOrderTests {
    /// Each answer once, with scores from a few values so that ties are common.
    static func randomList(_ random: inout SeededGenerator, count: Int) -> [RankedAnswer] {
        let scores = [0.1, 0.2, 0.25, 0.5, 0.5 + 0.08, 0.65, 1]
        return (0..<count).shuffled(using: &random).map {
            RankedAnswer(answer: $0, score: scores.randomElement(using: &random)!)
        }
    }

    static func fullySorted(_ entries: [RankedAnswer]) -> [RankedAnswer] {
        entries.sorted { $0.score != $1.score ? $0.score > $1.score : $0.answer < $1.answer }
    }

    @Test func sortMatchesAFullSort() {
        var random = SeededGenerator(seed: 1)
        for count in [0, 1, 2, 5, 40, 300] {
            var list = Self.randomList(&random, count: count)
            let expected = Self.fullySorted(list)
            RankedOrder.sort(&list)
            #expect(list == expected)
            #expect(RankedOrder.isInOrder(list))
        }
    }

    @Test func rescoringMatchesScoringThenSortingWhole() {
        var random = SeededGenerator(seed: 2)
        for round in 0..<200 {
            // In order, as the dialogue's lists are, or not (an answer put first by hand).
            var list = Self.fullySorted(Self.randomList(&random, count: round % 60))
            if round % 3 == 0, list.count > 2 { list.swapAt(0, list.count - 1) }
            let chosen = Set((0..<list.count).filter { _ in Bool.random(using: &random) })
            func newScore(_ entry: RankedAnswer) -> Double? {
                guard chosen.contains(entry.answer) else { return nil }
                return round % 2 == 0 ? entry.score + 0.08 : entry.score * 0.65
            }
            let expected = Self.fullySorted(
                list.map { RankedAnswer(answer: $0.answer, score: newScore($0) ?? $0.score) })
            var rescored = list
            let changed = RankedOrder.rescore(&rescored, newScore)
            #expect(changed == !chosen.isEmpty)
            #expect(rescored == (chosen.isEmpty ? list : expected), "round \(round)")
        }
    }

    @Test func rescoringByClassMatchesScoringThenSortingWhole() {
        var random = SeededGenerator(seed: 4)
        // Kept from round to round, as a session keeps them: lists shorter and longer than before.
        var buffers = RankedOrder.ClassBuffers()
        for round in 0..<300 {
            // In order, as the dialogue's lists are, or not (an answer put first by hand).
            var list = Self.fullySorted(Self.randomList(&random, count: (round * 7) % 90))
            if round % 5 == 0, list.count > 2 { list.swapAt(0, list.count - 1) }
            // Few classes in some rounds, so that some rounds rescore nothing.
            let classOf = Dictionary(
                uniqueKeysWithValues: list.map {
                    (
                        $0.answer,
                        round % 4 == 0
                            ? Int.random(in: 0...1, using: &random) * (round % 8)
                            : Int.random(in: 0..<8, using: &random)
                    )
                })
            // The steps of the re-ranking: ties are made by the cap at 1 and by rounding.
            func newScore(_ score: Double, _ steps: Int) -> Double {
                var score = score
                if steps & 1 != 0 { score = score + 0.08 }
                if steps & 2 != 0 { score = score * 0.65 }
                if steps & 4 != 0 { score = min(1, score + 0.1) }
                return score
            }
            let expected = Self.fullySorted(
                list.map { entry in
                    let steps = classOf[entry.answer]!
                    return steps == 0
                        ? entry
                        : RankedAnswer(answer: entry.answer, score: newScore(entry.score, steps))
                })
            var rescored = list
            let changed = RankedOrder.rescore(
                &rescored, classes: 8, reusing: &buffers, classOf: { classOf[$0.answer]! },
                newScore: newScore)
            let anyRescored = classOf.values.contains { $0 != 0 }
            #expect(changed == anyRescored)
            #expect(rescored == (anyRescored ? expected : list), "round \(round)")
        }
    }

    @Test func mergingMatchesSortingTogether() {
        var random = SeededGenerator(seed: 3)
        for round in 0..<100 {
            let all = Self.randomList(&random, count: round % 50)
            let split = round % 50 == 0 ? 0 : Int.random(in: 0...all.count, using: &random)
            let kept =
                round % 4 == 0 ? Array(all[..<split]) : Self.fullySorted(Array(all[..<split]))
            let moved = Array(all[split...])
            #expect(RankedOrder.merged(kept, moved) == Self.fullySorted(all), "round \(round)")
        }
    }

    @Test func phrasesAreFoundOnlyWithTheirWordsTogether() {
        let words = ["how", "many", "capsules", "is", "that"]
        #expect(Session.contains(["how", "many"], in: words))
        #expect(Session.contains(["is", "that"], in: words))
        #expect(!Session.contains(["how", "capsules"], in: words))
        #expect(!Session.contains(["that", "is", "it"], in: words))
        #expect(Session.contains([], in: []))
        #expect(!Session.contains(["how"], in: []))
    }

    /// An answer put first on purpose (a tie broken by the line's words) stays first when a later
    /// step sets other answers aside by a share of their score and puts the list in order again:
    /// swapped without a score of its own, it went back behind the one it had passed.
    @Test func anAnswerPutFirstStaysFirstThroughALaterSort() {
        var list = [
            RankedAnswer(answer: 7, score: 0.4229), RankedAnswer(answer: 3, score: 0.4183),
            RankedAnswer(answer: 5, score: 0.35), RankedAnswer(answer: 1, score: 0.2),
        ]
        RankedOrder.putFirst(&list, at: 1)
        #expect(list.map(\.answer) == [3, 7, 5, 1])
        #expect(RankedOrder.isInOrder(list))
        _ = RankedOrder.rescore(&list) { $0.answer == 5 ? $0.score * 0.5 : nil }
        #expect(list.map(\.answer) == [3, 7, 1, 5])
        // Already first, or past the end: nothing moves.
        let before = list
        RankedOrder.putFirst(&list, at: 0)
        RankedOrder.putFirst(&list, at: 9)
        #expect(list == before)
        // Scored just above the one it passes, and no more.
        let passed = list[0]
        RankedOrder.putFirst(&list, at: 2)
        #expect(list[0] == RankedAnswer(answer: 1, score: passed.score.nextUp))
        #expect(list[1] == passed)
    }
}
