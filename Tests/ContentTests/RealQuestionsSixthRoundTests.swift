import MagnesiumTestSupport
import Testing

@testable import MagnesiumKit
@testable import MagnesiumText
@testable import MagnesiumUnderstanding

/// What a sixth blind review of real-world messages showed. Each line here is worded afresh, not
/// copied from the review.
@Suite struct RealQuestionsSixthRoundTests {

    /// The rules a reply's context says fired on that line.
    static func urgentRules(of reply: Reply) -> [String] {
        reply.context.first { $0.hasPrefix("urgent: ") }.map {
            $0.dropFirst("urgent: ".count).split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            }
        } ?? []
    }

    /// "He takes it twice a day" raised the alarm only read with the line before, which named the
    /// milk of magnesia and the kidneys; a graver sign two lines on is read with that line too,
    /// and is magnesium poisoning, not only a slow pulse.
    @Test func aGraverSignIsReadWithWhatTheAlarmWasRaisedOn() {
        let replies = converse([
            "my grandmother has kidney disease and has milk of magnesia for her bowels, is that ok",
            "she takes it twice a day, has done for a fortnight",
            "now she's very drowsy and weak and her pulse is about 40",
        ])
        #expect(
            Self.urgentRules(of: replies[1]).contains("magnesium-laxative-building-up"),
            "\(replies[1].context)")
        #expect(
            Self.urgentRules(of: replies[2]).first == "too-much-magnesium", "\(replies[2].context)")
        #expect(replies[2].text.hasPrefix("Call emergency services now"), "\(replies[2].text)")
    }

    /// A cue is said within one clause: "is that alright, now she's drowsy" says nothing is
    /// "alright now", so the drowsiness is not read as over.
    @Test func aCueDoesNotRunAcrossAComma() {
        let fired = RedFlagReaderTests.fired(
            "he has weak kidneys and uses milk of magnesia, is that ok, now he is very drowsy and weak"
        )
        #expect(fired.contains("too-much-magnesium"), "\(fired)")
    }

    /// An answer written for teenagers is no answer for a child of a known younger age.
    @Test func anAnswerForOtherAgesIsNotGivenToAChild() {
        let reply = converse(["my 7 yr old son keeps getting leg cramps can he take magnesium"])[0]
        #expect(designedAnswerID(of: reply) != "ibuprofen-magnesium-teenager", "\(reply.context)")
        #expect(!reply.text.contains("12- to 17-year-old"), "\(reply.text)")
    }

    /// "Her kidneys were stage 3" says what "her kidneys are stage 3" does.
    @Test func aSituationToldInThePastIsNoted() {
        let replies = converse([
            "my dad is 78 and takes magnesium for cramps",
            "his kidneys were stage 4 at the last check",
        ])
        #expect(
            replies[1].text.contains("kidney disease applies to your dad"), "\(replies[1].text)")
    }

    /// A list of medicines with how each is taken ("once a week", "20mg") is one list: every
    /// medicine is noted, and each gets what it means for magnesium.
    @Test func aListOfMedicinesIsNotedWholeAndEachAnswered() {
        let replies = converse([
            "my nan is 85, is magnesium ok for her",
            "she has risedronate once a week, omeprazole 20mg daily and furosemide",
        ])
        let text = replies[1].text
        for medicine in ["bisphosphonates", "proton pump inhibitors", "loop diuretics"] {
            #expect(text.contains("your nan takes \(medicine)"), "\(text)")
        }
        let answered = replies[1].context.first { $0.hasPrefix("each medicine's answer: ") } ?? ""
        #expect(answered.contains("ppi") && answered.contains("diuretic"), "\(replies[1].context)")
        #expect(text.split(separator: "\n").count >= 4, "\(text)")
    }

    /// A mother feeding the baby she named asks for herself; "can I give her some?" gives it to
    /// the baby, who should have none.
    @Test func himOrHerIsTheBabyBeingFed() {
        let replies = converse([
            "im breastfeeding my 3 month old, is magnesium glycinate ok for me",
            "could i give her a little as well, she hardly sleeps",
        ])
        #expect(
            ["infants-no-magnesium-supplements", "baby-sleep-no-magnesium"].contains(
                designedAnswerID(of: replies[1]) ?? ""), "\(replies[1].context)")
        #expect(replies[1].text.hasPrefix("No"), "\(replies[1].text)")
    }

    /// "That's not what I asked, yes or no?" returns to the question before; with a subject of
    /// its own ("yes or no for pregnancy?") it asks that instead.
    @Test func yesOrNoAsksTheQuestionBeforeAgain() {
        let replies = converse(["does magnesium stop leg cramps", "you didnt answer, yes or no"])
        #expect(
            replies[1].context.contains { $0.hasPrefix("back to the question of the line before") },
            "\(replies[1].context)")
        let own = converse(["does magnesium stop leg cramps", "yes or no for pregnancy"])
        #expect(
            !own[1].context.contains { $0.hasPrefix("back to the question of the line before") },
            "\(own[1].context)")
    }

    /// Who a question is for is no subject to suggest asking about: never "What is children?".
    @Test func suggestionsNeverAskWhatAGroupIs() {
        let replies = converse(["im 14, can i take magnesium", "whats the capital of peru"])
        #expect(!replies[1].text.contains("What is children?"), "\(replies[1].text)")
    }
}

