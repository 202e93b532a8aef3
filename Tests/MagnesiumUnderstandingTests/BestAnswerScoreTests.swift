import MagnesiumTestSupport
import Testing

@testable import MagnesiumKnowledge
@testable import MagnesiumUnderstanding

/// ``Understander/bestAnswerScore(_:focus:)`` is the score ``Understander/rankedAnswers(_:focus:)``
/// ranks first (0 for none), for a line read as it comes and for one whose answers were scored
/// ahead.
@Suite struct BestAnswerScoreTests {
    static let topics = ["glycine", "taurine", "zinc"]

    /// The tiny graph with a few designed answers that share most of their words.
    static let understander: Understander = {
        var graph = try! TinyGraph.graph(topics: topics)
        let location = SourceLocation(file: "answers.yaml", line: 1)
        let item = AnswerItem(
            factID: nil, text: "An answer.", sourceIDs: ["test-source"], grade: .strong,
            location: location)
        let questions: [(topic: String, questions: [String])] = [
            ("glycine", ["how much glycine should i take", "glycine dose a day"]),
            ("taurine", ["is taurine safe", "is taurine safe with zinc", "taurine side effects"]),
            ("zinc", ["how much zinc a day", "is zinc safe", "zinc dose for adults"]),
            ("zinc", ["what is zinc", "zinc or taurine, which is better"]),
        ]
        graph.answers = questions.enumerated().map { index, answer in
            DesignedAnswer(
                id: "answer-\(index)", topicID: answer.topic, alsoTopicIDs: [], asks: "dose",
                questions: answer.questions, says: [item], more: [], additions: [],
                location: location)
        }
        graph.reindex()
        return Understander(graph: graph)
    }()

    static let lines = [
        "how much zinc should i take", "is it safe", "taurine or glycine?",
        "what dose of glycine a day, and is it safe with zinc", "pizza", "zinc",
        "is taurine safe, and how much a day",
    ]
    static let focuses: [String?] = [nil] + topics

    @Test func theBestScoreIsTheFirstRanked() {
        var ranked = 0
        for line in Self.lines {
            let plain = Self.understander.understand(line)
            var ahead = plain
            Self.understander.rankAnswersAhead(&ahead)
            for focus in Self.focuses {
                for reading in [plain, ahead] {
                    let first = Self.understander.rankedAnswers(reading, focus: focus).first
                    #expect(
                        Self.understander.bestAnswerScore(reading, focus: focus)
                            == first?.score ?? 0, "\(line), focus \(focus ?? "none")")
                    ranked += first == nil ? 0 : 1
                }
            }
        }
        #expect(ranked > 0)
    }

    /// The answers' index takes the topics the line was understood to name; mentions set
    /// afterwards are found again in the words, with the same ranking when they are the same.
    @Test func theMentionsUnderstoodRankAsThoseFoundAgain() {
        for line in Self.lines {
            let understood = Self.understander.understand(line)
            var foundAgain = understood
            foundAgain.mentions = understood.mentions
            #expect(understood.mentionsAreOfTheTokens && !foundAgain.mentionsAreOfTheTokens)
            for focus in Self.focuses {
                #expect(
                    Self.understander.rankedAnswers(understood, focus: focus)
                        == Self.understander.rankedAnswers(foundAgain, focus: focus), "\(line)")
            }
        }
    }

    /// The clauses' topics kept from reading the line are those found again in each clause's
    /// words; clauses set afterwards drop them, with the same ranking.
    @Test func theClausesTopicsUnderstoodAreThoseFoundAgain() throws {
        var several = 0
        for line in Self.lines {
            let understood = Self.understander.understand(line)
            guard understood.clauses.count > 1 else {
                #expect(understood.topicsOfClauses == nil, "\(line)")
                continue
            }
            several += 1
            let topics = try #require(understood.topicsOfClauses)
            #expect(topics.count == understood.clauses.count)
            for (clause, range) in understood.clauses.enumerated() {
                let foundAgain = Understander.replaceMentions(
                    understood.tokens[range], aliases: Self.understander.tables.aliases
                ).mentions.map(\.topicID)
                #expect(topics[clause] == (range.count >= 2 ? foundAgain : nil), "\(line)")
            }
            var reclaused = understood
            reclaused.clauses = understood.clauses
            #expect(reclaused.topicsOfClauses == nil)
            for focus in Self.focuses {
                #expect(
                    Self.understander.rankedAnswers(understood, focus: focus)
                        == Self.understander.rankedAnswers(reclaused, focus: focus), "\(line)")
            }
        }
        #expect(several > 0)
    }
}
