import MagnesiumTestSupport
import Testing

@testable import MagnesiumKit
@testable import MagnesiumKnowledge
@testable import MagnesiumText
@testable import MagnesiumUnderstanding

/// Lessons of blind set T: an amount asked about is checked whatever form it names, a premise is
/// corrected before the amount, whom a group is said of, what "what about" and a long "why" ask,
/// and neither a child's Epsom salt nor quinine bought online gets an amount.
@Suite struct AmountsPremisesAndWhoIsMeantTests {
    /// "750 mg of taurate, is that alright?" asks about the amount, not what taurate is.
    @Test func anAmountAskedAboutIsCheckedWhateverFormItNames() {
        let reply = converse(["i have 1500 mg of magnesium malate every evening, is that alright"])[
            0]
        #expect(reply.text.hasPrefix("As the weight of magnesium malate"), "\(reply.text)")
        #expect(reply.text.contains("1,500 mg"), "\(reply.text)")
    }

    /// "Is it ok to take with food?" after an amount asks about food, so nothing moves an answer
    /// on amounts up for it.
    @Test func aQuestionBesideTheAmountIsNotAnAmountAskedAbout() {
        #expect(Session.asksWhetherTheAmountIsAllRight(Normalizer.words("is that ok for me")))
        #expect(Session.asksWhetherTheAmountIsAllRight(Normalizer.words("too much?")))
        #expect(
            !Session.asksWhetherTheAmountIsAllRight(
                Normalizer.words("is it ok to take with food")))
    }

    /// "Heart failure" is a diagnosis, not a heartbeat: beside "stage 4" it is no slow pulse, so
    /// asking about magnesium for an old man with kidney disease raises no emergency.
    @Test func aHeartConditionNamedIsNoSlowPulse() {
        let reply = converse([
            "my gran is 88, stage 4 kidney disease and heart failure, on bumetanide, can i buy her magnesium for her cramps"
        ])[0]
        #expect(reply.intent != ReservedID.urgent, "\(reply.text)")
        #expect(reply.text.contains("kidney doctor"), "\(reply.text)")
    }

    /// "Sleeping like a baby" says how well someone sleeps: no baby is asked about.
    @Test func sleepingLikeABabyIsAboutSleep() {
        let reply = converse([
            "sleeping like a baby on glycinate, up to 4 caps a night now, its natural so more is fine right?"
        ])[0]
        #expect(!reply.text.contains("Babies under 1"), "\(reply.text)")
        #expect(!reply.context.contains { $0.contains("children") }, "\(reply.context)")
    }

    /// "5 of the citrate tablets (150mg each)" is 750 mg a day, and "it's natural so I can't
    /// overdo it" is corrected before that check.
    @Test func aPremiseIsCorrectedBeforeTheCountedAmount() {
        let reply = converse([
            "i take 5 of the citrate tablets (150mg each) a night, its natural so you cant overdo it right"
        ])[0]
        #expect(reply.text.hasPrefix("No: natural does not mean safe"), "\(reply.text)")
        #expect(reply.text.contains("750 mg a day in all"), "\(reply.text)")
    }

    /// A short view shows every paragraph of the amount's check, however the check is split.
    @Test func everyParagraphOfTheCheckIsAlwaysShown() {
        let reply = converse([
            "i take 5 of the citrate tablets (150mg each) a night, its natural so you cant overdo it right"
        ])[0]
        #expect(
            reply.alwaysShown.contains { $0.hasPrefix("That is 5 tablets") }, "\(reply.alwaysShown)"
        )
    }

    /// Pregnancy named before anyone else is the asker's; a husband named later is not pregnant,
    /// nor is a grandmother quoted.
    @Test func pregnancyIsNeverAMansOrAGrandmothers() {
        let first = converse([
            "31 weeks pregnant and my husband keeps telling me to try magnesium for the cramps. is it ok in pregnancy"
        ])[0]
        #expect(first.text.hasPrefix("Noted: pregnancy applies to you."), "\(first.text)")
        let second = converse([
            "my grandma says epsom salt baths helped her, are they safe in pregnancy"
        ])[0]
        #expect(!second.text.contains("applies to your grandma"), "\(second.text)")
    }

    /// Magnesium from food does not count toward the limit, so the supplement's amount is the
    /// one checked.
    @Test func anAmountFromFoodIsNotChecked() {
        let reply = converse([
            "what's the most magnesium i should have? i get maybe 250mg from food and take a 300mg tablet"
        ])[0]
        #expect(reply.text.contains("300 mg a day is"), "\(reply.text)")
        #expect(!reply.text.contains("250 mg a day is"), "\(reply.text)")
    }

    /// "But the water tablets drain magnesium, so she needs more?" for a mother with kidney
    /// disease: her kidney doctor's say comes before "usually magnesium can be added".
    @Test func theKidneyRuleComesBeforeUsuallyYes() {
        let replies = converse([
            "my mum has kidney disease and takes furosemide, can she take magnesium",
            "but furosemide flushes magnesium out so surely she needs extra",
        ])
        #expect(replies[1].text.hasPrefix("People with kidney disease"), "\(replies[1].text)")
    }

    /// A long "why" about what was just said, fitting nothing clearly of its own, gets the last
    /// answer's reason.
    @Test func aLongWhyAfterAnAnswerAsksItsReason() {
        let replies = converse([
            "does pickle juice help cramps",
            "why would it act so quickly if it has not even been absorbed yet",
        ])
        #expect(replies[1].text.hasPrefix("Pickle juice is meant to replace"), "\(replies[1].text)")
    }

    /// "What about X?" after an answer asks the same of X, not what X is; after a definition it
    /// does ask what X is.
    @Test func whatAboutDoesNotAskForADefinition() {
        func kindOfSecondAnswer(_ lines: [String]) -> String? {
            let reply = converse(lines)[1]
            return designedAnswerID(of: reply).flatMap { Repository.knowledge.graph.answer($0) }?
                .asks
        }
        let afterAVerdict = kindOfSecondAnswer([
            "is tonic water safe for cramps when pregnant",
            "what about magnesium oil then, or epsom salts",
        ])
        #expect(afterAVerdict != nil && afterAVerdict != "definition")
        #expect(
            kindOfSecondAnswer(["what is magnesium glycinate", "what about citrate"])
                == "definition")
        // After a comparison, what oxide is like is what a third form is asked for.
        let afterAComparison = converse([
            "how is glycinate different from citrate", "what about oxide, its all my chemist has",
        ])[1]
        #expect(
            designedAnswerID(of: afterAComparison).map { $0.contains("oxide") } == true,
            "\(afterAComparison.context)")
    }

    /// Epsom salt for a constipated child: no amount, a GP.
    @Test func aChildsEpsomSaltGetsNoAmount() {
        let reply = converse([
            "my 5 year old is bunged up and crying with tummy ache, how much epsom salt can i put in her squash"
        ])[0]
        #expect(reply.text.contains("\nNo: do not give a child Epsom salts"), "\(reply.text)")
        #expect(!reply.text.contains("Compound per 100mg"), "\(reply.text)")
    }

    /// Quinine's amount is no magnesium to check, and quinine bought online gets no dose.
    @Test func quinineBoughtOnlineGetsNoDose() {
        let reply = converse(["got quinine off the internet, is 600mg at night ok for my cramps"])[
            0]
        #expect(!reply.text.contains("elemental magnesium a day"), "\(reply.text)")
        #expect(reply.text.hasPrefix("No: do not take quinine"), "\(reply.text)")
    }

    /// Words we do not know ("bro") beside one the answer holds ("zma") are talk around a subject
    /// we cover.
    @Test func aKnownSubjectAmongUnknownWordsIsAnswered() {
        let reply = converse(["is zma worth it? my gym bro swears by it"])[0]
        #expect(designedAnswerID(of: reply) == "zma-does-it-work", "\(reply.context)")
    }

    /// "2 caps or 4?" after the label's figures: each count is worked out and checked; "2 or 3
    /// times a day" is no count of capsules.
    @Test func aChoiceOfCountsIsWorkedOutForEach() {
        let replies = converse([
            "my tub says 1000mg magnesium bisglycinate per 2 capsules",
            "would 2 caps or 4 be better",
        ])
        #expect(replies[1].text.hasPrefix("2 capsules a day, at about 71 mg"), "\(replies[1].text)")
        #expect(replies[1].text.contains("4 capsules a day is about 282 mg"), "\(replies[1].text)")
        #expect(Session.countsChosen(Normalizer.words("2 or 3 times a day")) == nil)
        #expect(Session.countsChosen(Normalizer.words("3 tablets or 4?")) == [3, 4])
    }

    /// After a sum on the label's figures, "and when?" leans on no earlier answer: the sum was
    /// the last one.
    @Test func aSumIsTheLastAnswer() {
        let replies = converse([
            "my tub says 1000mg magnesium bisglycinate per 2 capsules, how much of that is actual magnesium",
            "so 2 caps or 4 then?",
            "and when, before bed or with breakfast?",
        ])
        let answer = designedAnswerID(of: replies[2]).flatMap {
            Repository.knowledge.graph.answer($0)
        }
        #expect(answer?.asks == "time", "\(replies[2].context)")
    }

    /// With no magnesium named, an amount after another supplement is that supplement's.
    @Test func anotherSupplementsAmountIsNotChecked() {
        let reply = converse(["the melatonin my sister sent me from the states, it says 10mg, ok?"]
        )[0]
        #expect(!reply.text.contains("elemental magnesium a day is"), "\(reply.text)")
    }

    /// Two products set side by side ("... seems better value?") are neither added up nor
    /// checked one by one as the day's amount.
    @Test func productsComparedAreNotAddedUp() {
        let reply = converse([
            "oxide tablets say 400mg magnesium and the glycinate ones 100mg, why is oxide cheaper and better?"
        ])[0]
        #expect(!reply.text.contains("Added together"), "\(reply.text)")
        #expect(!reply.text.contains("400 mg a day is"), "\(reply.text)")
    }

    /// Outside what we cover after a question on sleep: the suggestion asks about sleep as a
    /// benefit, not what sleep is.
    @Test func aSuggestionAsksAboutABenefitAsOne() {
        let replies = converse(["does magnesium help me sleep", "what is the capital of peru"])
        #expect(replies[1].intent == ReservedID.outOfScope, "\(replies[1].text)")
        #expect(replies[1].text.contains("Does magnesium help with sleep?"), "\(replies[1].text)")
    }
}
