import MagnesiumTestSupport
import Testing

@testable import MagnesiumKit
@testable import MagnesiumKnowledge
@testable import MagnesiumText
@testable import MagnesiumUnderstanding

/// What a second blind review of real-world messages showed: a child found with a tub open, an
/// old person's age read as a count of tablets, a word corrected into a medicine, a label's
/// directions taken for the amount a person means to take, a group named only to deny it, a
/// clarifying menu of readings the line never named. Each line here is worded afresh, not copied
/// from the review.
@Suite struct RealQuestionsSecondRoundTests {
    typealias Shared = RealQuestionsTests

    /// "Found my 3 year old with my vitamin tub open" names the child by age, not by "him" or
    /// "her", and may come many words before what is missing.
    @Test func aChildFoundWithATubOpenMayHaveSwallowedSome() {
        #expect(
            Shared.fired(
                "just found my 3 year old with my vitamin tub open, a few seem to be missing but she seems ok"
            ).contains("child-swallowed"))
        #expect(
            Shared.fired(
                "quick question about timing first. found our toddler with the pot of my iron and zinc multivitamin open in the bathroom, i counted and maybe 4 or 5 are missing, he is running around happily"
            ).contains("child-swallowed"))
    }

    /// An adult's age is no count of tablets, and "furious" is no misspelt "ferrous".
    @Test func anAdultsAgeIsNoCountOfTablets() {
        #expect(
            !Shared.fired(
                "my grandad is 85 and has had his water tablets for years, can he take magnesium"
            )
            .contains("overdose"))
        #expect(Shared.fired("my grandad took 20 of his tablets by mistake").contains("overdose"))
        #expect(
            Shared.understander.understand("my mum was furious about it").normalized.contains(
                "furious"))
    }

    /// "On dialysis 3x a week" counts sessions: it gives no one an age.
    @Test func timesAWeekIsNoAge() {
        var session = Session(knowledge: Repository.knowledge)
        let reply = session.respond(to: "my wife has dialysis 3x a week, can she take magnesium")
        #expect(!reply.text.contains("aged 3"), "\(reply.text)")
        #expect(session.profile.otherAge == nil)
    }

    /// "The tub says take 1-2 a day ... I'll take 5 tonight": the count the person takes, not the
    /// label's directions; the directions only when the line gives nothing else.
    @Test func theCountTakenBeatsTheLabelsDirections() {
        let planned = Normalizer.words(
            "the tub says take 1-2 a day but im going to take 5 tonight, they are 100mg each")
        #expect(UnitsADay.read(planned)?.total == 5)
        #expect(UnitsADay.read(Normalizer.words("the label says 2 capsules a day"))?.total == 2)
        let replies = converse([
            "the bottle says 1 or 2 a day but more is better right? going to have 5 tonight, each is 100mg magnesium"
        ])
        #expect(replies[0].text.contains("500 mg a day"), "\(replies[0].text)")
    }

    /// What a dose is like is not what it is a dose of: "a dangerous dose" is no substance.
    @Test func aDangerousDoseIsNoSubstance() {
        var session = Session(knowledge: Repository.knowledge)
        let reply = session.respond(to: "is 500mg a dangerous dose")
        #expect(!reply.text.contains("doses of dangerous"), "\(reply.text)")
        #expect(
            session.doseOfSomethingElse(
                Shared.understander.understand("a harmful dose of magnesium?"))
                == nil)
        // Melatonin is a topic now, but its doses are still not magnesium's to give.
        let melatonin = session.respond(to: "best melatonin dose")
        #expect(
            melatonin.text.hasPrefix("I can't advise on doses of melatonin"), "\(melatonin.text)")
    }

    /// A specialist's amount said a few words after the advice is still the specialist's: the
    /// limits for magnesium taken on one's own do not undercut it.
    @Test func aSpecialistsAmountAFewWordsOnIsStillTheirs() {
        let replies = converse([
            "my neurologist recommended magnesium for my headaches, 500mg a day, is that too much"
        ])
        #expect(replies[0].text.hasPrefix("Both can be right"), "\(replies[0].text)")
        let own = converse(["my gp said magnesium is fine, so 900mg a day is ok?"])
        #expect(!own[0].text.contains("Both can be right"), "\(own[0].text)")
    }

    /// What to do while help comes is first aid: no "do not start magnesium" rule for a group
    /// leads it.
    @Test func firstAidWhileHelpComesHasNoRuleForTakingMagnesium() {
        let replies = converse([
            "my dad has kidney failure and took a lot of milk of magnesia, now he is very drowsy and his breathing is slow",
            "the ambulance is coming, can i give him a cup of tea to wake him up",
        ])
        let answer = Shared.answerPart(replies[1])
        #expect(answer.hasPrefix("Do not try to make them sick"), "\(replies[1].text)")
        #expect(!replies[1].text.contains("should not start magnesium"), "\(replies[1].text)")
    }

    /// A group named only to deny it is not the person's: neither its rule nor its answers come.
    @Test func aGroupNamedOnlyToDenyItIsNotThePersons() {
        let kidneys = converse(["no kidney problems here, how much magnesium can i take a day"])
        #expect(!kidneys[0].text.contains("kidney doctor's agreement"), "\(kidneys[0].text)")
        #expect(!kidneys[0].text.contains("With kidney disease"), "\(kidneys[0].text)")
        let pregnancy = converse(["female 29, not pregnant, how much magnesium do i need daily"])
        #expect(Shared.answerPart(pregnancy[0]).contains("310 mg"), "\(pregnancy[0].text)")
        #expect(!pregnancy[0].text.contains("In pregnancy"), "\(pregnancy[0].text)")
        // A contrast ends the denial.
        var session = Session(knowledge: Repository.knowledge)
        _ = session.respond(to: "im not pregnant but i am breastfeeding, can i take magnesium")
        #expect(session.profile.groups.contains("breastfeeding"))
        #expect(!session.profile.groups.contains("pregnancy"))
    }

    /// A menu of readings is offered only when the line's own words point to each: "she won't
    /// eat anything green" names neither interactions nor safety.
    @Test func noMenuOfReadingsTheLineNeverNamed() {
        let replies = converse([
            "how much vitamin d for my 3 year old in the dark months",
            "and magnesium? she won't eat anything green",
        ])
        #expect(!replies[1].text.contains("do you mean"), "\(replies[1].text)")
    }

    /// A dog named by its breed, with its paws or the vet, is an animal; an answer written about
    /// pets answers a question about giving it a supplement.
    @Test func aDogNamedByItsBreedIsAnAnimal() {
        let spaniel = converse([
            "my spaniel has stiff paws, could he have my magnesium tablets or should i ask the vet"
        ])
        #expect(spaniel[0].text.contains("vet"), "\(spaniel[0].text)")
        #expect(!spaniel[0].text.contains("aged"), "\(spaniel[0].text)")
        let gummies = converse(["can my dog have one of my magnesium gummies"])
        #expect(Shared.answerPart(gummies[0]).hasPrefix("No:"), "\(gummies[0].text)")
    }

    /// "The best magnesium" asks which one to pick; "the best time" asks when.
    @Test func bestAsksForAChoiceOrATime() {
        #expect(
            Session.kindsAsked(["what", "is", "the", "best", "magnesium", "for", "cramps"])
                .contains("choice"))
        #expect(
            Session.kindsAsked(["best", "time", "to", "take", "magnesium"]).contains("time"))
    }

    /// Lab results are blood test results: "my lab results say my magnesium is low" is answered
    /// with what to do about a low level, not with what a normal result means.
    @Test func labResultsAreBloodTestResults() {
        let replies = converse(["my lab work came back and my magnesium was low, what now"])
        #expect(!replies[0].text.hasPrefix("Only partly"), "\(replies[0].text)")
        #expect(
            Shared.understander.understand("my lab results say").normalized.contains("blood test"))
    }

    /// "And for my daughter?" after an adult's amount: a child's amount depends on the age, so the
    /// age is asked, and the answer to it gives the figures for that age.
    @Test func aChildOfNoAgeIsAskedTheirAge() {
        let replies = converse([
            "how much magnesium glycinate should i take, im 52",
            "and for my daughter?",
            "she's 7 and quite tall for her age",
        ])
        #expect(replies[1].text.hasPrefix("How old is your daughter?"), "\(replies[1].text)")
        #expect(replies[2].text.contains("110 mg"), "\(replies[2].text)")
    }

    /// With kidney disease, "what about a tiny one, like 20mg?" is still about taking magnesium,
    /// whichever answer checks the amount (one on the magnesium in a food): the kidney rule leads.
    @Test func theKidneyRuleLeadsAnAmountCheckedThroughAFoodAnswer() {
        let replies = converse([
            "i have stage 3 kidney disease, is glycinate ok for my night cramps",
            "what about a tiny one, like 20mg",
        ])
        #expect(
            replies[1].text.hasPrefix("People with kidney disease"), "\(replies[1].text)")
    }

    /// "Forget" is the "forgot" of the wordings: a weekly tablet forgotten and then taken with
    /// everything asks about the missed dose, not the spacing again.
    @Test func aForgottenWeeklyTabletIsAMissedDose() {
        let replies = converse([
            "just started weekly alendronic acid on fridays, i take magnesium and calcium at breakfast",
            "and if i forget one friday and swallow them all together?",
        ])
        #expect(replies[1].text.hasPrefix("Take the missed 70 mg tablet"), "\(replies[1].text)")
    }

    /// "Actually I'm not pregnant, what's my number then?" asks the question before again for the
    /// person as now described.
    @Test func aCorrectionThatAsksAgainIsAnsweredForThePersonNow() {
        let replies = converse([
            "i'm 28 and pregnant with twins",
            "how much magnesium should i take as a supplement",
            "sorry, i misread, i'm not pregnant at all. how much then?",
        ])
        let answer = Shared.answerPart(replies[2])
        #expect(answer.hasPrefix("For an adult"), "\(replies[2].text)")
        #expect(answer.contains("350 mg"), "\(replies[2].text)")
    }
}
