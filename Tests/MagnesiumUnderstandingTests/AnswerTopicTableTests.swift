import MagnesiumTestSupport
import Testing

@testable import MagnesiumUnderstanding

/// The answers' topic table's question-time checks give what their definitions say, on a table
/// built by hand over a small graph.
@Suite struct AnswerTopicTableTests {
    typealias Table = Understander.AnswerTopicTable

    static let topics = ["glycine", "taurine", "zinc", "malate", "citrate"]
    /// Malate and citrate are forms of zinc, for the lineage checks.
    static let lineage = ["malate": ["zinc"], "citrate": ["zinc"]]
    static let answers: [Understander.AnswerTopics] = [
        .init(topics: ["glycine"], needs: []),
        .init(topics: ["taurine", "zinc"], needs: ["zinc"]),
        .init(topics: [], needs: []),
        .init(topics: ["malate", "unlisted"], needs: ["malate"]),
    ]
    static let table = Table(
        graph: try! TinyGraph.graph(topics: topics), answers: answers, lineage: lineage,
        names: ["malate": [["malat", "form"]]])

    /// Whether an answer is about a set, by the definition: it shares a topic with it.
    static func isAbout(_ answer: Int, _ set: [String]) -> Bool {
        !answers[answer].topics.isDisjoint(with: set)
    }

    @Test func countAboutCountsTheSetsAnAnswerSharesATopicWith() {
        let sets: [[String]] = [
            ["glycine"], ["zinc", "malate"], [], ["taurine"], ["nothing-known"], ["unlisted"],
            ["glycine", "taurine", "zinc", "malate", "citrate"],
        ]
        let topicSets = Self.table.topicSets(sets)
        #expect(topicSets.count == sets.count)
        for answer in Self.answers.indices {
            let expected = sets.filter { Self.isAbout(answer, $0) }.count
            #expect(Self.table.countAbout(answer: answer, eachOf: topicSets) == expected)
            for set in sets {
                #expect(
                    (Self.table.countAbout(answer: answer, eachOf: Self.table.topicSets([set])) == 1)
                        == Self.isAbout(answer, set), "answer \(answer), \(set)")
            }
        }
    }

    @Test func aSmallSetCountsAsTheSetsItStandsFor() {
        let sets: [[String]] = [
            ["glycine"], ["zinc", "malate"], [], ["taurine"], ["nothing-known"], ["unlisted"],
            ["malate", "citrate"],
        ]
        for set in sets {
            let topicSets = Self.table.topicSets([set])
            guard let small = Self.table.smallSet(topicSets) else {
                Issue.record("no small set for \(set)")
                continue
            }
            for answer in Self.answers.indices {
                #expect(
                    Self.table.countAbout(answer: answer, small)
                        == Self.table.countAbout(answer: answer, eachOf: topicSets),
                    "answer \(answer), \(set)")
            }
        }
        // Two sets are never one small set.
        #expect(Self.table.smallSet(Self.table.topicSets([["glycine"], ["zinc"]])) == nil)
    }

    /// Topics looked up by number, with their lineage, give the bits of their ids and parents'.
    @Test func theBitsOfNumberedTopicsAreThoseOfTheirIds() {
        let sets: [[String]] = [
            [], ["glycine"], ["malate"], ["citrate", "taurine"], ["nothing-known", "malate"],
            ["unlisted", "zinc", "citrate"],
        ]
        for set in sets {
            let numbers = set.map { Self.table.numberOfTopic[$0] }
            #expect(Self.table.bits(ofNumbers: numbers) == Self.table.bits(of: set), "\(set)")
            #expect(
                Self.table.bitsWithLineage(ofNumbers: numbers)
                    == Self.table.bits(of: set + set.flatMap { Self.lineage[$0] ?? [] }),
                "\(set)")
        }
    }

    @Test func aNeedIsMetByTheTopicItsFormsOrItsNamesWords() throws {
        let zinc = try #require(Self.table.topicIDs.firstIndex(of: "zinc"))
        let malate = try #require(Self.table.topicIDs.firstIndex(of: "malate"))
        func met(_ need: Int, asked: [String], words: [String] = []) -> Bool {
            var check = Table.NeedCheck(Self.table, asked: asked, words: words)
            // Asked twice: the second answer comes from what the first worked out.
            let first = check.isMet(need)
            #expect(check.isMet(need) == first)
            return first
        }
        #expect(met(zinc, asked: ["zinc"]))
        // What an asked topic is a form of, and a form of the topic needed.
        #expect(met(zinc, asked: ["citrate"]))
        #expect(met(malate, asked: ["zinc"]))
        #expect(!met(malate, asked: ["glycine"]))
        // Every word of one of its names.
        #expect(met(malate, asked: [], words: ["malat", "form", "dose"]))
        #expect(!met(malate, asked: [], words: ["malat"]))
        #expect(!met(zinc, asked: ["taurine"], words: ["malat", "form"]))
    }
}
