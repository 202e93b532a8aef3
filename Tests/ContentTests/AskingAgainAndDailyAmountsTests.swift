import MagnesiumTestSupport
import Testing

@testable import MagnesiumKit
@testable import MagnesiumUnderstanding

/// How much a day, asked as people ask it, and a question asked again for someone else over
/// several short lines.
@Suite struct AskingAgainAndDailyAmountsTests {
    /// "Per day", "every day" and "a day" say the same, and "getting" no more than "get" does:
    /// asked without a word of supplements or doses, how much a day is the daily need, whose
    /// answer gives the supplement limit beside it.
    @Test func howMuchADayIsTheDailyNeed() {
        for line in [
            "how much magnesium per day", "how much magnesium should a person get each day",
            "how much magnesium should we be getting a day",
        ] {
            let reply = converse([line])[0]
            #expect(
                designedAnswerID(of: reply) == "needs-how-much-per-day", "\(line): \(reply.context)"
            )
        }
        // A word of taking it still asks for a supplement dose.
        let dose = converse(["how much magnesium should i take a day"])[0]
        #expect(designedAnswerID(of: dose) == "dose-how-much-bisglycinate", "\(dose.context)")
    }

    /// "What if she's breastfeeding?" after how much a woman needs asks how much again, for her:
    /// the kind of the answer before carries over, and the question before counts in full.
    @Test func whatIfAsksTheQuestionBeforeAgainForTheGroup() {
        let replies = converse([
            "how much magnesium does a woman of 35 need?", "what if she is breastfeeding?",
        ])
        #expect(
            designedAnswerID(of: replies[1])?.hasPrefix("needs-breastfeeding") == true,
            "\(replies[1].context)")
        #expect(replies[1].context.contains("read with the question before"))
    }

    /// A chain of short lines keeps leaning on the question first asked, not on the line that
    /// only named whom it was for: "and for a man?" then "what if he is 17?" still asks how much.
    @Test func aChainOfShortLinesKeepsTheFirstQuestion() {
        let replies = converse([
            "how much magnesium does a woman in her twenties need a day?",
            "and a man the same age?", "what if she is pregnant?",
        ])
        #expect(replies[2].text.contains("350 mg"), "\(replies[2].text)")
        #expect(
            designedAnswerID(of: replies[2])?.hasPrefix("needs-pregnancy") == true,
            "\(replies[2].context)"
        )
    }

    /// A line quoting the article is checked against the claim it names, unless an answer fits it
    /// clearly: a couple of shared words ("enough magnesium") do not make it that answer's
    /// question.
    @Test func aQuotedClaimIsCheckedDespiteASharedPhrase() {
        let reply = converse([
            "a blog says enough magnesium lets the muscles relax after use so you get fewer cramps, is that true"
        ])[0]
        #expect(reply.intent == "article-claim", "\(reply.intent): \(reply.text)")
    }
}
