import MagnesiumTestSupport
import Testing

@testable import MagnesiumKit
@testable import MagnesiumKnowledge
@testable import MagnesiumText
@testable import MagnesiumUnderstanding

/// Symptoms on a dose far above the limits, an emergency told beside another, how often an amount
/// is taken, and a height that is not an age.
@Suite struct DosesTimesAndEarlierLinesTests {
    /// Grams a day the line before, a heartbeat that skips "now and then" on this one: a doctor
    /// today, though a heartbeat that comes and goes alone is held back as long-standing.
    @Test func symptomsOnAHugeDoseNeedADoctorToday() {
        let replies = converse([
            "i went up to 4000 mg of magnesium a day for my restless legs",
            "the last few days i feel woozy when i get out of bed and my heart flutters now and then",
        ])
        #expect(replies[1].intent == "urgent", "\(replies[1].text)")
        #expect(replies[1].text.hasPrefix("Take no more magnesium"), "\(replies[1].text)")
    }

    /// A line that is one emergency by itself (water, headache, vomiting) and another with the
    /// line before (dark urine after the race) gets both.
    @Test func anEmergencyOfAnotherKindIsAddedFromTheLineBefore() {
        let replies = converse([
            "ran an ultra yesterday in the sun and my quads cramped for the last 20 km",
            "drank about 5 litres of water last night, now a pounding headache, threw up twice, and my wee looks like coke",
        ])
        let context = replies[1].context.joined(separator: "; ")
        #expect(context.contains("low-salt-from-water"), "\(context)")
        #expect(context.contains("rhabdomyolysis"), "\(context)")
    }

    /// "Only when I can't sleep" the line before does not make a toddler who got into the tablets
    /// drowsy: the line names that emergency itself, and its reading of it stands.
    @Test func theLineBeforeDoesNotChangeTheEmergencyTheLineNames() {
        let replies = converse([
            "should i take it nightly or only on nights i can not sleep",
            "my 3 year old just ate some of the tablets, maybe 5, what do i do",
        ])
        let context = replies[1].context.joined(separator: "; ")
        #expect(context.contains("urgent: child-swallowed"), "\(context)")
        #expect(!context.contains("child-swallowed-unwell"), "\(context)")
    }

    /// "3000 mg a day" is a huge amount, and its number is no count of pills ("took" with many
    /// pills is an overdose to report at once).
    @Test func aHugeAmountIsNoCountOfPills() {
        let reply = converse(["i took 3000 mg magnesium tablets this morning"])[0]
        #expect(!reply.context.contains { $0.contains("urgent: overdose") }, "\(reply.context)")
    }

    /// "400mg twice a day" is 800 mg a day, said in the paragraph that checks it.
    @Test func howOftenAfterAnAmountMultipliesIt() {
        let reply = converse(["is 300mg magnesium citrate 3 times a day too much"])[0]
        #expect(
            reply.text.hasPrefix("That is 300 mg 3 times a day: 900 mg a day in all."),
            "\(reply.text)")
        #expect(reply.text.contains("900 mg gives about"), "\(reply.text)")
    }

    /// "I'm 5'5" is a height, not an age of 5.
    @Test func feetAndInchesAreNotAnAge() {
        let reply = converse(["im 5'4 and about 50 kg"])[0]
        #expect(!reply.text.contains("Noted: you are 5"), "\(reply.text)")
    }

    /// "Morning or after lunch?" chooses between times: a "was sick this morning after my
    /// tablet" wording of the side effects does not take it.
    @Test func aChoiceOfTimesAsksWhen() {
        let reply = converse(["morning or after lunch?"])[0]
        let answer = designedAnswerID(of: reply).flatMap { Repository.knowledge.graph.answer($0) }
        #expect(answer?.asks == "time", "\(reply.context)")
    }

    /// "Does the PPI stop it working?": the medicine is what stops, so the line means to stop no
    /// medicine and gets no correction for stopping one.
    @Test func aMedicineThatStopsSomethingIsNotStopped() {
        let reply = converse([
            "pantoprazole and mag citrate together ok, or does the ppi stop it absorbing"
        ])[0]
        #expect(designedAnswerID(of: reply) != "false-premise-stop-ppi", "\(reply.context)")
        #expect(!reply.text.hasPrefix("No: do not stop"), "\(reply.text)")
    }

    /// Three products' figures that are not said as one sum: none of them alone is checked as the
    /// day's amount ("100 mg a day is within the limits" misled someone taking 550 mg).
    @Test func oneOfSeveralProductsIsNotTheDaysAmount() {
        let reply = converse([
            "my multi has magnesium 100mg, my powder gives 250mg elemental, my night tablet is 200mg. is that too much magnesium"
        ])[0]
        #expect(!reply.text.contains("100 mg a day is within"), "\(reply.text)")
    }

    /// "Doxycycline 100mg twice a day": the medicine's own strength says nothing of magnesium, so
    /// it does not draw answers on magnesium amounts ahead of the one on the medicine's doses.
    @Test func aMedicinesStrengthIsNotScoredAsMagnesium() {
        let reply = converse([
            "im on doxycycline 100mg twice a day for a week, when can i take my magnesium"
        ])[0]
        #expect(
            designedAnswerID(of: reply) == "doxycycline-twice-daily-fit-magnesium",
            "\(reply.context)")
    }
}
