import MagnesiumTestSupport
import Testing

@testable import MagnesiumKit
@testable import MagnesiumKnowledge
@testable import MagnesiumText
@testable import MagnesiumUnderstanding

/// Lessons of blind set V: hopelessness and a plan said without the usual phrases, a whole bottle
/// taken after a row, a calf "swollen compared to the other one", an episode dated this morning
/// and over now, the turns after an emergency that help has reached or that turn to someone else,
/// a correction within one kind of medicine, "problem?" after a new medicine, stopping "the
/// tablets", going back to a question, a correction of the thing asked about, and the spacing of
/// a second medicine.
@Suite struct CrisesReturnsAndCorrectionsTests {
    func answer(of reply: Reply) -> String? { designedAnswerID(of: reply) }

    /// Hopelessness and a plan for a whole bottle, in words no phrase list held.
    @Test func hopelessnessAndAPlanGetTheCrisisLine() {
        for line in [
            "honestly what is the point of anything. there's a new bottle in the cupboard and im going to take all of them later",
            "i am planning to take the whole bottle tonight",
        ] {
            let reply = converse([line])[0]
            #expect(reply.text.hasPrefix("Please get help now"), "\(line): \(reply.text)")
            #expect(reply.text.contains("116 123"), "\(reply.text)")
        }
    }

    /// A teenager who took a whole bottle after a row: the crisis advice first, the poison advice
    /// next, and no check of the tablets' strength against a day's limit.
    @Test func aWholeBottleAfterARowIsACrisis() {
        let reply = converse([
            "my son is 15, we had a fight and he swallowed the whole bottle of my 300mg magnesium tablets. he says hes fine"
        ])[0]
        #expect(reply.text.hasPrefix("Please get help now"), "\(reply.text)")
        #expect(reply.text.contains("poison control"), "\(reply.text)")
        #expect(!reply.text.contains("within the"), "\(reply.text)")
    }

    /// A toddler who chewed capsules gets the poison advice and "Noted", with no list of facts on
    /// doses after it: a list of facts follows emergency advice only when it is about the
    /// emergency.
    @Test func noListOfFactsFollowsEmergencyAdvice() {
        let replies = converse([
            "my daughter is 5, can she have magnesium for her leg cramps",
            "omg my 18 month old just chewed a few of my 300mg magnesium capsules??",
        ])
        #expect(replies[1].text.hasPrefix("Call poison control"), "\(replies[1].text)")
        #expect(
            !replies[1].context.contains { $0.hasPrefix("also answered") }, "\(replies[1].context)")
    }

    /// "Much bigger compared to the other one" is one leg: the clot advice, with no leg named.
    @Test func aLegSwollenAgainstTheOtherIsAClot() {
        let reply = converse(["it's puffy and hot and red, much bigger compared to the other one"])[
            0]
        #expect(reply.text.hasPrefix("See a doctor or go to urgent care today"), "\(reply.text)")
    }

    /// "Pounding this afternoon, but it settled": a time of the day dates the episode, which is
    /// over. "Pounding right now" is not.
    @Test func anEpisodeDatedTodayThatIsOverRaisesNoAlarm() {
        let over = converse([
            "my heart was pounding this afternoon after an energy drink but it settled"
        ])[0]
        #expect(!over.text.hasPrefix("Get medical help now"), "\(over.text)")
        let now = converse(["my heart is pounding right now after an energy drink"])[0]
        #expect(now.text.hasPrefix("Get medical help now"), "\(now.text)")
    }

    /// Once the paramedics have been, the next question is answered, not met with the reminder.
    @Test func helpThatCameEndsTheReminders() {
        let replies = converse([
            "my mum's speech is slurred and one side of her face has dropped",
            "the paramedics came and took her in, she's been discharged. does amlodipine interact with magnesium",
        ])
        #expect(replies[0].text.hasPrefix("Call emergency services now"), "\(replies[0].text)")
        #expect(!replies[1].text.contains("still needs help now"), "\(replies[1].text)")
        #expect(answer(of: replies[1]) == "blood-pressure-medicines-and-magnesium")
    }

    /// "And my brother?" during an emergency: the reminder first, then his question's answer.
    @Test func turningToSomeoneElseStillGetsAnAnswer() {
        let replies = converse([
            "my grandad takes digoxin and now he's vomiting and his vision has gone yellow",
            "what about my sister, she's 40 and on omeprazole, can she take magnesium",
        ])
        #expect(replies[1].text.hasPrefix("Please do not wait"), "\(replies[1].text)")
        #expect(replies[1].text.contains("PPI"), "\(replies[1].text)")
    }

    /// "I meant doxycycline not minocycline": both are tetracyclines, which the profile keeps.
    @Test func aCorrectionWithinOneKindKeepsTheKind() {
        let replies = converse([
            "i've been put on minocycline for my skin",
            "oops i meant doxycycline not minocycline",
        ])
        #expect(!replies[1].text.contains("no longer take"), "\(replies[1].text)")
        #expect(replies[1].text.contains("tetracycline"), "\(replies[1].text)")
    }

    /// "... I take my magnesium at night. Any problem?" after a new medicine asks about that
    /// medicine, not about the time of day; an answer about the medicine that fits the line best
    /// (fitting magnesium between two daily doses) still answers it.
    @Test func aShortIssueQuestionAfterANewMedicineIsAboutIt() {
        let reply = converse([
            "my gp put me on ciprofloxacin twice daily for a water infection, i take my magnesium at night for leg cramps. any problem?"
        ])[0]
        #expect(answer(of: reply) == "quinolones-ciprofloxacin-spacing", "\(reply.context)")
        let twice = converse([
            "my doctor put me on doxycycline 100mg twice a day, i always take my magnesium at night for my cramps. problem?"
        ])[0]
        #expect(answer(of: twice) == "doxycycline-twice-daily-fit-magnesium", "\(twice.context)")
    }

    /// "Going to stop the tablets" from someone who said which medicine they take is stopping it.
    @Test func stoppingTheTabletsIsStoppingTheMedicine() {
        let replies = converse([
            "i take ramipril for my blood pressure",
            "i think i'll stop the tablets and just take magnesium instead",
        ])
        #expect(replies[1].text.hasPrefix("No:"), "\(replies[1].text)")
        #expect(replies[1].text.contains("prescri"), "\(replies[1].text)")
    }

    /// "Back to my question" after the emergency was seen to answers the question the emergency
    /// line asked.
    @Test func backToTheQuestionOfTheLineBefore() {
        let replies = converse([
            "my wife's face has gone droopy on one side and she can't lift her arm. is levothyroxine ok with magnesium?",
            "the ambulance came and she's in hospital now, they think it was a mild stroke. anyway, back to my question",
        ])
        #expect(replies[0].text.hasPrefix("Call emergency services now"), "\(replies[0].text)")
        #expect(!replies[1].text.contains("still needs help now"), "\(replies[1].text)")
        #expect(answer(of: replies[1]) == "levothyroxine-spacing-answer", "\(replies[1].context)")
    }

    /// "I meant oxide, not citrate" asks the question before again, of oxide.
    @Test func aCorrectionAsksTheQuestionBeforeOfWhatWasMeant() {
        let replies = converse([
            "how much elemental magnesium is in citrate",
            "sorry i meant oxide not citrate",
        ])
        #expect(
            replies[1].context.contains { $0.hasPrefix("the question before, of what was meant") },
            "\(replies[1].context)")
        #expect(replies[1].text.contains("60.3"), "\(replies[1].text)")
    }

    /// "How far apart exactly?" from someone on two medicines: the spacing of the one that needs
    /// hours apart is given with the answer about the other.
    @Test func theSecondMedicinesSpacingIsGiven() {
        let replies = converse(["i'm on metformin and gabapentin", "how far apart exactly"])
        #expect(answer(of: replies[1]) == "metformin-magnesium-b12", "\(replies[1].context)")
        #expect(
            replies[1].text.contains("Take gabapentin at least 2 hours after magnesium"),
            "\(replies[1].text)")
    }

    /// Lithium is a medicine of the person's, and its signs of a high level have an answer.
    @Test func lithiumIsAMedicineWithItsOwnAnswers() {
        let replies = converse([
            "im on priadel",
            "how would i know if my lithium level was too high",
        ])
        #expect(replies[0].text.contains("you take lithium"), "\(replies[0].text)")
        #expect(answer(of: replies[1]) == "lithium-too-high-signs", "\(replies[1].context)")
    }
}

