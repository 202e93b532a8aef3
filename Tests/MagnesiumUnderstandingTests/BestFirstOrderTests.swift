import MagnesiumTestSupport
import Testing

@testable import MagnesiumUnderstanding

/// The ranking sort gives the order the standard library's stable sort gave with the ranking's
/// comparison (higher scores first, equal scores by place) on rankings listed in place order, and
/// keeps equal scores in the order they came in whatever that order.
@Suite struct BestFirstOrderTests {
    /// What rankings were sorted with before: a stable sort by score, then place.
    static func byScoreThenPlace(_ items: [RankedAnswer]) -> [RankedAnswer] {
        items.sorted { $0.score != $1.score ? $0.score > $1.score : $0.answer < $1.answer }
    }

    /// By score, equal scores in the order they came in.
    static func byScoreThenArrival(_ items: [RankedAnswer]) -> [RankedAnswer] {
        items.enumerated().sorted {
            $0.element.score != $1.element.score
                ? $0.element.score > $1.element.score : $0.offset < $1.offset
        }.map(\.element)
    }

    static func sorted(_ items: [RankedAnswer]) -> [RankedAnswer] {
        var items = items
        BestFirstOrder.sort(&items)
        return items
    }

    /// Places in file order (as rankings list them before sorting), scores drawn from `values`.
    static func ranking(
        count: Int, values: [Double], using generator: inout some RandomNumberGenerator
    ) -> [RankedAnswer] {
        (0..<count).map {
            RankedAnswer(answer: $0, score: values.randomElement(using: &generator)!)
        }
    }

    @Test func emptyAndSingleRankingsStayAsTheyAre() {
        #expect(Self.sorted([]) == [])
        let one = [RankedAnswer(answer: 3, score: 0.5)]
        #expect(Self.sorted(one) == one)
    }

    @Test func equalScoresKeepTheOrderTheyCameIn() {
        let items = [
            RankedAnswer(answer: 7, score: 0.5), RankedAnswer(answer: 2, score: 0.9),
            RankedAnswer(answer: 1, score: 0.5), RankedAnswer(answer: 4, score: 0.5),
        ]
        #expect(Self.sorted(items).map(\.answer) == [2, 7, 1, 4])
    }

    @Test func everySizeAroundTheInsertionLimitMatchesTheStableSort() {
        var generator = SeededGenerator(seed: 42)
        // Few distinct scores (many ties), many, and the full range of a double's bytes.
        let few = [0.25, 0.5, 0.75, 1]
        let many = (1...2_000).map { Double($0) / 2_000 }
        let wide = (0..<2_000).map { _ in
            Double.random(in: 0.0...1, using: &generator).nextUp
                * Double(
                    sign: .plus, exponent: -Int.random(in: 0...60, using: &generator),
                    significand: 1)
        }
        for count in [2, 3, 31, 32, 33, 95, 96, 97, 100, 255, 256, 257, 411, 1_000] {
            for values in [few, many, wide] {
                let items = Self.ranking(count: count, values: values, using: &generator)
                #expect(Self.sorted(items) == Self.byScoreThenPlace(items), "\(count) items")
                let shuffled = items.shuffled(using: &generator)
                #expect(Self.sorted(shuffled) == Self.byScoreThenArrival(shuffled), "\(count)")
            }
        }
    }

    /// Scores spread over buckets with ties among them (sorted bucket by bucket), and scores
    /// crowded near one value with a far outlier (too many in a bucket: the radix sort).
    @Test func tiedAndCrowdedScoresMatchTheStableSort() {
        var generator = SeededGenerator(seed: 7)
        for count in [97, 150, 400, 417, 1_000] {
            let tied = (0..<count).map { _ in
                (Double.random(in: 0.001...1, using: &generator) * 200).rounded(.up) / 200
            }
            let crowded = (0..<count).map { index in
                index % 50 == 7
                    ? 1e-9 : 0.3 + Double.random(in: 0..<0.001, using: &generator)
            }
            for values in [tied, crowded] {
                let items = values.enumerated().map {
                    RankedAnswer(answer: $0.offset, score: $0.element)
                }
                #expect(Self.sorted(items) == Self.byScoreThenPlace(items), "\(count) items")
                let shuffled = items.shuffled(using: &generator)
                #expect(Self.sorted(shuffled) == Self.byScoreThenArrival(shuffled), "\(count)")
            }
        }
    }

    @Test func risingAndFallingScoresMatchTheStableSort() {
        let rising = (0..<300).map { RankedAnswer(answer: $0, score: Double($0 + 1) / 300) }
        #expect(Self.sorted(rising) == Self.byScoreThenPlace(rising))
        let falling = (0..<300).map { RankedAnswer(answer: $0, score: Double(300 - $0) / 300) }
        #expect(Self.sorted(falling) == falling)
    }

    @Test func theSmallestAndLargestPositiveScoresSortByValue() {
        let extremes = [
            1, .leastNonzeroMagnitude, .leastNormalMagnitude, 1e-300, 0.5, 1e300, 2,
            .greatestFiniteMagnitude,
        ]
        let items = (0..<200).map {
            RankedAnswer(answer: $0, score: extremes[$0 % extremes.count])
        }
        #expect(Self.sorted(items) == Self.byScoreThenPlace(items))
    }

    @Test func rankedPlacesListOnlyScoresAboveZeroBestFirst() {
        let classifier = IntentClassifier(
            ids: ["a", "b", "c", "d"], examples: [["x"], ["y"], ["z"], ["w"]]
        ) { IntentClassifier.Phrase(keys: $0, topics: []) }
        let ranked = classifier.rankedPlaces([0.5, 0, 0.9, 0.5])
        #expect(ranked.map(\.answer) == [2, 0, 3])
        #expect(classifier.ranked([0.5, 0, 0.9, 0.5]).map(\.intent) == ["c", "a", "d"])
    }
}
