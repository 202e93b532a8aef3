import MagnesiumTestSupport
import Testing

@testable import MagnesiumKit
@testable import MagnesiumKnowledge
@testable import MagnesiumText
@testable import MagnesiumUnderstanding

/// What a short follow-up's "it", "them" or missing subject stands for, and what its few words
/// ask for.
@Suite struct WhatTheFollowUpRefersToTests {
    func answer(of reply: Reply) -> String? { designedAnswerID(of: reply) }

    func topics(of reply: Reply) -> [String] {
        answer(of: reply).flatMap { Repository.knowledge.graph.answer($0)?.topicIDs } ?? []
    }

    /// "Help with them" in a line naming magnesium is the condition talked about; "them" with
    /// no preposition is the cramps, not the theory of their cause.
    @Test func themIsTheConditionTalkedAbout() {
        let replies = converse([
            "i get migraines a few times a month", "could magnesium help with them", ":reset",
            "are cramps at night down to low electrolytes", "ok so what does cause them",
        ])
        #expect(topics(of: replies[1]).contains("migraine"), "\(replies[1].context)")
        #expect(answer(of: replies[4]) != answer(of: replies[3]), "\(replies[4].context)")
    }

    /// "Magnesium taurate, what is it?": the clause before names what "it" is, whatever the
    /// conversation was about.
    @Test func aClauseThatOnlyNamesSomethingSaysWhatItIs() {
        let replies = converse([
            "what is magnesium bisglycinate", "magnesium threonate, what is it",
        ])
        #expect(topics(of: replies[1]).contains("magnesium-l-threonate"), "\(replies[1].context)")
    }

    /// "It hasn't done much" and "will it still help me go" are about what is taken: no goodbye,
    /// no list of what the assistant can do.
    @Test func aLineAboutItIsNoGoodbye() {
        let replies = converse([
            "i take magnesium for restless legs", "it hasnt really done much", ":reset",
            "i use magnesium citrate for constipation", "will it still help me go on glycinate",
        ])
        for reply in [replies[1], replies[4]] {
            #expect(!["goodbye", "capabilities"].contains(reply.intent), "\(reply.text)")
        }
        // A goodbye is still one.
        #expect(converse(["bye"])[0].intent == "goodbye")
    }

    /// "Is that a problem?" is no "why?", and "how many hours apart then" no "tell me more":
    /// from someone on an antibiotic both are about the antibiotic.
    @Test func followUpIntentsNeedTheirWords() {
        let replies = converse([
            "i was given ciprofloxacin for a water infection",
            "i take my magnesium at breakfast, is that a problem", "how many hours apart then",
        ])
        #expect(!["why", "more"].contains(replies[1].intent), "\(replies[1].context)")
        #expect(topics(of: replies[2]).contains("quinolone-antibiotics"), "\(replies[2].context)")
        #expect(Session.asksForWhatItsIntentGives(understand("why is that"), "why"))
        #expect(Session.asksForWhatItsIntentGives(understand("tell me more"), "more"))
        #expect(!Session.asksForWhatItsIntentGives(understand("is that a problem"), "why"))
    }

    /// A statement about oneself before the question tells what it is about; the statement
    /// alone would be asked what restless legs are.
    @Test func aStatementBeforeTheQuestionIsItsSubject() {
        let reply = converse(["i have restless legs, does magnesium help"])[0]
        #expect(answer(of: reply) == "magnesium-for-restless-legs", "\(reply.context)")
    }

    /// An answer written for babies is not given for a child of 7.
    @Test func anOlderChildGetsNoBabysAnswer() {
        let reply = converse([
            "my son is 7 and has aching legs at night, can i give him some magnesium"
        ])[0]
        #expect(!reply.text.contains("babies under"), "\(reply.text)")
        #expect(!(answer(of: reply) ?? "").contains("infant"), "\(reply.context)")
    }

    /// Cramps in the stomach are a side effect, not a muscle cramp.
    @Test func stomachCrampsAreASideEffect() {
        let reply = converse(["i take magnesium citrate", "it works but i get cramps in my tummy"])[
            1]
        #expect(topics(of: reply).contains("side-effects"), "\(reply.context)")
    }

    /// "I'm pregnant, leg cramps every night": the pregnancy is noted, not swallowed by the name
    /// "pregnant leg cramps" running across the comma.
    @Test func noNameRunsAcrossAComma() {
        var session = Session(knowledge: Repository.knowledge)
        _ = session.respond(to: "im 31 weeks pregnant, legs cramping every night")
        #expect(session.profile.groups.contains("pregnancy"), "\(session.profile)")
        let mentions = Repository.knowledge.understander.understand(
            "any tips for pregnant leg cramps"
        ).topicIDs
        #expect(mentions.contains("pregnancy-leg-cramps"), "\(mentions)")
    }

    /// "When should she take it?" about someone on a bisphosphonate is answered with its
    /// timing; "when can I stop taking it?" is not a question of timing.
    @Test func whenToTakeItBesideAMedicine() {
        let replies = converse([
            "my mum is 76 and takes alendronic acid weekly", "when should she take it",
        ])
        #expect(topics(of: replies[1]).contains("bisphosphonates"), "\(replies[1].context)")
        // "Has" a medicine is taking it.
        var session = Session(knowledge: Repository.knowledge)
        _ = session.respond(to: "my dad is 81 and has alendronic acid every sunday")
        #expect(session.profile.otherMedicines == ["bisphosphonates"], "\(session.profile)")
        #expect(Session.asksWhenToTakeIt(understand("what time should i take it")))
        #expect(!Session.asksWhenToTakeIt(understand("when can i stop taking it")))
    }

    /// A line whose clauses include an empty one (at a dash) before a question (the held-out
    /// question that crashed the clause reading).
    @Test func anEmptyClauseBeforeAQuestionIsRead() {
        let reply = converse([
            "i read it’s “particularly favored” for being gentle on the stomach — legit?"
        ])[0]
        #expect(!reply.text.isEmpty)
    }

    func understand(_ line: String) -> Understanding {
        Repository.knowledge.understander.understand(line)
    }
}
