import MagnesiumTestSupport
import Testing

@testable import MagnesiumKnowledge
@testable import MagnesiumUnderstanding

/// Two readings of the answers' index: a count typed in words is matched as its digits, and a
/// clause of a longer line is scored with a share of the whole line, so the story before a short
/// question decides between answers that fit the question alike.
@Suite struct CountWordsAndStoryTests {
    static let understander: Understander = {
        var graph = try! TinyGraph.graph(topics: ["glycine", "zinc"])
        let location = SourceLocation(file: "answers.yaml", line: 1)
        let item = AnswerItem(
            factID: nil, text: "An answer.", sourceIDs: ["test-source"], grade: .strong,
            location: location)
        let questions: [(id: String, topic: String, questions: [String])] = [
            ("extra-dose", "zinc", ["took 2 doses of zinc by mistake today"]),
            ("overdose", "zinc", ["did i overdose on zinc"]),
            ("four-hundred", "glycine", ["is four hundred mg of glycine too much"]),
            // In this order, a tie goes to two capsules.
            ("two-capsules", "glycine", ["is 2 capsules of glycine too much"]),
            ("four-capsules", "glycine", ["is 4 capsules of glycine too much"]),
        ]
        graph.answers = questions.map { answer in
            DesignedAnswer(
                id: answer.id, topicID: answer.topic, alsoTopicIDs: [], asks: "verdict",
                questions: answer.questions, says: [item], more: [], additions: [],
                location: location)
        }
        graph.reindex()
        return Understander(graph: graph)
    }()

    func best(_ line: String) -> String? {
        let understander = Self.understander
        return understander.rankedAnswers(understander.understand(line)).first.map {
            understander.graph.answers[$0.answer].id
        }
    }

    @Test func aCountInWordsIsMatchedAsItsDigits() {
        #expect(best("took two doses of zinc by mistake") == "extra-dose")
        #expect(best("is four capsules of glycine too much") == "four-capsules")
        #expect(best("is two capsules of glycine too much") == "two-capsules")
    }

    @Test func theStartOfALargerNumberKeepsItsWord() {
        #expect(best("four hundred mg of glycine, too much?") == "four-hundred")
    }

    func score(of id: String, _ line: String) -> Double {
        let understander = Self.understander
        return understander.rankedAnswers(understander.understand(line)).first {
            understander.graph.answers[$0.answer].id == id
        }?.score ?? 0
    }

    @Test func theStoryBeforeAShortQuestionCounts() {
        // "Did I overdose?" after a story the general answer does not fit scores it lower than
        // the question alone does; the answer that fits the story keeps its lead.
        let alone = score(of: "overdose", "did i overdose")
        let told = score(of: "overdose", "took two doses today by mistake, did i overdose")
        #expect(told < alone - 0.02, "\(told) against \(alone)")
        #expect(best("took two doses today by mistake, did i overdose") == "extra-dose")
    }
}
