import MagnesiumTestSupport
import Testing

@testable import MagnesiumKit
@testable import MagnesiumKnowledge
@testable import MagnesiumText
@testable import MagnesiumUnderstanding

/// Lessons of blind set X: emergencies with nothing of magnesium in them (sepsis after an
/// infection, a small child drying out, chest pain that has come on at rest after weeks of it on
/// effort), and what a line means when it leans on the one before: "both" for magnesium and the
/// medicine talked about, a medicine or a serving corrected, a bare number, a dose for "her".
@Suite struct InfectionsChestPainAndWhatIsMeantTests {
    /// An infection, then confusion and mottled skin told in a long message about magnesium: the
    /// sepsis advice first.
    @Test func confusionAndMottledSkinAfterAnInfectionIsSepsis() {
        let reply = converse([
            "my dad is 80 and on antibiotics for a chest infection since monday. he usually takes magnesium for cramps. tonight hes not making sense and his arms look mottled, should he skip the magnesium"
        ])[0]
        #expect(reply.text.hasPrefix("Call emergency services now"), "\(reply.text)")
        #expect(reply.text.contains("sepsis"), "\(reply.text)")
    }

    /// A toddler with a stomach bug who has gone floppy with dry nappies: A&E, not a child's
    /// magnesium limits.
    @Test func aFloppyToddlerWithDryNappiesIsDehydrated() {
        let reply = converse([
            "my 20 month old has been throwing up and had diarrhoea for 2 days, now shes floppy and her nappy has been dry since this morning, can kids have magnesium"
        ])[0]
        #expect(reply.text.hasPrefix("Take your child to A&E now"), "\(reply.text)")
        #expect(reply.text.contains("dehydrated"), "\(reply.text)")
    }

    /// Chest pain known for weeks on effort that has now come on at rest and not gone off: an
    /// ambulance, not an appointment for angina.
    @Test func chestPainAtRestThatWillNotGoOffIsAHeartAttack() {
        let reply = converse([
            "for a few weeks i get a tight chest when i walk uphill, it goes when i stop. this evening it started while i was sat watching tv, twenty minutes ago, and its not going off"
        ])[0]
        #expect(reply.text.hasPrefix("Call emergency services now"), "\(reply.text)")
        #expect(reply.text.contains("heart attack"), "\(reply.text)")
        let nearMiss = converse([
            "i get a tight chest and go sweaty when im nervous before a presentation, would magnesium help my nerves"
        ])[0]
        #expect(nearMiss.intent != "urgent", "\(nearMiss.text)")
    }

    /// A wound gone red and oozing with a temperature: the same day, not the breastfeeding limit.
    @Test func anOozingScarWithAFeverIsSeenToday() {
        let reply = converse([
            "breastfeeding and taking magnesium. my c section wound is red and oozing and ive got the shivers and a temperature"
        ])[0]
        #expect(reply.text.hasPrefix("Contact your GP, midwife or NHS 111 today"), "\(reply.text)")
    }

    /// "What if I take both then?" after asking to swap a blood pressure tablet for magnesium:
    /// about magnesium with that medicine, not about combining forms of magnesium.
    @Test func bothAfterASwapIsMagnesiumWithTheMedicine() {
        let replies = converse([
            "could i replace my ramipril with magnesium, i read it lowers blood pressure",
            "fine, so what if i take both",
        ])
        #expect(replies[1].text.contains("blood pressure medicines"), "\(replies[1].text)")
        #expect(!replies[1].text.hasPrefix("Yes, forms can be combined"), "\(replies[1].text)")
    }

    /// "It's actually cipro not doxy": the corrected medicine's answer, though neither was said
    /// to be taken.
    @Test func aMedicineCorrectedWithNotIsSetAside() {
        let replies = converse([
            "the doctor gave me doxycycline, does it clash with my magnesium",
            "oh wait its ciprofloxacin not doxycycline, sorry",
        ])
        #expect(replies[1].text.lowercased().contains("ciprofloxacin"), "\(replies[1].text)")
        #expect(!replies[1].text.hasPrefix("Take the doxycycline"), "\(replies[1].text)")
    }

    /// A medicine said not to be meant stays set aside though the line names it again ("the doxy
    /// was last year").
    @Test func aMedicineSaidNotToBeMeantIsSetAsideWhereverElseItIsNamed() {
        let replies = converse([
            "on doxycycline for my skin, i take mag glycinate at night, is that ok",
            "i take the doxy morning and evening",
            "sorry i mixed them up, its ciprofloxacin this time not doxy, the doxy was last year",
        ])
        #expect(replies[2].text.hasPrefix("Take ciprofloxacin"), "\(replies[2].text)")
    }

