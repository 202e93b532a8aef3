import Foundation
import MagnesiumTestSupport
import Testing

@testable import MagnesiumKit
@testable import MagnesiumKnowledge
@testable import MagnesiumText
@testable import MagnesiumUnderstanding

/// Tests moved here from the engine targets because they read the repository's own knowledge:
/// a content edit may change them, an engine change should not.
@Suite struct ProductionGraphTests {
    @Test func theRepositoryKnowledgeLoads() throws {
        let graph = Repository.knowledge.graph
        #expect(graph.topics.count >= 5)
        #expect(graph.factCount > 0)
        for id in [
            "magnesium-bisglycinate", "magnesium", "glycine", "muscle-cramps", "magnesium-dose",
        ] {
            #expect(graph.topic(id) != nil, "missing topic \(id)")
        }
    }

    @Test func inverseRelationsAreDerived() {
        let graph = Repository.knowledge.graph
        let magnesium = graph.topic("magnesium")!
        #expect(
            magnesium.relations.contains {
                $0.type == .hasForm && $0.to == "magnesium-bisglycinate" && $0.isDerived
            })
    }

    /// The repository's own knowledge keeps the rules: no level-1 fact without a source of
    /// standing.
    @Test func theRepositoryKnowledgePassesTheEvidenceRules() {
        let check = EvidenceCheck(graph: Repository.knowledge.graph)
        let problems = check.problems()
        #expect(problems.count == 0, "\(problems.prefix(5).map(\.description))")
        #expect(
            check.summary().allSatisfy {
                $0.levelOneOnStanding == $0.levelOneFacts && $0.dosesWithoutBasis == 0
            })
    }

    @Test func theRepositoryKnowledgeHoldsNoControlCharacters() {
        #expect(
            GraphValidator(graph: Repository.knowledge.graph).controlCharacterWarnings().isEmpty)
    }
}

/// Amounts as the replies over the repository's knowledge name them.
@Suite struct AmountRepliesTests {
    /// The replies: an amount over the limit is never "within the limits", and an impossible
    /// amount or age is named, not read as another number.
    @Test(arguments: [
        "is 1e3 mg too much?", "is 2e3mg too much?", "is 2,000 mg too much?",
        "is 1.000 mg too much?",
        "is 10^6 mg too much?", "is 1e308 mg too much?", "is 350 kg too much?",
        "is 0.5 g too much?",
    ])
    func overTheLimitIsNeverWithin(_ line: String) {
        let text = converse([line])[0].text
        #expect(!text.contains("within the adult upper limits"), "\(line): \(text)")
        #expect(
            text.contains("above the adult upper limits")
                || text.contains("far above the adult upper limits"), "\(line): \(text)")
    }

    @Test func repliesNameWhatWasWritten() {
        let replies = converse([
            "is 1e3 mg too much?", "is -700 mg too much?", "is 1e308 mg too much?",
            "is 400 mcg too much?",
        ])
        #expect(replies[0].text.hasPrefix("Read as elemental magnesium, 1,000 mg a day is above"))
        #expect(replies[1].text.hasPrefix("-700 mg is not an amount anyone can take"))
        #expect(!replies[1].text.contains("700 mg a day is"))
        #expect(replies[2].text.hasPrefix("1e308 mg a day is not an amount anyone could take"))
        #expect(replies[3].text.hasPrefix("Read as elemental magnesium, 0.4 mg a day is within"))
    }

    @Test func impossibleAgeIsNotKept() {
        var session = Session(knowledge: Repository.knowledge)
        let reply = session.respond(to: "I am -5 years old")
        #expect(reply.text.contains("-5 is not an age I can use"))
        #expect(!reply.text.contains("you are 5"))
        #expect(session.profile.age == nil)
    }
}
