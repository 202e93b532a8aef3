import MagnesiumTestSupport
import Testing

@testable import MagnesiumKit
@testable import MagnesiumKnowledge
@testable import MagnesiumText
@testable import MagnesiumUnderstanding

/// Lessons of blind set U: a child said as "she" swallowing tablets, a slow pulse told late in a
/// message, water drunk by the litre, a twitch that will not stop, several medicines in one
/// question, a time a symptom comes at, a label's sum asked in the line that gives it, and a
/// group's answer that is no version of the question asked.
@Suite struct ChildrenMedicinesAndLabelsTests {
    func answer(of reply: Reply) -> String? { designedAnswerID(of: reply) }

    /// Two lines after "my 3 yr old", "she's eaten some, maybe 4 or 5" is the child swallowing
    /// tablets: the poison advice comes first.
    @Test func sheIsTheChildTheConversationIsAbout() {
        let replies = converse([
            "can toddlers take magnesium? my 3 yr old is really constipated again",
            "how much could i give her? i've got my own tablets, they say 400mg magnesium per tablet",
            "oh no she's been in my handbag, the lid is off and i think she's eaten some, maybe 4 or 5??",
        ])
        #expect(replies[2].text.hasPrefix("Call poison control"), "\(replies[2].text)")
        #expect(
            replies[2].context.contains("red flags read as said of the child"),
            "\(replies[2].context)")
    }

    /// "Ate 4 or 5 of my magnesium tablets" is a count of tablets swallowed, not an age.
    @Test func tabletsEatenAreCountedNotAnAge() {
        let reply = converse(["my toddler ate 4 or 5 of my magnesium tablets"])[0]
        #expect(reply.text.hasPrefix("Call poison control"), "\(reply.text)")
        #expect(!reply.text.contains("aged 4"), "\(reply.text)")
    }

    /// "Drowsy and weak ... my heart rate on my watch is 44": a slow pulse with signs told earlier
    /// in the message is an emergency.
    @Test func aSlowPulseWithSignsToldEarlierIsAnEmergency() {
        let reply = converse([
            "so tired today, drowsy and weak, my face is all flushed and my heart rate on my watch is 44 which is low for me"
        ])[0]
        #expect(reply.context.contains("urgent: heart-rhythm"), "\(reply.context)")
    }

    /// Headache, being sick and slurred speech after litres of water: the low salt level's advice
    /// (no more water) comes before the stroke's.
    @Test func waterByTheLitreIsALowSaltLevelFirst() {
        let reply = converse([
            "cramped in the race so i drank like 5 litres of water after, now a bad headache, been sick and my words are slurred"
        ])[0]
        #expect(reply.text.hasPrefix("Call emergency services now"), "\(reply.text)")
        #expect(reply.text.contains("hyponatraemia"), "\(reply.text)")
        let advice = reply.text.components(separatedBy: "\n")
        #expect(advice.first?.contains("Give no more water") == true, "\(reply.text)")
    }

    /// An eyelid that "won't stop twitching" is no cramp that will not let go.
    @Test func aTwitchThatWillNotStopIsNoLongCramp() {
        let reply = converse([
            "on lansoprazole for years, lately cramps in my calves and my eyelid wont stop twitching, could it be the lansoprazole"
        ])[0]
        #expect(!reply.context.contains { $0.hasPrefix("urgent:") }, "\(reply.context)")
        let long = converse(["my calf cramp wont stop, its been 30 mins"])[0]
        #expect(long.context.contains("urgent: long-cramp"), "\(long.context)")
    }

    /// "With omeprazole and ciprofloxacin": both are taken, and the antibiotic's spacing is given
    /// beside the answer on the PPI.
    @Test func eachMedicineOfAListIsTakenAndRuled() {
        var session = Session(knowledge: Repository.knowledge)
        let reply = session.respond(to: "can i take magnesium with omeprazole and ciprofloxacin")
        #expect(
            Set(session.profile.medicines) == ["proton-pump-inhibitors", "quinolone-antibiotics"],
            "\(session.profile.medicines)")
        #expect(reply.text.contains("ciprofloxacin or levofloxacin"), "\(reply.text)")
        #expect(reply.text.contains("PPI"), "\(reply.text)")
    }

    /// A medicine the line says is no longer taken gets no rule beside the answer (a guard on the
    /// rule above: its first version gave one).
    @Test func aMedicineNoLongerTakenGetsNoRule() {
        let replies = converse(["i take doxycycline", "sorry, I meant digoxin, not doxycycline"])
        #expect(replies[1].text.contains("digoxin"), "\(replies[1].text)")
        #expect(
            !replies[1].text.contains("tetracycline antibiotics in the gut"), "\(replies[1].text)")
    }

    /// "I get cramps at night" says when the cramps come: on a statin, "will magnesium or coq10
    /// help" gets the answer on statin aches, not on when to take magnesium with a statin.
    @Test func aTimeAfterAComplaintIsNotWhenToTakeIt() {
        #expect(!Session.kindsAsked(Normalizer.words("i get cramps at night")).contains("time"))
        #expect(Session.kindsAsked(Normalizer.words("can i take it at night")).contains("time"))
        let reply = converse([
            "started atorvastatin 40mg in january and my thighs ache all the time and i get cramps at night. will magnesium or coq10 help"
        ])[0]
        #expect(answer(of: reply) != "statins-and-magnesium", "\(reply.context)")
    }

    /// "Can my 2 yr old have gummies?" asks whether it is all right for the child: the sentence
    /// for children comes first.
    @Test func canMyChildHaveItAsksForTheChild() {
        #expect(Session.asksWhetherItIsAllRight(Normalizer.words("can my son have it")))
        #expect(!Session.asksWhetherItIsAllRight(Normalizer.words("so what can she do about them")))
        let reply = converse(["can my 2 yr old have magnesium gummies for leg pains at night?"])[0]
        let lines = reply.text.components(separatedBy: "\n")
        #expect(lines.count > 1 && lines[1].hasPrefix("Give magnesium"), "\(reply.text)")
    }

    /// "Magnesium 450mg as aspartate" names the form of an elemental figure, as a panel does.
    @Test func anAmountAsAFormIsElemental() {
        let reply = converse(["my zma has magnesium 450mg as aspartate, is that too much"])[0]
        #expect(reply.text.hasPrefix("Too much: 450 mg of elemental magnesium"), "\(reply.text)")
    }

    /// A cyclist asking about pickle juice gets pickle juice: the answer for athletes does not hold
    /// the words the question was found by.
    @Test func aGroupsAnswerWithoutTheQuestionsWordsIsNoVersionOfIt() {
        let reply = converse([
            "cyclist here, lads at the club swear by pickle juice shots for cramp on long rides, does it actually work or is it rubbish"
        ])[0]
        #expect(answer(of: reply) == "cramps-pickle-juice", "\(reply.context)")
    }

    /// "Serving size 2 tablets, magnesium 200mg, is that 200 in each tablet?": the sum asked in
    /// the line that gives the label.
    @Test func whatOneTabletHoldsIsWorkedOutFromTheSameLine() {
        let reply = converse([
            "label says serving size 2 tablets, magnesium 200mg. so is that 200 in each tablet or what"
        ])[0]
        #expect(reply.text.hasPrefix("Each tablet has about 100 mg"), "\(reply.text)")
    }

    /// "Is that too much?" right after a sum is asked about that sum, even with a statement
    /// beside it.
    @Test func isThatTooMuchAsksAboutTheSumBefore() {
        let replies = converse([
            "label says serving size 2 tablets, magnesium 200mg",
            "ok so if i take 4 a day how much is that",
            "is that too much? i'm 34, no meds, just want to stop my calf cramps",
        ])
        #expect(replies[2].text.hasPrefix("Noted: you take no medicines"), "\(replies[2].text)")
        #expect(replies[2].text.contains("\nYes: about 400 mg"), "\(replies[2].text)")
        #expect(replies[2].text.contains("3 tablets (300 mg) stay within"), "\(replies[2].text)")
    }

    /// "Can I take both?" adds the new product to the one said before.
    @Test func bothAddsTheNewAmountToTheOneBefore() {
        let replies = converse([
            "i already take glycinate 2 caps at night, 200mg magnesium",
            "can i take both? the citrate powder is 150mg magnesium per teaspoon",
        ])
        #expect(replies[1].text.hasPrefix("Together that is 350 mg"), "\(replies[1].text)")
    }

    /// "Maths" is a school subject, not a misspelt "baths".
    @Test func mathsIsLeftAlone() {
        let reply = converse(["i nearly passed out in maths from period pain"])[0]
        #expect(reply.corrections.isEmpty, "\(reply.corrections)")
    }
}
