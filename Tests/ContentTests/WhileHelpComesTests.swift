import MagnesiumTestSupport
import Testing

@testable import MagnesiumKit

/// What someone asks while an ambulance is on its way is about the wait, whatever else its words
/// fit: "can he have a cup of tea?" for a stroke gets "nothing by mouth", not "tea is fine with
/// magnesium".
@Suite struct WhileHelpComesTests {
    /// A stroke advised, then the ambulance is coming and the line asks about aspirin and a cup of
    /// tea: the answer on waiting for a stroke's ambulance, first.
    @Test func aDrinkWhileTheAmbulanceComesForAStrokeIsNothingByMouth() {
        let replies = converse([
            "my grandad's mouth is drooping on one side and his words are slurred, he takes magnesium for cramps",
            "right the ambulance is on its way. should i give him an aspirin while we wait, and can he have a cup of tea",
        ])
        #expect(replies[0].text.hasPrefix("Call emergency services now"), "\(replies[0].text)")
        #expect(replies[1].text.hasPrefix("Give nothing by mouth"), "\(replies[1].text)")
        #expect(!replies[1].text.contains("Coffee and tea are fine"), "\(replies[1].text)")
    }

    /// Of the answers for waiting, the one worded for the emergency in play: a stroke's, not the
    /// one for when help has arrived.
    @Test func theWaitingAnswerForTheEmergencyInPlayComesFirst() {
        let replies = converse([
            "i think my mum is having a stroke, her face has dropped",
            "paramedics are on the way. can she have her magnesium",
        ])
        #expect(replies[1].text.hasPrefix("Give nothing by mouth"), "\(replies[1].text)")
    }

    /// With no emergency in the conversation, an ambulance for someone else does not turn a
    /// question about tea into one about waiting; nor does a stroke that is over.
    @Test func noEmergencyInPlayKeepsTheOrdinaryAnswer() {
        let tea = converse([
            "i get leg cramps at night",
            "an ambulance is on its way for my neighbour, anyway can i take magnesium with tea",
        ])
        #expect(tea[1].text.hasPrefix("Coffee and tea are fine"), "\(tea[1].text)")
        let over = converse([
            "honestly thought i was having a stroke last year, it was nothing. can i have tea with magnesium"
        ])
        #expect(!over[0].text.hasPrefix("Give nothing by mouth"), "\(over[0].text)")
    }

    /// What to give while waiting differs by emergency: aspirin (NHS) for a heart attack, nothing
    /// by mouth for a stroke. The same question gets each emergency's own answer.
    @Test func aspirinWhileWaitingFollowsTheEmergencyInPlay() {
        let question = "the ambulance is on its way now, should i give him an aspirin"
        let heart = converse([
            "my dad has a crushing pain in his chest going into his jaw and he's sweating",
            question,
        ])
        #expect(heart[1].text.contains("300 mg aspirin"), "\(heart[1].text)")
        #expect(!heart[1].text.hasPrefix("Give nothing by mouth"), "\(heart[1].text)")
        let stroke = converse([
            "my dad's face has dropped on one side and he can't lift his right arm", question,
        ])
        #expect(stroke[1].text.hasPrefix("Give nothing by mouth"), "\(stroke[1].text)")
        #expect(!stroke[1].text.contains("300 mg aspirin"), "\(stroke[1].text)")
    }

    /// An emergency reported with a question about the wait gets the wait's answer after the
    /// advice, before anyone says help is coming; a question about something else ("could the
    /// magnesium do that?") gets the advice alone.
    @Test func aQuestionAboutTheWaitAskedWithTheEmergencyIsAnswered() {
        let stroke = converse(["my dad is having a stroke i think, can i give him some water"])
        #expect(stroke[0].text.hasPrefix("Call emergency services now"), "\(stroke[0].text)")
        #expect(stroke[0].text.contains("Give nothing by mouth"), "\(stroke[0].text)")
        let heart = converse(["i think my husband is having a heart attack what do i do"])
        #expect(heart[0].text.hasPrefix("Call emergency services now"), "\(heart[0].text)")
        #expect(heart[0].text.contains("300 mg aspirin"), "\(heart[0].text)")
        let cause = converse([
            "my dad's face is drooping and his speech is slurred, is it the magnesium?"
        ])
        #expect(cause[0].text.hasPrefix("Call emergency services now"), "\(cause[0].text)")
        #expect(!cause[0].text.contains("Give nothing by mouth"), "\(cause[0].text)")
    }

    /// While help comes for tablets swallowed, the question of making the child sick gets "do not"
    /// (NHS), never an answer about magnesium's side effects that opens "Yes:".
    @Test func swallowedTabletsAreNotBroughtUpWhileHelpComes() {
        let replies = converse([
            "my 2 year old swallowed a handful of my magnesium tablets",
            "the ambulance is coming, do i make him sick",
        ])
        #expect(replies[1].text.hasPrefix("Do not try to make them sick"), "\(replies[1].text)")
        #expect(!replies[1].text.contains("Yes:"), "\(replies[1].text)")
    }

    /// A sign told after the emergency was advised, and after a poison line was rung, is read with
    /// the line that raised it: a child who swallowed tablets and is now floppy gets the graver
    /// rule's advice (999 now), not a reminder of the poison line.
    @Test func aGraverSignLaterEscalatesTheEmergency() {
        let replies = converse([
            "my 2 year old swallowed a handful of my magnesium tablets",
            "we rang poison control and they said to watch her at home",
            "now she is really drowsy and floppy and i can not get her to wake up properly",
        ])
        #expect(
            replies[2].text.hasPrefix(
                "Call emergency services now (999, 112 or 911): a child who is sleepy, floppy"),
            "\(replies[2].text)")
        // Four lines after the one that raised it, the story is still read with it.
        let later = converse([
            "my 2 year old swallowed a handful of my magnesium tablets",
            "we rang poison control and they said to watch her at home", "ok thanks",
            "is juice ok for her",
            "now she is really drowsy and floppy and i can not get her to wake up properly",
        ])
        #expect(
            later[4].text.hasPrefix(
                "Call emergency services now (999, 112 or 911): a child who is sleepy, floppy"),
            "\(later[4].text)")
    }

    /// A call-back from a non-emergency line is no help coming for an overdose taken in a crisis:
    /// the advice to call emergency services is given again.
    @Test func aCallBackIsNoHelpComingForAnOverdose() {
        let replies = converse([
            "i took all my sleeping pills and my magnesium because i want to die",
            "we rang 111 and they said someone would call us back",
        ])
        #expect(replies[1].text.hasPrefix("Please do not wait"), "\(replies[1].text)")
        #expect(replies[1].text.contains("999"), "\(replies[1].text)")
    }
}
