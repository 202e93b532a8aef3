import MagnesiumTestSupport
import Testing

@testable import MagnesiumUnderstanding

/// Scoring a query over every example in order (what a query touching most examples gets) gives
/// the very scores that listing the examples it touches gives.
@Suite struct DenseScoringTests {
    static let words = ["magnesium", "dose", "sleep", "cramp", "kidney", "child", "food", "take"]

    /// Owners with a few examples each, most of them with "magnesium" and its topic, as the
    /// answers' questions are.
    static func index(using generator: inout some RandomNumberGenerator) -> IntentClassifier {
        let owners = (0..<40).map { owner in
            (0..<Int.random(in: 1...6, using: &generator)).map { _ in
                (0..<Int.random(in: 1...5, using: &generator)).map { _ in
                    words.randomElement(using: &generator)!
                }.joined(separator: " ") + (owner % 3 == 0 ? "" : " magnesium")
            }
        }
        return IntentClassifier(ids: owners.indices.map { "owner-\($0)" }, examples: owners) {
            IntentClassifier.Phrase(
                keys: $0, topics: $0.contains("magnesium") ? ["magnesium"] : [])
        }
    }

    @Test func scoresOverEveryExampleMatchScoresOverThoseTouched() throws {
        var generator = SeededGenerator(seed: 11)
        let index = Self.index(using: &generator)
        let runs = try #require(index.ownerRuns())
        let scratch = ScoringScratch()
        for queryShare in [1, 0.7] {
            let scale = queryShare == 1 ? nil : index.shareScale(queryShare: queryShare)
            for _ in 0..<200 {
                let keys = (0..<Int.random(in: 1...6, using: &generator)).map { _ in
                    (Self.words + ["unknown"]).randomElement(using: &generator)!
                }
                let query = IntentClassifier.Phrase(
                    keys: keys, topics: Bool.random(using: &generator) ? ["magnesium"] : [])
                let touched = index.scores(query, scratch: scratch, scale: scale)
                let everyExample = index.scores(query, scratch: scratch, scale: scale, runs: runs)
                #expect(
                    touched.map(\.bitPattern) == everyExample.map(\.bitPattern), "\(query)")
                // The scratch is left clear: the next query scores as on a fresh one.
                #expect(index.scores(query, scratch: ScoringScratch(), scale: scale) == touched)
            }
        }
    }

    @Test func runsAreEachOwnersExamplesInOrder() throws {
        let index = IntentClassifier(
            ids: ["a", "b", "c", "d"], examples: [["x", "y"], [], ["z"], ["w", "x w", "y"]]
        ) { IntentClassifier.Phrase(keys: $0, topics: []) }
        #expect(try #require(index.ownerRuns()).ends == [2, 2, 3, 6])
    }

    /// The owners listed for a feature are exactly those with an example that has it: what
    /// marking owners from the postings finds, for every feature and owner.
    @Test func featureOwnersAreThoseWhoseExamplesHaveTheFeature() {
        var generator = SeededGenerator(seed: 5)
        let index = Self.index(using: &generator)
        let owners = index.featureOwners()
        for (word, feature) in index.wordID {
            var marks = [Bool](repeating: false, count: index.intentIDs.count)
            index.markOwners(hasWord: word, in: &marks)
            #expect(marks.contains(true), "\(word)")
            for owner in marks.indices {
                #expect(
                    owners.owner(owner, hasFeature: feature) == marks[owner], "\(word) \(owner)")
            }
        }
        // A word with one owner among several examples of others.
        let small = IntentClassifier(
            ids: ["a", "b", "c"], examples: [["x y", "y"], ["y z"], ["x", "x y z w"]]
        ) { IntentClassifier.Phrase(keys: $0, topics: []) }
        let smallOwners = small.featureOwners()
        let w = small.wordID["w"]!
        #expect((0..<3).map { smallOwners.owner($0, hasFeature: w) } == [false, false, true])
        let y = small.wordID["y"]!
        #expect((0..<3).map { smallOwners.owner($0, hasFeature: y) } == [true, true, true])
    }
}
