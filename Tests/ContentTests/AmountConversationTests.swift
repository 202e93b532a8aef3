import MagnesiumTestSupport
import Testing

@testable import MagnesiumKit
@testable import MagnesiumKnowledge
@testable import MagnesiumText
@testable import MagnesiumUnderstanding

/// Amounts the person says, read as they meant them and worked with later in the conversation.
@Suite struct AmountConversationTests {
    /// "2 of them twice a day" is four capsules: the day's amount is every capsule's, whether the
    /// capsule's amount was said on the line before or on the same line. A daily amount said
    /// before ("I take 600 mg") is not multiplied by a count asked about later.
    @Test func capsulesTakenSeveralTimesADayAreAddedUp() {
        let replies = converse([
            "my capsule says 500 mg magnesium bisglycinate, how much actual magnesium is that",
            "i take 2 of them twice a day, is that too much", ":reset",
            "i take two 500mg bisglycinate capsules three times a day, is that too much", ":reset",
            "i take 600 mg magnesium a day", "can i take 3 pills a day or is that too much",
        ])
        #expect(
            replies[1].text.hasPrefix(
                "2 capsules twice a day, 4 capsules a day, at about 71 mg of elemental magnesium each, is about 282 mg a day, which is above the EU"
            ),
            "\(replies[1].text)")
        #expect(
            replies[3].text.hasPrefix(
                "That is 2 capsules 3 times a day, 6 capsules a day, at 500 mg each: 3,000 mg a day in all."
            ),
            "\(replies[3].text)")
        #expect(replies[3].text.contains("3,000 mg gives about 423 mg of elemental magnesium"))
        #expect(!replies[6].text.contains("1,800 mg"), "\(replies[6].text)")
    }

    /// A count of tablets is no age: "he ate like 15 of them" leaves a 3-year-old 3.
    @Test func aCountOfTabletsIsNotTheChildsAge() {
        let replies = converse([
            "my son is 3, can kids take magnesium",
            "he just got into my bottle and i think he ate like 15 of them",
            "sorry, hes 13 not 3",
        ])
        #expect(replies[1].intent == "urgent")
        #expect(!replies[1].text.contains("15"), "\(replies[1].text)")
        #expect(replies[2].text.contains("Noted: your son is 13."), "\(replies[2].text)")
    }

    /// "120mg magnesium per capsule" is one capsule's amount, whatever count of capsules the line
    /// also gives for what was taken: never 120 mg divided by that count.
    @Test func anAmountPerCapsuleIsOneCapsulesWhateverTheCountTaken() {
        let reply = converse([
            "the label says 120mg magnesium per capsule and i took 4 capsules today, is that too much"
        ])[0]
        #expect(!reply.text.contains("divided by 4"), "\(reply.text)")
        #expect(!reply.text.contains("30 mg"), "\(reply.text)")
    }

    /// "Omeprazole 20mg" is the medicine's amount: it is not added to the magnesium.
    @Test func aMedicinesAmountIsNotMagnesium() {
        let reply = converse([
            "omeprazole 20mg and magnesium glycinate 300mg together, is that too much magnesium"
        ])[0]
        #expect(!reply.text.contains("320 mg"), "\(reply.text)")
        #expect(reply.text.hasPrefix("Read as elemental magnesium, 300 mg a day"), "\(reply.text)")
    }

    /// A medicine no topic names is told by its stem, and an amount said before is kept apart
    /// from a medicine's amount said later.
    @Test func aMedicineNamedByItsStemIsNotMagnesium() {
        let single = converse(["im also on sertraline 50mg, any problem there?"])[0]
        #expect(!single.text.contains("50 mg a day"), "\(single.text)")
        let later = converse([
            "my capsule says 500 mg magnesium bisglycinate on the front",
            "I'm also on metformin 500mg, does that matter",
        ])
        #expect(!later[1].text.contains("500 mg + 500 mg"), "\(later[1].text)")
        #expect(Session.namesAMedicine("lisinopril") && Session.namesAMedicine("atorvastatin"))
        #expect(!Session.namesAMedicine("glycinate") && !Session.namesAMedicine("magnesium"))
    }

    /// "500 mg magnesium bisglycinate" on a product's front is the compound's weight: what is in
    /// it, and three of them a day, are worked out from about 71 mg each.
    @Test func aCompoundNamedAfterItsAmountIsItsWeight() {
        let replies = converse([
            "my capsule says 500 mg magnesium bisglycinate on the front",
            "how much actual magnesium is in that", "i take 3 a day is that too much",
        ])
        #expect(replies[1].text.hasPrefix("500 mg of magnesium bisglycinate holds about 71 mg"))
        #expect(replies[2].text.contains("about 212 mg a day"), "\(replies[2].text)")
    }

    @Test func unitsADayAreReadAsPeopleSayThem() {
        #expect(UnitsADay.read(["i", "take", "2", "of", "them", "twice", "a", "day"])?.total == 4)
        #expect(UnitsADay.read(["i", "take", "4", "a", "day"])?.total == 4)
        #expect(
            UnitsADay.read(["one", "tablet", "morning", "and", "night"])?.said
                == "1 tablet twice a day, 2 tablets a day")
        #expect(UnitsADay.read(["is", "500", "mg", "too", "much"]) == nil)
        #expect(UnitsADay.read(["i", "am", "3", "months", "pregnant"]) == nil)
    }

    @Test func anAmountOfSomethingElseIsNotCheckedAsMagnesium() {
        let replies = converse([
            "is 3g glycine at bedtime safe", ":reset",
            "i take 100 mg of zinc and 300 mg magnesium, is that too much",
        ])
        #expect(!replies[0].text.contains("3,000 mg"))
        #expect(replies[0].text.contains("glycine"))
        #expect(replies[2].text.hasPrefix("Read as elemental magnesium, 300 mg a day"))
    }

    @Test func anAmountOfAnotherSubstanceIsNotAnsweredWithMagnesiumsFigures() {
        let replies = converse([
            "does zinc interfere with magnesium", "what's the safe upper limit for zinc then?",
            ":reset", "how much glycine should i take for sleep",
        ])
        // Magnesium's 350 mg limit is not zinc's: the answer written on zinc gives zinc's own.
        #expect(replies[1].text.contains("upper limit for zinc is 40 mg"), "\(replies[1].text)")
        #expect(!replies[1].text.contains("350 mg"))
        // An answer that gives the substance's own amount still answers.
        #expect(replies[3].text.hasPrefix("3 g of glycine"), "\(replies[3].text)")
    }

    @Test func anAnswerNotAboutTheAmountComesBeforeTheAmountsCheck() {
        let replies = converse([
            "does glycinate make you poop? i started 400mg two days ago", ":reset",
            "is 400mg of glycinate too much",
        ])
        // Asked whether it loosens stools, the answer is that; the amount said in passing is
        // still checked, after it.
        let side = replies[0].text
        #expect(side.hasPrefix("Yes"), "\(side)")
        #expect(side.contains("Read as elemental magnesium, 400 mg a day is above"))
        // Asked about the amount, the check leads.
        #expect(replies[2].text.hasPrefix("As the weight of magnesium bisglycinate"))
    }

    @Test func askingWhetherAnAmountIsElementalDoesNotSayItIs() {
        let replies = converse([
            "i take 400mg magnesium glycinate is that elemental", ":reset",
            "i take 400mg magnesium glycinate, 400 mg elemental",
        ])
        // Asked, the compound reading leads, with the elemental one beside it.
        #expect(
            replies[0].text.hasPrefix("As the weight of magnesium bisglycinate"),
            "\(replies[0].text)")
        #expect(replies[0].text.contains("If 400 mg is already elemental magnesium"))
        // Said, it is read as said.
        #expect(
            replies[2].text.hasPrefix("Read as elemental magnesium, 400 mg"), "\(replies[2].text)")
    }

    @Test func amountsSaidTogetherAreCheckedAsTheDaysTotal() {
        let replies = converse([
            "i take 3 magnesium glycinate caps a day plus a magnesium drink at night, too much?",
            "each cap has 120mg elemental and the drink has 250mg", ":reset",
            "is 200 or 400 mg better", ":reset", "between 100 mg and 300 mg what should i take",
        ])
        let total = replies[1].text
        #expect(
            total.hasPrefix(
                "Added together and read as elemental magnesium, that is 610 mg a day (3 × 120 mg + 250 mg), which is above the adult upper limits"
            ), "\(total)")
        // Choices and ranges are not added up.
        #expect(!replies[3].text.contains("Added together"))
        #expect(!replies[5].text.contains("Added together"))
    }

    @Test func anAmountPerUnitCountsOnceForEachUnitTaken() {
        let words = Normalizer.words("i take 2 tablets of 100mg each and 200 mg citrate")
        let added = Session.addedUp(Amounts.read(words: words), in: words, earlier: [])
        #expect(added == Session.AddedAmounts(milligrams: 400, working: "2 × 100 mg + 200 mg"))
        let alone = Normalizer.words("each cap has 120mg and the drink has 250mg")
        // With no count said, a capsule's amount counts once.
        #expect(
            Session.addedUp(Amounts.read(words: alone), in: alone, earlier: [])?.milligrams == 370)
        let earlier = Normalizer.words("i take 4 of the caps daily")
        #expect(
            Session.addedUp(Amounts.read(words: alone), in: alone, earlier: earlier)?.milligrams
                == 730)
    }

    @Test func anAmountGivenAsTheFormsIsReadAsTheCompoundFirstAndAsElementalInTheSameParagraph() {
        let replies = converse([
            "is 800mg of magnesium glycinate too much", ":reset",
            "my bottle says 500mg magnesium glycinate per capsule, how much actual magnesium is that",
            ":reset", "is 800 mg too much?",
        ])
        let named = replies[0].text
        #expect(named.hasPrefix("As the weight of magnesium bisglycinate"), "\(named)")
        #expect(named.contains("about 113 mg of elemental magnesium a day, which is within"))
        let firstParagraph = named.split(separator: "\n")[0]
        #expect(firstParagraph.contains("If 800 mg is already elemental magnesium"))
        #expect(firstParagraph.contains("it is above them"))
        #expect(replies[2].text.hasPrefix("As the weight of magnesium bisglycinate"))
        #expect(replies[2].text.contains("about 71 mg of elemental magnesium"))
        // With no form named after it, the amount is read as elemental magnesium first.
        #expect(replies[4].text.hasPrefix("Read as elemental magnesium, 800 mg a day is above"))
    }

    @Test func anAmountSaidToBeTheCompoundIsCheckedAsTheMagnesiumItHolds() {
        let replies = converse([
            "is 500 mg too much?", "it's 500 mg of the glycinate powder, not elemental",
        ])
        #expect(replies[0].text.hasPrefix("Read as elemental magnesium, 500 mg a day is above"))
        let compound = replies[1].text
        #expect(compound.hasPrefix("As the weight of magnesium bisglycinate"))
        #expect(compound.contains("about 71 mg of elemental magnesium a day, which is within"))
        #expect(
            !compound.contains("Read as elemental magnesium"), "the elemental reading was not asked"
        )
    }

    @Test func anAmountSaidToBeElementalIsReadOnlyThatWay() {
        let reply = converse(["is 500 mg of elemental magnesium too much?"])[0].text
        #expect(reply.hasPrefix("Too much: 500 mg of elemental magnesium a day is above"))
        #expect(!reply.contains("If 500 mg is the weight of"))
    }

    @Test func elementalNamedElsewhereInTheLineSaysNothingAboutTheAmount() {
        let words = Normalizer.words(
            "I read about the elemental bit, my tub says 1000 mg per serving")
        let amount = Amounts.read(words: words)[0]
        #expect(Session.weightSaid(of: amount, in: words) == nil)
        let powder = Normalizer.words("it's 800 mg of the glycinate compound")
        #expect(Session.weightSaid(of: Amounts.read(words: powder)[0], in: powder) == .compound)
    }

    @Test func aRestatedAmountKeepsBeingChecked() {
        let replies = converse([
            "since magnesium is natural more is better, I'm taking 800 mg a day, that's good right?",
            "it's 800 mg of the glycinate compound, if that changes anything",
        ])
        #expect(replies[0].text.contains("800 mg a day is above the adult upper limits"))
        #expect(
            replies[1].text.contains("about 113 mg of elemental magnesium a day, which is within"))
    }

    @Test func aLabelsFiguresAreWorkedWithLater() {
        let capsules = converse([
            "label on mine says magnesium 120 mg (as bisglycinate) per 2 capsules",
            "how much is in each capsule then?",
            "how many capsules would take me over the upper limit?",
        ])
        #expect(capsules[1].text.contains("Each capsule has about 60 mg of elemental magnesium"))
        #expect(capsules[2].text.contains("5 capsules (300 mg) stay within US 350 mg"))
        #expect(capsules[2].text.contains("and 6 (360 mg) go over it"))
        let share = converse([
            "my pack says magnesium bisglycinate 1400 mg, of which magnesium 200 mg",
            "what percentage is that?",
        ])
        #expect(share[1].text.contains("about 14.3 % elemental magnesium"))
        #expect(share[1].text.contains("pure magnesium bisglycinate"))
        let buffered = converse([
            "label says magnesium bisglycinate 1000 mg, of which magnesium 250 mg",
            "what percentage is that?",
        ])
        #expect(buffered[1].text.contains("about 25 %"))
        #expect(buffered[1].text.contains("not pure magnesium bisglycinate"))
    }

    /// "Each cap has 120mg" after "i take 3 caps a day" is one capsule's amount: the day's is
    /// three times it, 360 mg, above the limits (it was checked as 120 mg, "within").
    @Test func anAmountEachIsCountedWithTheUnitsSaidBefore() {
        let replies = converse(["i take 3 caps a day", "each cap has 120mg elemental"])
        #expect(replies[1].text.contains("360 mg a day in all"), "\(replies[1].text)")
        #expect(replies[1].text.contains("360 mg a day is above the adult upper limits"))
        let said = converse(["i take 2 tablets twice a day", "each is 100 mg"])
        #expect(said[1].text.contains("400 mg a day in all"), "\(said[1].text)")
    }

    @Test func anAmountOnTopIsAddedToTheOneSaidBefore() {
        let replies = converse([
            "mine says 'per 3 capsules: magnesium 300 mg'",
            "what if I also take a multivitamin with 100 mg magnesium in it?",
        ])
        #expect(replies[1].text.hasPrefix("Together that is 400 mg of elemental magnesium a day"))
        #expect(replies[1].text.contains("above the adult upper limits"))
        // "Too much" is not "on top": a new amount alone is checked as itself.
        let alone = converse(["I take 300 mg of magnesium", "is 500 mg too much?"])
        #expect(!alone[1].text.contains("Together"))
    }

    @Test func aSumNeedsFiguresSaidBefore() {
        let reply = converse(["how much is in each capsule?"])[0]
        #expect(reply.intent != "dose" || !reply.text.hasPrefix("Each capsule has"))
    }

    @Test func anAnswerWrittenForAnotherAmountDoesNotAnswer() {
        let reply = converse(["is 200 mg too much?"])[0].text
        #expect(!reply.contains("the 400 mg"), "the answer written for 400 mg answered 200 mg")
    }

    @Test func theSameQuestionForSomeoneJustDescribedIsAnsweredForThem() {
        let replies = converse([
            "45, male - daily magnesium target?", "and my wife's 23, same question for her",
        ])
        #expect(replies[1].text.contains("A woman aged 19 to 30 needs 310 mg"))
        let own = converse(["45, male - daily magnesium target?", "sorry, typo, I'm 25"])
        #expect(own[1].text.contains("A man aged 19 to 30 needs 400 mg"))
    }

    @Test func aSituationsRuleLeadsAndWhyExplainsIt() {
        let replies = converse([
            "I've got chronic kidney disease, stage 4.",
            "how long does magnesium take to work for cramps?", "why's that?",
        ])
        #expect(replies[1].text.hasPrefix("People with kidney disease"))
        #expect(replies[2].text.contains("less magnesium leaves in the urine"))
    }
}
