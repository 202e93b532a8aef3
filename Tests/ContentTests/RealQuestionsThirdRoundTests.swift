import MagnesiumTestSupport
import Testing

@testable import MagnesiumKit
@testable import MagnesiumText
@testable import MagnesiumUnderstanding

/// What a third blind review of real-world messages showed: a wish not to wake up told after an
/// overdose, aches on a statin answered as ordinary night cramps, a person named by "a woman of
/// 28", and follow-ups opening with "and" that lost the kind of question asked. Each line here is
/// worded afresh, not copied from the review.
@Suite struct RealQuestionsThirdRoundTests {
    typealias Shared = RealQuestionsTests

    /// "I just want to sleep and not wake up" after taking a lot of tablets is a wish to die:
    /// the crisis advice comes first, before the poisoning advice.
    @Test func aWishNotToWakeUpIsSelfHarm() {
        #expect(
            Shared.fired("took a load of them earlier, i just want to go to sleep and not wake up")
                .contains("self-harm"))
        #expect(Shared.fired("i hope i never wake up tbh").contains("self-harm"))
        let reply = converse(["swallowed about 40 of my tablets, honestly hope i dont wake up"])[0]
        #expect(reply.text.hasPrefix("Please get help now"), "\(reply.text)")
        // A tired child who "won't wake up" is unconscious, not wishing to die.
        #expect(!Shared.fired("my son wont wake up properly in the mornings").contains("self-harm"))
    }

    /// "Hot" in "the hot sun" is the weather, not a hot calf; "type 1" is a diabetes, not one
    /// side of the body.
    @Test func theWeatherAndADiabetesTypeAreNoSigns() {
        #expect(
            !Shared.fired("labouring in the hot sun all week and my legs keep cramping")
                .contains("blood-clot"))
        #expect(Shared.fired("my calf is hot and swollen since the flight").contains("blood-clot"))
        #expect(
            !Shared.fired("type 2 diabetic and my toes keep going numb and tingly").contains(
                "stroke"))
    }

    /// "I've got AF" names atrial fibrillation, a heart rhythm problem; "tired af" names nothing.
    @Test func afAfterHaveOrMyIsAHeartRhythmProblem() {
        let understander = Repository.knowledge.understander
        #expect(
            understander.understand("my mum has af and takes apixaban, is magnesium ok for her")
                .topicIDs.contains("heart-rhythm-problems"))
        #expect(
            !understander.understand("my legs are sore af after the gym").topicIDs.contains(
                "heart-rhythm-problems"))
    }

    /// Aches and cramps on a statin, with a question on magnesium: the statin's muscle pain is the
    /// point (tell the prescriber, the signs of muscle breakdown), not night cramps in general.
    @Test func achesOnAStatinGoToThePrescriber() {
        for line in [
            "on atorvastatin for half a year, my legs ache all the time and i get cramp at night now. will magnesium fix it?",
            "been taking atorvastatin 40mg about six months, legs ache constantly, mostly the thighs, and i cramp at night. would magnesium fix it? would rather not see the doctor again",
        ] {
            let reply = converse([line])[0]
            #expect(
                designedAnswerID(of: reply) == "cramps-statin-muscle-pain",
                "\(line): \(reply.context)")
            #expect(reply.text.contains("statin"))
        }
    }

    /// An answer on grapefruit with statins needs grapefruit named: a statin and aching legs are
    /// not a question about grapefruit, however many statins its wordings name.
    @Test func grapefruitIsAskedAboutOnlyWhenNamed() {
        let aches = converse([
            "i take pravastatin and the night time leg cramps are killing me, my legs ache all day too, will magnesium stop them"
        ])[0]
        #expect(designedAnswerID(of: aches) != "grapefruit-juice-with-statins", "\(aches.context)")
        let juice = converse(["is a glass of grapefruit juice ok with my simvastatin"])[0]
        #expect(designedAnswerID(of: juice) == "grapefruit-juice-with-statins", "\(juice.context)")
    }

    /// "A woman of 45", "a man of 40": an age after "of" is the person's age.
    @Test func aPersonOfAnAgeHasThatAge() {
        let reply = converse(["what is the RDA for a woman of 45"])[0]
        #expect(designedAnswerID(of: reply) == "needs-women-31-plus", "\(reply.context)")
        #expect(reply.text.contains("320 mg"))
        let baby = converse(["how much magnesium for a baby of 6"])[0]
        #expect(!baby.context.contains { $0.contains("age 6") }, "\(baby.context)")
    }

    /// "You can't overdose on it, can you?": a negative statement with a positive tag puts a
    /// premise for agreement, as "..., right?" does; "how much is it?" asks.
    @Test func aPositiveTagAfterANegativeIsLeading() {
        let session = Session(knowledge: Repository.knowledge)
        let understander = Repository.knowledge.understander
        for line in [
            "you cant really overdose on something natural, can you?",
            "glycinate doesn't interact with anything, does it?",
        ] {
            #expect(session.isLeading(understander.understand(line)), "\(line)")
        }
        for line in ["how much is it?", "what dose can i take, can you tell me"] {
            #expect(!session.isLeading(understander.understand(line)), "\(line)")
        }
    }

    /// "So am I over the limit?" after the amounts of two products asks about those amounts: an
    /// answer written for an amount never named (400 mg) is set aside.
    @Test func overTheLimitAsksAboutTheAmountsJustNamed() {
        let replies = converse([
            "my multivitamin says magnesium 100mg, and the glycinate label says magnesium 200mg per 2 capsules, i take 2 capsules",
            "so am i over the limit?",
        ])
        #expect(!replies[1].text.contains("400 mg"), "\(replies[1].text)")
    }

    /// "And is it safe for him?" asks a yes or no though it opens with "and".
    @Test func aJoinedOnQuestionKeepsItsKind() {
        #expect(
            Session.kindsAsked(Normalizer.words("and is it safe for the baby")).contains("verdict"))
        #expect(Session.kindsAsked(Normalizer.words("is it safe for the baby")).contains("verdict"))
    }
}
