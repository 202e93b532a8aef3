import MagnesiumTestSupport
import Testing

@testable import MagnesiumKit
@testable import MagnesiumKnowledge
@testable import MagnesiumText
@testable import MagnesiumUnderstanding

/// A story told over turns, a premise that comes before the numbers, and what a short clause or a
/// neighbouring word says the question is about.
@Suite struct ToldOverTurnsAndAlongsideTests {
    func answer(of reply: Reply) -> String? { designedAnswerID(of: reply) }

    /// The dark urine comes a line after the race and the cramps, and points back at nothing with
    /// "it": read with the line before, it is muscle breakdown.
    @Test func aSymptomOnItsOwnLineIsReadWithTheStoryBefore() {
        let replies = converse([
            "ran a hilly half marathon this morning and both calves cramped badly near the end",
            "since then my wee has gone the colour of strong tea",
        ])
        #expect(replies[1].intent == "urgent", "\(replies[1].text)")
        #expect(replies[1].text.contains("rhabdomyolysis"), "\(replies[1].text)")
    }

    /// "400 mg can replace my amlodipine" is answered by the correction first; the check of the
    /// amount comes after it.
    @Test func aPremiseToCorrectComesBeforeTheAmount() {
        let reply = converse([
            "my friend says 500mg of magnesium glycinate could replace my lisinopril, true?"
        ])[0]
        #expect(reply.text.hasPrefix("No:"), "\(reply.text)")
        #expect(reply.text.contains("500 mg"), "the amount is still checked: \(reply.text)")
    }

    /// "What about X, can I take it with the mag?": "it" is X, not magnesium taken with anything;
    /// and "alongside" is "with".
    @Test func itStandsForWhatTheShortLeadBroughtUp() {
        let fishOil = converse(["what about fish oil, can i take it with the mag"])[0]
        #expect(answer(of: fishOil) == "magnesium-with-other-supplements", "\(fishOil.context)")
        let melatonin = converse(["how about melatonin gummies, is it fine alongside magnesium"])[0]
        #expect(answer(of: melatonin) == "melatonin-with-magnesium", "\(melatonin.context)")
    }

    /// "Malic acid 1200 mg and magnesium 300 mg" is 300 mg of magnesium, not 1,500.
    @Test func anAmountOfAnotherNutrientIsNotMagnesium() {
        let reply = converse([
            "my sleep blend has 800mg of l theanine... no wait, malic acid 800mg plus magnesium 200mg, is that a lot"
        ])[0]
        #expect(!reply.text.contains("Added together"), "\(reply.text)")
        #expect(reply.text.hasPrefix("Read as elemental magnesium, 200 mg"), "\(reply.text)")
    }

    @Test func givingAPetSomeIsSentToAVet() {
        let reply = converse(["is it ok to give my cat a bit of my magnesium for her stiff legs"])[
            0]
        #expect(reply.text.contains("vet"), "\(reply.text)")
        let walking = converse([
            "i take my dog out every morning and my calves cramp, is magnesium safe"
        ])[0]
        #expect(!walking.text.contains("vet"), "\(walking.text)")
    }

    /// After advice to see a doctor (laxatives taken to lose weight), the reminder on the next turn
    /// says the doctor is still needed, not that help is needed now.
    @Test func aDoctorsAdviceIsRemindedAsADoctorsAdvice() {
        let replies = converse([
            "i have been taking milk of magnesia every night to keep my weight down",
            "which magnesium is gentlest for that",
        ])
        #expect(replies[0].intent == "urgent")
        #expect(replies[1].text.hasPrefix(Session.doctorReminder), "\(replies[1].text)")
    }

    /// "I've been doing 3000mg elemental a day": told, not asked, far above every limit, it is
    /// called too much.
    @Test func anAmountFarAboveTheLimitsToldNotAskedIsTooMuch() {
        let reply = converse([
            "more is better surely, ive been taking 2000mg of elemental magnesium daily for a week"
        ])[0]
        #expect(reply.text.hasPrefix("Too much: 2,000 mg"), "\(reply.text)")
    }

    @Test func haemodialysisIsKidneyDisease() {
        let reply = converse(["i have haemodialysis twice a week, can i start mag citrate"])[0]
        #expect(reply.text.contains("kidney"), "\(reply.text)")
    }
}
