import MagnesiumTestSupport
import Testing

@testable import MagnesiumKit
@testable import MagnesiumText
@testable import MagnesiumUnderstanding

/// What a seventh blind review of real-world messages showed. Each line here is worded afresh, not
/// copied from the review.
@Suite struct RealQuestionsSeventhRoundTests {

    /// In a long story the question asked is what is answered: an aside about anxiety and sleep
    /// had outscored "is there a type that won't upset my gut?", and the check of the 250 mg told
    /// in passing came before the answer.
    @Test func aStoryIsAnsweredByItsQuestion() {
        let reply = converse([
            "i have IBS with diarrhoea and after hearing on a podcast that magnesium calms anxiety "
                + "and helps you sleep i bought magnesium citrate, 250mg every night, and for two "
                + "weeks i have been rushing to the toilet every morning, worse than usual. is there "
                + "a type that won't upset my gut or should i give up"
        ])[0]
        let answer = designedAnswerID(of: reply) ?? ""
        #expect(
            ["article-claim-gentle-on-stomach", "which-form-sensitive-stomach"].contains(answer),
            "\(reply.context)")
        #expect(!reply.text.hasPrefix("Read as elemental magnesium"), "\(reply.text)")
    }

    /// A plan told at the end of a story ("I was thinking of buying him potassium tablets") is
    /// what it asks about, however much of the story is about his blood pressure medicines.
    @Test func aPlanToldInAStoryIsAskedAbout() {
        let reply = converse([
            "My dad is 70 and has high blood pressure, he takes ramipril 5mg and amlodipine, and "
                + "lately he has had cramps in his calves most nights which wake him up and he is "
                + "fed up with them. His neighbour said bananas help but he does not like them, so I "
                + "was thinking of buying him some potassium tablets from the chemist."
        ])[0]
        #expect(designedAnswerID(of: reply) == "potassium-tablets-for-cramps", "\(reply.context)")
    }

    /// "3 tabs of magnesium oxide 400mg": the amount after the product's name is each tablet's.
    @Test func anAmountAfterTabletsOfAProductIsEachTablets() {
        let reply = converse(["i take 3 tabs of magnesium oxide 400mg at night, is that ok"])[0]
        #expect(reply.text.contains("1,200 mg a day"), "\(reply.text)")
    }

    /// "Each gummy is 'Magnesium (as citrate) 60mg'" with "2 a day": the label's line is each
    /// gummy's, and how often he plays sport is no times a day.
    @Test func eachGummysLabelLineTimesTheCountADay() {
        let reply = converse([
            "my daughter is 12 and swims 5 times a week, her friend takes gummies, 2 a day, and "
                + "the tub says each gummy is 'Magnesium (as citrate) 60mg', is that ok for her"
        ])[0]
        #expect(reply.text.contains("2 gummies a day"), "\(reply.text)")
        #expect(reply.text.contains("120 mg a day"), "\(reply.text)")
        #expect(!reply.text.contains("times a day"), "\(reply.text)")
    }

    /// "My 2 year old" names the child, whoever the line named a few words before.
    @Test func myTwoYearOldIsTheChildNotTheHusband() {
        let reply = converse([
            "found the pot of my husband's pills open, my 2 year old has eaten some of them"
        ])[0]
        #expect(
            reply.context.contains { $0.contains("your child, aged 2") }, "\(reply.context)")
        #expect(!reply.context.contains { $0.contains("husband, aged") }, "\(reply.context)")
    }

    /// "Still on my pregnancy vitamins" after the birth is a product, not a pregnancy.
    @Test func aPregnancyVitaminAfterTheBirthIsNoPregnancy() {
        let reply = converse([
            "I'm 6 weeks postnatal and breastfeeding, still on my pregnancy vitamins, can I add "
                + "magnesium glycinate?"
        ])[0]
        let saysPregnant = reply.context.contains {
            ($0.hasPrefix("profile:") || $0.hasPrefix("answer for:")) && $0.contains("pregnancy")
        }
        #expect(!saysPregnant, "\(reply.context)")
        #expect(designedAnswerID(of: reply) != "needs-pregnancy", "\(reply.context)")
    }
}
