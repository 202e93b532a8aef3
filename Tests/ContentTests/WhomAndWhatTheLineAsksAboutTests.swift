import MagnesiumTestSupport
import Testing

@testable import MagnesiumKit
@testable import MagnesiumKnowledge
@testable import MagnesiumText
@testable import MagnesiumUnderstanding

/// The parts of a line that say whom it is for, or only ask about taking magnesium, lean on
/// the rest of the line instead of being answered on their own.
@Suite struct WhomAndWhatTheLineAsksAboutTests {
    func answer(of reply: Reply) -> String? { designedAnswerID(of: reply) }

    /// A baby named by a breastfeeding mother who asks about taking it herself is why she asks,
    /// not whom it is for; a group someone was in once ("as a teen", "when I was pregnant") is
    /// not theirs now.
    @Test func whoTakesItIsTheOneAskingUnlessTheLineSaysOtherwise() {
        let replies = converse([
            "breastfeeding my 3 month old, is it ok to take magnesium glycinate", ":reset",
            "im breastfeeding, can i give my 3 month old magnesium drops", ":reset",
            "i used to faint a lot as a teen, anyway what time of day should i take mag glycinate",
            ":reset", "when i was pregnant i had awful cramps, what dose of magnesium is ok now",
        ])
        #expect(!replies[0].context.contains("for: children"), "\(replies[0].context)")
        #expect(!replies[0].text.hasPrefix("No: babies"), "\(replies[0].text)")
        #expect(replies[2].text.contains("\nNo: babies under 12 months"), "\(replies[2].text)")
        #expect(answer(of: replies[4]) == "timing-night-or-morning", "\(replies[4].context)")
        #expect(!replies[6].context.contains("for: pregnancy"), "\(replies[6].context)")
    }

    /// A medicine or condition said of a relative is theirs: it shapes answers about them, not
    /// the asker's, and it is dropped when someone else is asked about.
    @Test func whatIsSaidOfARelativeIsTheirs() {
        var session = Session(knowledge: Repository.knowledge)
        let first = session.respond(
            to: "for me its fine, but my dad is 82 and on furosemide, can he take it?")
        #expect(
            first.text.hasPrefix(
                "Noted: you are asking for your dad, aged 82; your dad takes loop diuretics."),
            "\(first.text)")
        #expect(session.profile.medicines.isEmpty)
        #expect(session.profile.otherMedicines == ["loop-diuretics"])
        let second = session.respond(to: "oh and he has kidney problems, stage 3 i think")
        #expect(
            second.text.hasPrefix("Noted: kidney disease applies to your dad."), "\(second.text)")
        #expect(session.profile.groups.isEmpty)
        #expect(second.context.contains("for: kidney disease"), "\(second.context)")
        let third = session.respond(to: "what about my son, he's 9")
        #expect(!third.context.contains("for: kidney disease"), "\(third.context)")
        #expect(session.profile.otherGroups.isEmpty && session.profile.otherMedicines.isEmpty)
        // Magnesium already taken by a relative it may harm is answered, not only noted.
        let mum = converse([
            "my mum has kidney disease and shes been taking loads of magnesium tablets, like 6 a day"
        ])[0]
        #expect(mum.text.contains("\nNot without your kidney doctor's agreement"), "\(mum.text)")
        // What a relative used to take is not theirs now.
        var other = Session(knowledge: Repository.knowledge)
        _ = other.respond(to: "my dad used to take quinine for leg cramps, is that a good idea")
        #expect(other.profile.otherMedicines.isEmpty && other.profile.medicines.isEmpty)
    }

    @Test func aClauseThatOnlyAsksAboutTakingItAsksAboutTheRestOfTheLine() {
        let replies = converse([
            "i get cramps every night, should i take magnesium", ":reset",
            "my legs cramp at night should i try mag glycinate", ":reset",
            "I walk my dog and get cramps, is magnesium safe?",
        ])
        // Taking it for the cramps the line names, not whether it is safe to take at all.
        #expect(answer(of: replies[0]) != "bisglycinate-is-it-safe", "\(replies[0].text)")
        #expect(replies[0].topics.contains("muscle-cramps"), "\(replies[0].topics)")
        #expect(answer(of: replies[2]) == "cramps-does-magnesium-help", "\(replies[2].text)")
        // A clause with words of its own still asks its own question.
        #expect(answer(of: replies[4]) == "bisglycinate-is-it-safe", "\(replies[4].text)")
    }

    @Test func anAgeSaidWithTheQuestionSaysWhomItIsFor() {
        let replies = converse([
            "i am 70 is magnesium safe for me", ":reset",
            "my dad is 80, can he take magnesium glycinate",
        ])
        // Not the older adults' cramp trial, which the number alone would find.
        for reply in [replies[0], replies[2]] {
            #expect(reply.text.contains("Often yes, but with more checks"), "\(reply.text)")
        }
    }

    @Test func aYesOrNoAboutAChildOfAKnownAgeGetsTheChildsLimits() {
        let replies = converse([
            "my son is 9 can he take it", ":reset", "is magnesium ok for my 7 year old", ":reset",
            "how much magnesium can my 7 year old have",
        ])
        for reply in [replies[0], replies[2]] {
            #expect(answer(of: reply) == "children-can-they-take-magnesium", "\(reply.text)")
        }
        // Asked how much, a child still gets the age band's figures, from the answer written for
        // the band.
        #expect(answer(of: replies[4]) == "children-age-4-8-magnesium", "\(replies[4].context)")
        #expect(replies[4].text.contains("110 mg"), "\(replies[4].text)")
    }

    @Test func anAnswerForOneSexIsNotGivenWhenTheSexIsUnknown() {
        let replies = converse([
            "im 45 years old, how much magnesium should i take", ":reset",
            "im a 45 year old woman how much magnesium do i need", ":reset",
            "what's the RDA for a 25 year old man", "and from 31 on?",
        ])
        #expect(replies[0].text.contains("(men) or 310-320 mg (women)"), "\(replies[0].text)")
        #expect(replies[2].text.hasPrefix("A woman aged 31 or over"), "\(replies[2].text)")
        // A follow-up to men's figures goes on about men.
        #expect(replies[5].text.contains("men"), "\(replies[5].text)")
        #expect(!replies[5].text.contains("(women)"), "\(replies[5].text)")
    }

    @Test func anAnswerAboutLegCrampsInPregnancyIsForPregnancy() {
        let replies = converse([
            "magnesium bisglycinate for cramps does it work", ":reset",
            "does magnesium help leg cramps in pregnancy",
        ])
        // Someone not pregnant, who did not name pregnancy, gets the evidence for everyone.
        #expect(answer(of: replies[0]) == "cramps-does-magnesium-help", "\(replies[0].text)")
        #expect(answer(of: replies[2]) == "cramps-pregnancy-magnesium", "\(replies[2].text)")
    }
}