extension RealQuestionsSixthRoundTests {
    /// "30mg zinc 450mg magnesium 10.5mg b6": a list naming each thing after its amount gives
    /// magnesium the amount before "magnesium", not the one after it; "zinc 30mg magnesium 450mg"
    /// names them before, and still gives it 450.
    @Test func aLabelsListNamingEachThingAfterItsAmount() {
        for line in [
            "the tub says 25mg zinc 400mg magnesium 9mg b6 a serving, is that safe",
            "zinc 25mg magnesium 400mg b6 9mg a serving, is that safe",
        ] {
            let reply = converse([line])[0]
            #expect(reply.text.contains("400 mg"), "\(line): \(reply.text)")
            #expect(!reply.text.contains(" 9 mg a day"), "\(line): \(reply.text)")
        }
    }

    /// "Magnesium glycinate 1000mg" as a tub's front names it is read first as the compound's
    /// weight, with the elemental reading after it.
    @Test func aFormNamedBeforeItsAmountIsReadAsTheCompoundFirst() {
        let reply = converse(["my pot says magnesium bisglycinate 1400mg per 2 capsules, too much?"]
        )[0]
        #expect(
            reply.text.hasPrefix("As the weight of magnesium bisglycinate"), "\(reply.text)")
        #expect(reply.text.contains("197 mg"), "\(reply.text)")
    }
}

extension RealQuestionsSixthRoundTests {
    /// Confusion and slurring with hot, dry skin after a race in the heat is heatstroke before it
    /// is a stroke: its advice (cool them while help comes) is among the first two, with the low
    /// salt level's when a lot of water was drunk.
    @Test func heatstrokeComesBeforeAStrokeAfterARaceInTheHeat() {
        let reply = converse([
            "did a 10k in the sun today, my brother is now muddled and slurring and his skin is hot and dry, he drank tons of water, what do i do"
        ])[0]
        let fired = Self.urgentRules(of: reply)
        #expect(fired.prefix(2).contains("heat-illness"), "\(reply.context)")
        #expect(reply.text.contains("cool their skin"), "\(reply.text)")
    }

    /// "27 degrees" is the heat, not anyone's age.
    @Test func aTemperatureIsNoAge() {
        let reply = converse(["my dad was gardening in 27 degrees and got cramp in his calf"])[0]
        #expect(!reply.text.contains("aged 27"), "\(reply.text)")
        // "41 f" is still an age and a sex, not a temperature.
        let own = converse(["im 41 f and get cramps at night"])[0]
        #expect(own.text.contains("you are 41"), "\(own.text)")
    }
}

extension RealQuestionsSixthRoundTests {
    /// "What magnesium should I buy?" asks which one to pick, as "which" does; "what should I
    /// do?" does not.
    @Test func whatToGetAsksForAChoice() {
        func kinds(_ line: String) -> Set<String> {
            Session.kindsAsked(line.split(separator: " ").map(String.init))
        }
        #expect(kinds("what magnesium should i buy").contains("choice"))
        #expect(kinds("what type should my mum get").contains("choice"))
        #expect(!kinds("what should i do").contains("choice"))
    }
}

extension RealQuestionsSixthRoundTests {
    /// "Who tends to run short of magnesium?" asks for the people: the answer that lists them,
    /// not the signs of running short. "Who should I ask?" is no list.
    @Test func whoAsksForAListOfPeople() {
        func kinds(_ line: String) -> Set<String> {
            Session.kindsAsked(line.split(separator: " ").map(String.init))
        }
        #expect(kinds("who is likely to be low in magnesium").contains("list"))
        #expect(!kinds("who should i ask").contains("list"))
        let reply = converse(["who is most likely to be short of magnesium"])[0]
        #expect(designedAnswerID(of: reply) == "deficiency-risk-groups", "\(reply.context)")
    }
}
