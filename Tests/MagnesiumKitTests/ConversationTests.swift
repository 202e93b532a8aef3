import Testing
@testable import MagnesiumKit

@Suite struct ConversationTests {
    @Test func definitionThenDoseFollowUpKeepsTheTopic() {
        let replies = converse(["what is magnesium bisglycinate?", "how much of it should I take?"])
        #expect(replies[0].intent == "definition")
        #expect(replies[0].topics.contains("magnesium-bisglycinate"))
        #expect(replies[1].intent == "dose")
        #expect(replies[1].topics.contains("magnesium-bisglycinate"))
        #expect(replies[1].text.contains("mg"))
        #expect(!replies[1].sourceIDs.isEmpty)
    }

    @Test func pregnancyShapesTheDoseAnswerUntilWithdrawn() {
        let replies = converse(["I'm pregnant", "how much magnesium should I take?", "actually I'm not pregnant", ":profile"])
        #expect(replies[0].intent == "profile")
        #expect(replies[1].text.lowercased().contains("pregnan"))
        #expect(replies[2].text.contains("no longer"))
        #expect(replies[3].text.contains("haven't told me"))
    }

    @Test func outOfScopeSaysSoAndSuggests() {
        let reply = converse(["what is the capital of france?"])[0]
        #expect(reply.intent == "out-of-scope")
        #expect(reply.text.contains("outside what I know"))
    }

    @Test func urgentAdviceComesFirst() {
        let reply = converse(["I have chest pain, how much magnesium should I take?"])[0]
        #expect(reply.text.lowercased().contains("emergency"))
        let emergencyAt = reply.text.lowercased().range(of: "emergency")!.lowerBound
        #expect(reply.text.distance(from: reply.text.startIndex, to: emergencyAt) < 120)
    }

    @Test func repliesAreDeterministic() {
        let lines = ["what is magnesium bisglycinate?", "and citrate?", "tell me more", "which foods have the most magnesium?"]
        #expect(converse(lines).map(\.text) == converse(lines).map(\.text))
    }

    @Test func aMisspellingCloseToTwoTopicsIsAskedAboutAndTheAnswerUsed() {
        let replies = converse(["how much glycinte should i take", "glycinate"])
        #expect(replies[0].intent == "unsure")
        #expect(replies[0].text == "Do you mean magnesium bisglycinate or glycine?")
        #expect(replies[1].intent == "dose")
        #expect(replies[1].topics.first == "magnesium-bisglycinate")
    }

    @Test func anUnclearQuestionAboutATopicGetsAClarifyingQuestion() {
        let replies = converse(["so bisglycinate is the most absorbable form?", "how well it is absorbed"])
        #expect(replies[0].intent == "unsure")
        #expect(replies[0].text.hasPrefix("About magnesium bisglycinate: do you mean"))
        #expect(replies[0].text.contains("how well it is absorbed"))
        #expect(replies[1].intent == "absorption")
        #expect(replies[1].topics == ["magnesium-bisglycinate"])
        let byOrder = converse(["so bisglycinate is the most absorbable form?", "the second one"])
        let offered = ["how well it is absorbed", "what it is"].sorted { byOrder[0].text.range(of: $0)!.lowerBound < byOrder[0].text.range(of: $1)!.lowerBound }
        #expect(byOrder[1].intent == (offered[1] == "what it is" ? "definition" : "absorption"))
    }

    @Test func aLeadingQuestionGetsTheEvidenceNotAgreement() {
        let reply = converse(["magnesium glycinate stops leg cramps, doesn't it?"])[0]
        #expect(reply.intent == "evidence" || reply.intent == "article-claim")
        #expect(reply.text.contains("placebo"))
    }

    @Test func followUpsLeanOnTheLastAnswer() {
        let replies = converse(["what is magnesium bisglycinate?", "is that safe?", "compare it with oxide", "and citrate?", "tell me more", "source?"])
        #expect(replies[1].intent == "safety")
        #expect(replies[1].topics.first == "magnesium-bisglycinate")
        #expect(replies[2].intent == "comparison")
        #expect(replies[2].topics == ["magnesium-bisglycinate", "magnesium-oxide"])
        #expect(replies[3].intent == "comparison")
        #expect(replies[3].topics.contains("magnesium-citrate"))
        #expect(replies[4].intent == "more")
        #expect(Set(replies[4].factIDs).isDisjoint(with: replies[0].factIDs + replies[1].factIDs))
        #expect(replies[5].intent == "source")
        #expect(replies[5].text.contains("https://"))
    }

    @Test func aMedicineInTheProfileBringsItsTimeGap() {
        let replies = converse(["I take ciprofloxacin", "when should I take magnesium?"])
        #expect(replies[0].intent == "profile")
        #expect(replies[1].intent == "timing")
        #expect(replies[1].text.contains("2 hours before"))
    }

    @Test func aChildsAgeSelectsTheChildrensFigures() {
        let replies = converse(["my son is 6", "how much magnesium can he have?"])
        #expect(replies[0].intent == "profile")
        #expect(replies[1].text.contains("110 mg"))
    }

    @Test func hostileInputGetsACleanReplyAndTheSessionGoesOn() {
        let wall = String(repeating: "what is magnesium ", count: 60_000)
        let lines = [wall, String(repeating: "a", count: 10_000), "\u{0}\u{1}\u{1B}[31m\u{202E}", "   ", "🙂🙂🙂", "e\u{301}\u{301}\u{301}", "what is glycine?"]
        let replies = converse(lines)
        #expect(replies[0].context.contains { $0.hasPrefix("read only the first 1000 characters") })
        for reply in replies { #expect(!reply.text.isEmpty) }
        #expect(replies.last?.intent == "definition")
        #expect(replies.last?.topics.first == "glycine")
    }

    @Test func unknownCommandSuggestsTheNearest() {
        let reply = converse([":topcs"])[0]
        #expect(reply.text.contains("Did you mean :topics?"))
    }
}

@Suite struct SeedArticleTests {
    /// The article's claims, in its order; each must be in the graph with a verdict and the facts that check it.
    static let claimKeywords: [(Int, String)] = [
        (1, "painful"), (2, "glycine"), (3, "absor"), (4, "muscle"), (5, "gentle"), (6, "involuntary"),
        (7, "dehydration"), (8, "relax"), (9, "electrolyte"), (10, "fatigue"), (11, "sleep"), (12, "sleep"),
        (13, "anxiety"), (14, "bone"), (15, "heart"), (16, "200"), (17, "professional"), (18, "promising"),
    ]

    @Test(arguments: claimKeywords)
    func claimIsInTheGraph(_ number: Int, _ keyword: String) {
        let graph = Repository.knowledge.graph
        let claim = graph.claims.first { $0.number == number }
        #expect(claim != nil, "claim \(number) missing")
        guard let claim else { return }
        #expect(Schema.verdicts.contains(claim.verdict))
        #expect(!claim.evidenceFactIDs.isEmpty)
        #expect(claim.evidenceFactIDs.allSatisfy { graph.fact($0) != nil })
        let text = (claim.claim + " " + claim.keywords.joined(separator: " ")).lowercased()
        #expect(text.contains(keyword), "claim \(number) does not read like the article's: \(claim.claim)")
    }
}
