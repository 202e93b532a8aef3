import MagnesiumTestSupport
import Testing

@testable import MagnesiumKit
@testable import MagnesiumText
@testable import MagnesiumUnderstanding

/// What a fifth blind review of real-world messages showed, and what the fourth left noted. Each
/// line here is worded afresh, not copied from the review.
@Suite struct RealQuestionsFifthRoundTests {

    /// "Between" is a time only beside "how long", "hours", "leave": the difference between two
    /// things, asked by someone on a medicine, is not a question on spacing them.
    @Test func aDifferenceBetweenTwoThingsSpacesNothing() {
        let replies = converse([
            "i'm on thyroxine", "whats the difference between a cramp and a charley horse",
            "ok and how many hours between them",
        ])
        #expect(
            !(designedAnswerID(of: replies[1]) ?? "").contains("levothyroxine"),
            "\(replies[1].context)")
        #expect(
            (designedAnswerID(of: replies[2]) ?? "").contains("levothyroxine"),
            "\(replies[2].context)")
    }

    /// A child's amount at a known age is the answer written for that age band, with the band's
    /// need and limit together, where one is written: not the band's limit alone.
    @Test func aChildsAmountIsTheAnswerForTheAgeBand() {
        let reply = converse(["how much magnesium does my 11 year old daughter need"])[0]
        #expect(
            ["needs-age-9-13", "children-age-9-13-magnesium"].contains(
                designedAnswerID(of: reply) ?? ""), "\(reply.context)")
        #expect(reply.text.contains("240 mg"), "\(reply.text)")
    }

    /// "And at 15?" after a child's amount asks the same for that age; "what about 6" too.
    @Test func aBareAgeAsksAgainForThatAge() {
        let replies = converse([
            "how much magnesium should a 10 year old have", "and at 15?", "what about 6",
        ])
        #expect(designedAnswerID(of: replies[1]) == "teenagers-magnesium", "\(replies[1].context)")
        #expect(
            designedAnswerID(of: replies[2]) == "children-age-4-8-magnesium",
            "\(replies[2].context)")
        // With no age in play, a number alone is not one.
        let session = Session(knowledge: Repository.knowledge)
        #expect(
            session.statedQuestionAge(Repository.knowledge.understander.understand("and at 10?"))
                == nil)
    }

    /// "And while breastfeeding?" asks the first question again for a group: a child named next
    /// is asked about that first question, not about breastfeeding.
    @Test func aGroupAskedAgainKeepsTheFirstQuestion() {
        let replies = converse([
            "can most adults take magnesium glycinate safely", "what about while breastfeeding?",
            "and my 9 year old?",
        ])
        #expect(
            replies[2].context.contains(
                "asked again: can most adults take magnesium glycinate safely"),
            "\(replies[2].context)")
        #expect(!replies[2].text.contains("ashwagandha"), "\(replies[2].text)")
    }

    /// Being sick all day in pregnancy, told later in the conversation, is told to the midwife
    /// or GP today, before anything else.
    @Test func vomitingInPregnancyIsSentToTheMidwife() {
        let replies = converse([
            "im 9 weeks pregnant, is magnesium citrate ok for constipation",
            "been throwing up non stop since last night, cant keep anything down",
        ])
        #expect(replies[1].text.hasPrefix("Contact your midwife"), "\(replies[1].text)")
        let notPregnant = converse(["cant keep anything down since last night, is magnesium ok"])[0]
        #expect(!notPregnant.text.hasPrefix("Contact your midwife"), "\(notPregnant.text)")
    }

    /// "Why does it matter so much?" just after an answer on spacing asks that answer's reason,
    /// though an answer on what magnesium is fits the words as well.
    @Test func whyItMattersAsksTheReasonOfTheLastAnswer() {
        let replies = converse([
            "on a course of doxycycline, do i have to stop magnesium", "why does it matter so much",
        ])
        #expect(replies[1].intent == "why", "\(replies[1].context)")
        let quinolone = converse([
            "can i take magnesium with levofloxacin", "why is that so important then",
        ])
        #expect(quinolone[1].intent == "why", "\(quinolone[1].context)")
        #expect(!replies[1].text.contains("essential mineral"), "\(replies[1].text)")
    }

    /// A medicine put right ("oops, I meant ...") asks the last question again for it.
    @Test func aMedicinePutRightAsksTheLastQuestionAgain() {
        let replies = converse([
            "just started risedronate once a week plus my magnesium, when do i take each",
            "oops my mistake, its alendronic acid 70mg weekly",
        ])
        #expect(replies[1].context.contains("a medicine put right"), "\(replies[1].context)")
        #expect(
            designedAnswerID(of: replies[1]) == designedAnswerID(of: replies[0]),
            "\(replies[1].context)")
    }

    /// "Her brother is 5" after the daughter's age is another child, of his own age: not the
    /// daughter's age put right.
    @Test func aSiblingIsAnotherChild() {
        let replies = converse([
            "my daughter is 12, can she take magnesium for growing pains",
            "and her brother is 5, how much could he have",
        ])
        #expect(
            replies[1].text.hasPrefix("Noted: you are asking for your son, aged 5."),
            "\(replies[1].text)")
        #expect(replies[1].text.contains("110 mg"), "\(replies[1].text)")
    }

    /// "100 mg per 2 caps": each capsule holds half the serving, so 300 mg takes 6 of them, not 3.
    @Test func aServingOfTwoIsHalvedForEachCapsule() {
        let reply = converse([
            "tub says magnesium (as glycinate) 120mg per 2 capsules, how many capsules for 240mg"
        ])[0]
        #expect(reply.text.hasPrefix("4 capsules: each holds 60 mg"), "\(reply.text)")
    }

    /// Kidney disease told with a question the answer to which already gives its rule: the rule is
    /// said once.
    @Test func theKidneyRuleIsSaidOnce() {
        let replies = converse([
            "how much magnesium does an adult need each day",
            "i'm a 70 year old woman and my egfr was 45 at my last blood test, does that change it",
        ])
        let rule = "should not start magnesium supplements without their kidney doctor"
        #expect(
            replies[1].text.components(separatedBy: rule).count == 2, "\(replies[1].text)")
    }

    /// "All three doses" counts doses: it is no dose of something else to decline.
    @Test func aCountOfDosesIsNoOtherSubstance() {
        let session = Session(knowledge: Repository.knowledge)
        let understander = Repository.knowledge.understander
        #expect(
            session.doseOfSomethingElse(
                understander.understand("cant fit it 2 hours away from all three doses")) == nil)
        #expect(
            session.doseOfSomethingElse(understander.understand("best valerian dose for kids"))
                == "valerian")
    }

    /// "I'm 16, a girl": the age standing between does not hide the sex said.
    @Test func anAgeBeforeTheSexStillSaysIt() {
        let reply = converse(["im 16, a girl. how much magnesium do i need a day"])[0]
        #expect(designedAnswerID(of: reply) == "needs-teen-girls", "\(reply.context)")
    }
}
