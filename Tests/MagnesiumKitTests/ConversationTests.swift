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

    @Test func anAmountIsCheckedAgainstTheLimitsBothWays() {
        let reply = converse(["is 700mg of glycinate too much?"])[0]
        #expect(reply.text.contains("700 mg a day is above the adult upper limits"))
        #expect(reply.text.contains("it gives about 99 mg of elemental magnesium"))
        let between = converse(["I take 300 mg of bisglycinate a day, is that ok?"])[0]
        #expect(between.text.contains("above the EU 250 mg a day limit but within the US 350 mg a day limit"))
    }

    @Test func aStatementWithAQuestionIsNotedAndAnswered() {
        let reply = converse(["i'm on doxycycline, can i still take mag glycinate"])[0]
        #expect(reply.text.hasPrefix("Noted: you take tetracycline antibiotics."))
        #expect(reply.intent == "interactions")
        #expect(reply.text.contains("2 hours"))
        let bare = converse(["I'm pregnant", "actually I'm not pregnant"])
        #expect(bare[1].text == "Noted: pregnancy no longer applies.")
    }

    @Test func someoneElsesAgeAndItsCorrection() {
        let replies = converse(["my daughter is 4", "how much can she have", "sorry she is actually 9", "how much can she have", ":profile"])
        #expect(replies[1].text.contains("110 mg"))
        #expect(replies[2].text.hasPrefix("Noted: your daughter is 9"))
        #expect(replies[3].text.contains("350 mg"))
        #expect(replies[4].text.contains("Asking for your daughter, aged 9"))
        let duration = converse(["I've been on omeprazole for 2 years"])[0]
        #expect(!duration.context.contains { $0.contains("age 2") })
    }

    @Test func theArticleIsNamedSoTheClaimIsChecked() {
        let reply = converse(["the article says bisglycinate is absorbed better than other forms. is that true"])[0]
        #expect(reply.intent == "article-claim")
        #expect(reply.text.contains("What the evidence shows"))
    }

    @Test func anEmergencyReplyNamesTheEmergency() {
        let reply = converse(["my calf is swollen red and hot"])[0]
        #expect(reply.intent == "urgent")
        #expect(reply.topics.first == "blood-clot")
    }

    @Test func aNewQuestionIsNotTakenAsTheAnswerToAClarification() {
        let replies = converse(["so bisglycinate is the most absorbable form?", "what do the reviews of pregnancy cramp treatments say"])
        #expect(replies[0].intent == "unsure")
        #expect(replies[1].topics.first != "magnesium-bisglycinate")
        #expect(!replies[1].context.contains { $0.hasPrefix("answering the question I asked") })
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