/// A verdict's "Yes:" or "No:" answers a yes-or-no question only.
@Suite struct OpenQuestionTests {
    @Test func anOpenQuestionGetsTheFactWithoutTheVerdictWord() {
        let replies = converse([
            "whats the difference between glycinate and bisglycinate", ":reset",
            "is bisglycinate the same thing as glycinate", ":reset",
            "which magnesium cures diabetes?",
        ])
        #expect(
            replies[0].text.hasPrefix("Magnesium glycinate, magnesium bisglycinate"),
            "\(replies[0].text)")
        #expect(replies[2].text.hasPrefix("Yes: magnesium glycinate"), "\(replies[2].text)")
        // A correction keeps its "No:" however the question opens.
        #expect(
            replies[4].text.hasPrefix("No: magnesium does not cure diabetes"), "\(replies[4].text)")
    }

    @Test func aStatementAboutOneselfGetsNoVerdictWord() {
        let replies = converse([
            "i take magnesium glycinate", ":reset",
            "i wonder if magnesium glycinate is safe", ":reset",
            "i take magnesium so i can stop my blood pressure pills",
        ])
        #expect(
            replies[0].text.hasPrefix("For most healthy adults magnesium bisglycinate is safe"),
            "\(replies[0].text)")
        // Asked indirectly, it is still a yes-or-no question.
        #expect(replies[2].text.hasPrefix("Yes: "), "\(replies[2].text)")
        // A premise to correct keeps its "No:", said as a statement or asked.
        #expect(replies[4].text.hasPrefix("No: "), "\(replies[4].text)")
    }

    @Test func aVerdictFoundThroughTheTopicAloneIsNotGiven() {
        let replies = converse([
            "does magnesium glycinate cause acne", ":reset", "is magnesium glycinate safe",
        ])
        // None of "cause" or "acne" is in the safety answer's wordings: no "Yes:" to a question
        // it does not answer.
        #expect(!replies[0].text.hasPrefix("Yes"), "\(replies[0].text)")
        #expect(replies[2].text.hasPrefix("Yes: "), "\(replies[2].text)")
    }

    @Test func theVerdictWordIsDroppedWithTheNextLetterCapitalised() {
        var text = "No: do not double up."
        Session.dropYesOrNo(&text)
        #expect(text == "Do not double up.")
        text = "Probably not: trials disagree."
        Session.dropYesOrNo(&text)
        #expect(text == "Probably not: trials disagree.")
    }
}

/// What someone says about their own medicines is noted, not answered as a question.
@Suite struct MedicineStatementTests {
    @Test func aMedicineStoppedIsNotedWithoutAdviceOnStoppingMagnesium() {
        let replies = converse([
            "I stopped taking omeprazole", ":reset", "my doctor put me on amoxicillin",
        ])
        #expect(replies[0].text.hasPrefix("Noted: you do not take proton pump inhibitors"))
        #expect(!replies[0].text.contains("Stop or lower magnesium"), "\(replies[0].text)")
        // An antibiotic the references do not single out is asked about as an antibiotic.
        #expect(replies[2].text.contains("tetracyclines"), "\(replies[2].text)")
        #expect(!replies[2].text.contains("potassium"), "\(replies[2].text)")
    }
}

/// Whom a pronoun stands for: the object of "tell" or "ask" is a person, not the subject in focus.
@Suite struct PersonPronounTests {
    @Test func theOnesToldAreNotTheSubjectInFocus() {
        let replies = converse([
            "my dad took a whole bottle of magnesium tablets and now he's very drowsy and weak",
            "ok the ambulance is on its way, what should i tell them",
        ])
        #expect(replies[0].intent == "urgent")
        // What to tell the crew, for an overdose or for any emergency: about the people told.
        #expect(
            replies[1].text.hasPrefix("Tell them what was taken")
                || replies[1].text.hasPrefix("Good: tell the ambulance crew"),
            "\(replies[1].text)")
        #expect(!replies[1].text.contains("loose stools"), "\(replies[1].text)")
    }
}