/// Lessons of blind set V, second part: a low eGFR is kidney disease, and a GP seen ends the
/// reminders of an emergency whose advice was to see one.
@Suite struct KidneyFunctionAndDoctorSeenTests {
    /// "My egfr is 38" is kidney disease for the profile, and its rule leads the question asked
    /// again; "egfr 85" is not.
    @Test func aLowEGFRIsKidneyDisease() {
        let replies = converse([
            "i take metformin, is magnesium ok with it", "my last blood test said egfr 38",
        ])
        #expect(replies[1].text.hasPrefix("Noted: kidney disease applies to you."))
        let lines = replies[1].text.split(separator: "\n")
        #expect(lines.count > 1 && lines[1].contains("kidney"), "\(replies[1].text)")
        let normal = converse(["my egfr is 85, is magnesium ok for me"])[0]
        #expect(!normal.text.contains("kidney disease applies"), "\(normal.text)")
    }

    /// Told in the middle of a conversation, and too long to ask the last question again for it, a
    /// situation with a rule for taking magnesium gets the rule, not only "Noted".
    @Test func aSituationToldMidConversationGetsItsRule() {
        let replies = converse([
            "which magnesium is best for leg cramps",
            "the doctor mentioned at my last check up that my kidneys are a bit weak these days and they want to keep an eye on them",
        ])
        #expect(replies[1].text.hasPrefix("Noted: kidney disease applies to you."))
        #expect(replies[1].text.contains("kidney doctor's agreement"), "\(replies[1].text)")
    }

    /// After digoxin's warning signs, "she's seen the doctor" ends the reminders.
    @Test func aDoctorSeenEndsTheReminders() {
        let replies = converse([
            "my mum is on digoxin and today she's throwing up and seeing halos round lights",
            "she's seen the doctor now, is magnesium ok with digoxin",
        ])
        #expect(replies[0].text.hasPrefix("Get medical help now"), "\(replies[0].text)")
        #expect(replies[0].text.contains("too much digoxin"), "\(replies[0].text)")
        #expect(!replies[1].text.contains("still needs"), "\(replies[1].text)")
    }
}
