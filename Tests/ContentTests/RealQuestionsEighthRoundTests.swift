import MagnesiumTestSupport
import Testing

@testable import MagnesiumKit
@testable import MagnesiumKnowledge
@testable import MagnesiumText
@testable import MagnesiumUnderstanding

/// What an eighth blind review of real-world messages showed. Each line here is worded afresh, not
/// copied from the review.
@Suite struct RealQuestionsEighthRoundTests {

    /// "Would magnesium help it?" after someone described restless legs and asked whether they
    /// are cramps: "it" is the restless legs they described, not the cramps the answer compared
    /// them with (and "help" acts on "it" as "stop" and "fix" do).
    @Test func itIsTheConditionThePersonDescribed() {
        let replies = converse([
            "i think it is restless legs rather than cramps, my legs buzz and twitch when i lie "
                + "down, is that the same thing",
            "would magnesium help it",
        ])
        #expect(
            designedAnswerID(of: replies[1]) == "magnesium-for-restless-legs",
            "\(replies[1].context)")
    }

    /// Palpitations since starting an ordinary supplement get the graded heart-rhythm advice (an
    /// ambulance with chest pain or fainting, otherwise a doctor today), not the advice for a
    /// dangerously high level; after a large amount they still get the overdose advice.
    @Test func palpitationsAloneAreNotAnOverdose() {
        let started = converse([
            "my heart has been fluttering since i started taking magnesium glycinate"
        ])[0]
        #expect(started.context.contains("urgent: heart-rhythm"), "\(started.context)")
        #expect(!started.text.contains("say how much magnesium was taken"), "\(started.text)")
        let handful = converse([
            "took a whole handful of magnesium tablets and now my heart is racing"
        ])[0]
        #expect(handful.intent == ReservedID.urgent, "\(handful.context)")
        #expect(
            handful.context.contains { $0.hasPrefix("urgent:") && $0.contains("overdose") },
            "\(handful.context)")
    }

    /// "No chest pain or fainting, should I stop taking it?" after palpitations: the reminder,
    /// then an answer on stopping magnesium, not the list of urgent signs its denied words drew.
    @Test func deniedSignsAfterAnEmergencyGetTheReminderThenTheAnswer() {
        let replies = converse([
            "my heart keeps fluttering since i started taking magnesium citrate last week",
            "no chest pain or fainting, it is just annoying. should i stop taking it?",
        ])
        #expect(replies[1].intent == ReservedID.urgent, "\(replies[1].context)")
        #expect(
            replies[1].context.contains("also answered: answer"), "\(replies[1].context)")
        let answer = designedAnswerID(of: replies[1]) ?? ""
        #expect(answer != "cramps-urgent-signs", "\(replies[1].context)")
        #expect(answer.contains("stop"), "\(replies[1].context)")
    }

    /// A symptom the line denies is no part of what it asks: "no swelling or redness" does not
    /// draw the answer on a swollen calf, nor "no chest pain" the list of urgent signs.
    @Test func deniedSymptomsAreNotWhatIsAsked() {
        let calf = converse(["my calf cramps at night, no swelling or redness, what can i do"])[0]
        #expect(designedAnswerID(of: calf) != "cramps-swollen-calf", "\(calf.context)")
        let chest = converse(["no chest pain, just cramps in my legs when i walk, what helps"])[0]
        #expect(designedAnswerID(of: chest) != "cramps-urgent-signs", "\(chest.context)")
    }

    /// Stopping a blood thinner for magnesium is corrected, not answered with a list of
    /// medicines magnesium does not clash with.
    @Test func comingOffABloodThinnerIsCorrected() {
        let reply = converse([
            "my mum wants to come off her warfarin because she read magnesium thins the blood"
        ])[0]
        #expect(
            designedAnswerID(of: reply) != "magnesium-with-common-medicines", "\(reply.context)")
        #expect(reply.text.hasPrefix("No:"), "\(reply.text)")
    }

    /// "I don't need my statin" and "as good as my blood pressure tablets" carry the premise of
    /// going without the medicine, and are corrected.
    @Test func goingWithoutAMedicineSaidOtherwiseIsCorrected() {
        let statin = converse(["magnesium is natural so i dont need my statin do i"])[0]
        #expect(statin.text.hasPrefix("No:"), "\(statin.context)")
        let pressure = converse(["is magnesium as good as my blood pressure tablets"])[0]
        #expect(
            designedAnswerID(of: pressure) == "false-premise-replace-blood-pressure-pills",
            "\(pressure.context)")
    }

    /// A story that quotes what someone read ("an article by a naturopath") and tells of blood
    /// pressure tablets stopped for magnesium is corrected: the quote no longer hands the line to
    /// the article's claims, nor do the words we do not know ("beetroot") to the facts.
    @Test func aPremiseToldWithAQuoteIsStillCorrected() {
        let reply = converse([
            "I read an article by a naturopath saying blood pressure tablets only hide the problem "
                + "and that magnesium and beetroot fix it naturally, so last month I stopped my "
                + "losartan and started magnesium taurate instead. I feel fine apart from a few "
                + "headaches. How much magnesium do I need to replace my tablets properly?"
        ])[0]
        #expect(
            designedAnswerID(of: reply) == "false-premise-replace-blood-pressure-pills",
            "\(reply.context)")
    }

    /// "Is it ok to add?" from someone on migraine medicines states no premise of stopping them:
    /// a correction saying not to stop the triptans answers a question not asked.
    @Test func aCorrectionNeedsItsPremiseSaid() {
        let reply = converse(["im also on propranolol and topiramate for them, is it ok to add"])[0]
        #expect(
            designedAnswerID(of: reply) != "false-premise-migraine-stop-triptans",
            "\(reply.context)")
        #expect(!reply.text.hasPrefix("No:"), "\(reply.text)")
    }

    /// "I take 500mg of vitamin C": the only amount is another supplement's, and scored as words
    /// it drew the answer on 500 mg of magnesium.
    @Test func anotherSupplementsAmountIsNotMagnesiums() {
        let reply = converse(["i take 500mg of vitamin c every day, fine with my mag?"])[0]
        #expect(!reply.text.contains("500 mg a day"), "\(reply.text)")
        #expect(designedAnswerID(of: reply) != "dose-500mg-too-much", "\(reply.context)")
    }

    /// "Been to the toilet 6 times since breakfast" counts trips, not doses: 3 capsules of 250 mg
    /// are 750 mg.
    @Test func timesSinceAreNotTimesADay() {
        let reply = converse([
            "took 3 of my 250mg citrate caps yesterday and ive been to the toilet 6 times since "
                + "breakfast"
        ])[0]
        #expect(reply.text.contains("750 mg a day"), "\(reply.text)")
        #expect(!reply.text.contains("times a day"), "\(reply.text)")
    }

    /// "Can I add a 200mg one on top?" adds the amounts: 150 mg and 200 mg are 350 mg a day.
    @Test func anAmountOnTopIsAdded() {
        let reply = converse(["my multi has 150mg magnesium, can i add a 200mg glycinate on top"])[
            0]
        #expect(reply.text.contains("350 mg a day (150 mg + 200 mg)"), "\(reply.text)")
    }

    /// "How much magnesium has one got?" about bananas asks what the food holds: the answer on
    /// how much to take, which "how much magnesium" draws, no longer wins it as content grows.
    @Test func howMuchAFoodHoldsIsAnsweredByTheFood() {
        let reply = converse([
            "my nan swears by bananas for her leg cramps, how much magnesium has one actually got?"
        ])[0]
        #expect(designedAnswerID(of: reply) == "food-banana-amount", "\(reply.context)")
    }

    /// What to ask instead, about a medicine in focus, is whether it mixes with magnesium
    /// ("What is statins?" read badly).
    @Test func theSuggestionForAMedicineAsksWhetherItMixes() {
        let replies = converse([
            "does magnesium interact with statins", "how do i fix my bike chain",
        ])
        #expect(replies[1].intent == ReservedID.outOfScope, "\(replies[1].context)")
        #expect(
            replies[1].text.contains("Can I take magnesium with statins?"), "\(replies[1].text)")
    }
}