    /// A label giving the compound's weight and the elemental magnesium it provides: each capsule
    /// holds a share of the elemental figure, not of the compound's.
    @Test func aLabelsProvidingFigureIsTheElementalOne() {
        let reply = converse([
            "label says 2 tablets contain 1000mg magnesium citrate providing 160mg magnesium, so how much is in one tablet"
        ])[0]
        #expect(
            reply.text.hasPrefix("Each tablet has about 80 mg of elemental magnesium"),
            "\(reply.text)")
    }

    /// "Oops, it's per 3 capsules not 2": the serving said before, corrected, and shared out anew.
    @Test func aCorrectedServingIsSharedOutAgain() {
        let replies = converse([
            "my tub says magnesium 150 mg per 2 capsules",
            "oops sorry its per 3 capsules not 2",
        ])
        #expect(
            replies[1].text.hasPrefix("Each capsule has about 50 mg of elemental magnesium"),
            "\(replies[1].text)")
    }

    /// "Is 250 a day ok?" names milligrams without saying so; "2 x 200mg" is 400 mg.
    @Test func bareAndMultipliedAmountsAreRead() {
        #expect(Amounts.read(words: ["is", "250", "a", "day", "ok"]).map(\.milligrams) == [250])
        #expect(Amounts.read(words: ["i", "take", "2", "a", "day"]).isEmpty)
        #expect(Amounts.read(words: ["twice", "200", "mg"]).map(\.milligrams) == [400])
        #expect(Amounts.read(words: ["3", "x", "100", "mg"]).map(\.milligrams) == [300])
    }

    /// "800?? isn't that over the limit" right after a reply naming 800 mg: the amount checked.
    @Test func aBareNumberAfterAReplyIsItsAmount() {
        let replies = converse([
            "my doctor says some people take magnesium for migraines, what dose did the trials use",
            "600?? isnt that above the limit",
        ])
        #expect(replies[1].text.contains("600 mg a day"), "\(replies[1].text)")
    }

    /// "How much should she have?" after a question on timing her alendronate: magnesium's
    /// amount, not the medicine's spacing again.
    @Test func howMuchForHerIsMagnesiumsAmount() {
        let replies = converse([
            "my nan is on alendronic acid weekly, when should she take her magnesium",
            "she is 84, how much should she have",
        ])
        #expect(replies[1].text.contains("350 mg"), "\(replies[1].text)")
        #expect(!replies[1].text.hasPrefix("Take the bisphosphonate"), "\(replies[1].text)")
    }

    /// "Magnesium 450mg zinc 30mg b6 10.5mg": each name before its amount, so the magnesium
    /// figure is the one checked, not the vitamin's.
    @Test func aLabelsListChecksTheMagnesiumFigure() {
        let reply = converse([
            "my sleep stack says magnesium 420mg zinc 25mg b6 8.5mg, ok to take every night?"
        ])[0]
        #expect(
            reply.text.contains("420 mg of elemental magnesium a day is above"), "\(reply.text)")
        #expect(!reply.text.contains("8.5 mg"), "\(reply.text)")
    }

    /// What to do while the ambulance comes is for someone who called one: "thought I was having
    /// a stroke, it's gone now" gets the cramp answer, not "give nothing by mouth".
    @Test func waitingForHelpIsForSomeoneWhoCalledIt() {
        let nearMiss = converse([
            "my fingers locked in a cramp this morning and i thought i was having a stroke lol, fine now, should i be worried"
        ])[0]
        #expect(!nearMiss.text.contains("Give nothing by mouth"), "\(nearMiss.text)")
        let waiting = converse([
            "paramedics are on their way, we think my grandad is having a stroke, can he have a drink of water"
        ])[0]
        #expect(waiting.text.contains("Give nothing by mouth"), "\(waiting.text)")
    }

    /// "Could I take bisglycinate instead of an electrolyte drink?" asks about the swap, not about
    /// taking the two together.
    @Test func aSwapIsAnsweredAsASwap() {
        let reply = converse([
            "my mag bisglycinate apparently helps electrolyte balance, so could i skip the electrolyte drink and take that instead on race day"
        ])[0]
        #expect(
            reply.text.hasPrefix("No: a magnesium bisglycinate capsule is no substitute"),
            "\(reply.text)")
    }

    /// "And for my 12 yo?" is a child of 12, not a greeting.
    @Test func anAgeWithYoIsAChild() {
        let replies = converse(["is 300mg a day ok for me", "and for my 12 yo?"])
        #expect(replies[1].intent != "greeting", "\(replies[1].text)")
        #expect(replies[1].text.contains("aged 12"), "\(replies[1].text)")
    }
}
