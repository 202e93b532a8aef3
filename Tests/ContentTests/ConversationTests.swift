import MagnesiumTestSupport
import Testing

@testable import MagnesiumKit
@testable import MagnesiumKnowledge
@testable import MagnesiumText
@testable import MagnesiumTranscripts
@testable import MagnesiumUnderstanding

/// Conversations with the production knowledge, judged on what the person reads.
@Suite struct ConversationTests {
    @Test func followUpsLeanOnWhatWasJustSaid() {
        // "them together": the pair the question before named.
        let pair = converse([
            "can i take magnesium with levothyroxine",
            "what happens if I've been taking them together?",
        ])
        #expect(pair[1].text.contains("TSH"))
        // "what about X?" asks what the last answer asked, about a new food.
        let food = converse(["magnesium in almonds?", "what about pumpkin seeds?"])
        #expect(food[1].text.hasPrefix("About 156 mg"))
        // "could that ...?" after a statement is about that statement, also when the statement
        // was told what its medicine means for magnesium.
        let statement = converse(["I take omeprazole", "could that lower my magnesium"])
        #expect(statement[0].text.hasPrefix("Noted: you take proton pump inhibitors."))
        #expect(statement[1].text.contains("PPI"))
        #expect(!statement[1].text.contains("cisplatin"))
    }

    @Test func sayingNoMedicinesIsNotedAndChangesNothingSaidAlready() {
        // A denial of medicines in general is noted, and drops the ones noted before.
        let none = converse(["I take omeprazole", "I don't take any medicines", ":profile"])
        #expect(none[1].text.hasPrefix("Noted: you take no medicines."))
        #expect(!none[1].text.contains("PPI"))
        #expect(!none[2].text.contains("proton pump"))
        // Not a denial of medicines in general.
        let tablets = converse(["i don't take the magnesium tablets every day"])
        #expect(!tablets[0].text.hasPrefix("Noted"))
        let which = converse(["I don't know which medicines clash"])
        #expect(!which[0].text.hasPrefix("Noted"))
        // Told after a question whose answer it does not change: said so, not the answer again.
        let safe = converse(["is magnesium safe for me", "I'm not on any meds", "im 40"])
        #expect(
            safe[1].text == "Noted: you take no medicines. That does not change my answer above.")
        #expect(safe[2].text == "Noted: you are 40. That does not change my answer above.")
        #expect(safe[1].sourceIDs.isEmpty)
        // Told after a statement's answer: noted, and the statement is not answered again.
        let after = converse(["I take omeprazole", "I'm pregnant"])
        #expect(after[1].text.hasPrefix("Noted: pregnancy applies to you."))
        #expect(!after[1].text.contains("PPI"))
    }

    @Test func itIsWhatIsTakenAndNotExplainedAgain() {
        // "Is it safe?" after a question on cramps asks about the magnesium, not the cramps.
        let safe = converse(["is magnesium good for cramps", "is it safe"])
        #expect(safe[1].context.contains { $0.hasPrefix("answer: bisglycinate-is-it-safe") })
        // Whoever calls bisglycinate "it" knows what it is: what they ask about it is answered.
        let food = converse(["what are the benefits of mag glycinate", "does it matter with food"])
        #expect(food[1].context.contains { $0.hasPrefix("answer: timing-with-food") })
        let night = converse(["what are the benefits of mag glycinate", "can I take it at night?"])
        #expect(night[1].context.contains { $0.hasPrefix("answer: timing-night-or-morning") })
        let worth = converse(["is glycinate better than oxide for cramps", "is it worth the money"])
        #expect(!worth[1].context.contains { $0.hasPrefix("answer: magnesium-oxide-what-is") })
        // Asking what it is still asks for what it is.
        #expect(Session.asksWhatSomethingIs(["what", "is", "it", "exactly"]))
        #expect(Session.asksWhatSomethingIs(["what", "does", "that", "mean"]))
        #expect(!Session.asksWhatSomethingIs(["what", "is", "the", "gentlest", "way"]))
    }

    @Test func whatARemedyIsSaidToActOnIsTheConditionInFocus() {
        let replies = converse([
            "my legs cramped at mile 20 on my long run", "would mag bisglycinate stop that",
        ])
        #expect(replies[1].context.contains { $0.hasPrefix("answer: cramps-") })
        #expect(!replies[1].context.contains { $0.hasPrefix("answer: bisglycinate-what-is-it") })
    }

    @Test func aPushAgainstAWarningGetsItsReasonThenTheWarningAgain() {
        let replies = converse([
            "my kidney function is poor but glycinate is gentle so its fine right",
            "but its only a supplement", "surely a little is fine", "but its natural",
        ])
        #expect(replies[0].text.contains("Not without your kidney doctor"))
        // Each reason once, then the warning itself.
        #expect(replies[1].text.contains("build up"))
        #expect(replies[2].text.contains("kidney function falls"))
        #expect(replies[3].text.hasPrefix("That still stands. Not without your kidney doctor"))
        // A push that is a question of its own ("but my friend swears by it") gets its answer.
        let friend = converse([
            "magnesium bisglycinate cures cramps for good, right?", "but my friend swears by it",
        ])
        #expect(!friend[1].text.hasPrefix("That still stands"))
        #expect(friend[1].context.contains { $0.hasPrefix("answer: ") })
    }

    @Test func whomToCallAfterAnEmergencyGetsItsAdviceAgain() {
        let replies = converse([
            "my 2 year old got into the iron tablets and magnesium gummies",
            "how many would be dangerous", "she seems fine", "is magnesium bad for kids anyway",
            "ok what number do i call",
        ])
        #expect(replies[4].text.contains("1-800-222-1222"))
        #expect(replies[4].context.contains("whom to call: the last emergency's advice"))
        // With no emergency before, the question is only a question; a phone to buy is no call.
        let plain = converse(["what number do i call"])
        #expect(!plain[0].text.contains("it still needs help now"))
        let phone = converse([
            "my 2 year old got into the iron tablets", "how many would be dangerous",
            "she seems fine", "is magnesium bad for kids anyway", "what's the best phone to buy",
        ])
        #expect(!phone[4].text.contains("it still needs help now"))
    }

    /// Three questions in a line get an answer each too, in the order asked.
    @Test func threeQuestionsInOneLineGetAnAnswerEach() {
        let reply = converse([
            "is glycinate safe, how much can i take and what time of day is best"
        ])[0]
        #expect(
            reply.context.contains(
                "three questions: bisglycinate-is-it-safe, dose-how-much-bisglycinate, timing-night-or-morning"
            ), "\(reply.context)")
    }

    @Test func twoQuestionsInOneLineGetAnAnswerEach() {
        let replies = converse([
            "whats the upper limit and what happens if i go over it?", ":reset",
            "why do my calves cramp at night and how can i prevent it?",
        ])
        // Both answers, in the order asked, their sources numbered as one list.
        let both = replies[0]
        #expect(both.context.contains { $0.hasPrefix("two questions:") })
        let limit = both.text.range(of: "350 mg")
        let over = both.text.range(of: "diarrhoea")
        #expect(limit != nil && over != nil && limit!.lowerBound < over!.lowerBound)
        let cited = Set(
            Citations.markers(in: both.text[...]).flatMap(\.numbers))
        #expect(cited == Set(1...both.sourceIDs.count))
        // Read apart, the two clauses would both be about exercise cramps; the line read whole
        // asks how to prevent night cramps, so it gets that one answer.
        #expect(!replies[2].context.contains { $0.hasPrefix("two questions:") })
        #expect(replies[2].context.contains { $0.hasPrefix("answer: cramps-how-to-prevent") })
    }

    @Test func aNumberNamedAsAStageOrTypeIsNoAge() {
        let replies = converse([
            "my mum has stage 4 ckd, can she take magnesium for cramps?", ":reset",
            "my son is 6, how much can he have",
        ])
        // Read as her age, "stage 4" added a child's advice to an adult's kidney question.
        #expect(!replies[0].context.contains { $0.contains("aged 4") }, "\(replies[0].context)")
        #expect(!replies[0].context.contains { $0.hasPrefix("answer for: children") })
        #expect(replies[2].context.contains { $0.contains("aged 6") })
    }

    @Test func anAgeSaidOfARelativeFarAfterTheirNameIsNoted() {
        let dad = converse(["my dad has type 2 diabetes and is 70, can he take glycinate"])[0]
        #expect(dad.context.contains { $0.contains("your dad, aged 70") }, "\(dad.context)")
        let husband = converse(["how much does my husband need a day? he's 75"])[0]
        #expect(husband.context.contains { $0.contains("your husband, aged 75") })
        // A measurement said of them is not their age.
        for line in [
            "my dad's egfr is 45, can he take it", "my mum's blood pressure is 90 over 60",
        ] {
            let reply = converse([line])[0]
            #expect(!reply.context.contains { $0.contains("aged") }, "\(line): \(reply.context)")
        }
    }

    @Test func aLineMeaningToStopAMedicineGetsTheCorrectionFirst() {
        let general = "answer: " + ReservedID.notInPlaceOfAMedicine
        // Medicines the graph does not know, named by their endings or as "meds", and "it" for
        // the medicine named before.
        for line in [
            "can I stop my quetiapine if I take magnesium",
            "my doctor put me on nadolol but I'd rather use magnesium, can I just quit it?",
            "I'm on sertraline, should I stop it and take magnesium instead?",
            "I don't need my meds anymore now I'm on magnesium right",
        ] {
            let reply = converse([line])[0]
            #expect(reply.context.contains { $0.hasPrefix(general) }, "\(line)")
            // A medicine the graph knows is noted first ("Noted: you take antidepressants.").
            let answer = reply.text.split(separator: "\n").first { !$0.hasPrefix("Noted:") }
            #expect(answer?.hasPrefix("No: do not") == true, "\(line)")
        }
        // A correction written for the medicine named goes before the general one.
        let ppi = converse(["should I stop omeprazole since it lowers magnesium"])[0]
        #expect(ppi.context.contains { $0.hasPrefix("answer: false-premise-stop-ppi") })
        for line in [
            "can I stop my bisoprolol if I take magnesium",
            "can I stop my propranolol if I take magnesium",
        ] {
            let betaBlocker = converse([line])[0]
            #expect(
                betaBlocker.context.contains {
                    $0.hasPrefix("answer: false-premise-replace-blood-pressure-pills")
                }, "\(betaBlocker.context)")
        }
        let amlodipine = converse(["can I stop my amlodipine if I take magnesium"])[0]
        #expect(
            amlodipine.context.contains {
                $0.hasPrefix("answer: false-premise-replace-blood-pressure-pills")
            }, "\(amlodipine.context)")
        // Stopping magnesium itself, or having stopped a medicine, is no such premise.
        for line in [
            "when should I stop taking magnesium before surgery",
            "i take magnesium glycinate but want to stop it, is that ok",
            "actually I stopped taking omeprazole",
            "can i just eat more spinach instead of taking pills",
        ] {
            #expect(
                !converse([line])[0].context.contains { $0.hasPrefix(general) }, "\(line)")
        }
    }

    @Test func aPronounInALinesSecondClauseStandsForWhatTheLineNamed() {
        // "them" is the night cramps just named, not the almonds of the question before.
        let replies = converse([
            "how much magnesium is in almonds?",
            "what causes night cramps and how do i stop them?",
        ])
        #expect(replies[1].topics.contains("night-leg-cramps"))
        #expect(!replies[1].topics.contains("almonds"))
    }

    @Test func everyParagraphAShortViewMustShowIsInTheText() {
        // Emergency advice and a second answer renumber the sources of what follows them: the
        // paragraphs kept in a short view, found by their words, must be renumbered with them.
        let replies = converse([
            "i have crushing chest pain right now, is magnesium glycinate safe to take?",
            ":reset", "i'm pregnant, is magnesium safe and how much do i need?",
        ])
        for reply in replies where !reply.alwaysShown.isEmpty {
            let paragraphs = Set(reply.text.split(separator: "\n").map(String.init))
            #expect(reply.alwaysShown.isSubset(of: paragraphs), "\(reply.text)")
        }
    }

    @Test func definitionThenDoseFollowUpKeepsTheTopic() {
        let replies = converse(["what is magnesium bisglycinate?", "how much of it should I take?"])
        #expect(replies[0].text.contains("glycine"))
        #expect(replies[0].topics.contains("magnesium-bisglycinate"))
        #expect(replies[1].text.contains("350 mg"))
        #expect(replies[1].text.contains("elemental"))
        #expect(!replies[1].sourceIDs.isEmpty)
    }

    @Test func pregnancyShapesTheDoseAnswerUntilWithdrawn() {
        let replies = converse([
            "I'm pregnant", "how much magnesium should I take?", "actually I'm not pregnant",
            ":profile",
        ])
        #expect(replies[0].intent == "profile")
        #expect(replies[1].text.lowercased().contains("pregnan"))
        #expect(replies[2].text.contains("no longer"))
        #expect(replies[3].text.contains("haven't told me"))
    }

    @Test func agesInMonthsAndWeeksAreBabiesNotYears() {
        let weeks = converse(["my 6 week old baby keeps twitching", ":profile"])
        #expect(weeks[0].text.contains("aged 6 weeks"))
        #expect(weeks[1].text.contains("aged 6 weeks"))
        let months = converse(["my 3 month old daughter, how much magnesium can she have"])[0]
        #expect(months.text.contains("aged 3 months"))
        #expect(months.text.contains("babies under 12 months"))
        #expect(!months.text.contains("65 mg"), "a 3-month-old got the 1-3 year figure")
        let older = converse(["I'm asking for my 18 month old son, how much magnesium"])[0]
        #expect(older.text.contains("65 mg"), "18 months is in the 1-3 year band")
        #expect(!older.text.contains("For an adult"))
        let newborn = converse(["my newborn has cramps", ":profile"])
        #expect(newborn[1].text.contains("under 1 year"))
    }

    @Test func aDurationInMonthsIsNotAnAge() {
        let replies = converse(["i took magnesium for 3 months, is that ok", ":profile"])
        #expect(!replies[0].text.contains("aged 3"))
        #expect(replies[1].text.contains("haven't told me"))
    }

    @Test func aChildsKnownAgeGetsTheAgeBandNotTheAdultFigure() {
        let replies = converse([
            "is magnesium safe for kids", "my daughter is 4", "how much can she have",
            "sorry she's actually 9", "how much can she have",
        ])
        #expect(replies[1].text.contains("aged 4"))
        #expect(replies[2].text.contains("110 mg"))
        #expect(!replies[2].text.contains("For an adult"))
        #expect(replies[4].text.contains("9-13") || replies[4].text.contains("9 to 13"))
    }

    @Test func itMeansTheSupplementNotTheGroupOfPeople() {
        let replies = converse(["I'm pregnant", "how much can I take", "is it safe"])
        #expect(replies[1].text.hasPrefix("In pregnancy"))
        #expect(replies[2].text.lowercased().contains("pregnan"))
        #expect(!replies[2].text.hasPrefix("No:"))
    }

    @Test func outOfScopeSaysSoAndSuggests() {
        let reply = converse(["what is the capital of france?"])[0]
        #expect(reply.intent == "out-of-scope")
        #expect(reply.text.contains("outside what I know"))
    }

    @Test func urgentAdviceComesFirst() {
        let reply = converse(["I have chest pain, how much magnesium should I take?"])[0]
        #expect(reply.text.lowercased().contains("emergency"))
        let emergencyAt = reply.text.lowercased().range(of: "emergency")!.lowerBound
        #expect(reply.text.distance(from: reply.text.startIndex, to: emergencyAt) < 120)
    }

    @Test func anEmergencyStaysFirstOnTheNextLines() {
        let replies = converse([
            "my calf is swollen red and hot", "can I just take magnesium and wait and see?",
        ])
        #expect(replies[1].intent == "urgent")
        #expect(replies[1].context.contains { $0.hasPrefix("urgent, still") })
        let reset = converse(["my calf is swollen red and hot", ":reset", "what is glycine?"])
        #expect(reset[2].intent != "urgent")
    }

    @Test func repliesAreDeterministic() {
        let lines = [
            "what is magnesium bisglycinate?", "and citrate?", "tell me more",
            "which foods have the most magnesium?",
        ]
        #expect(converse(lines).map(\.text) == converse(lines).map(\.text))
    }

    @Test func tellMeMoreGivesNewDetailAndWhyGivesAReason() {
        let replies = converse(["can I take magnesium with levothyroxine?", "why?", "tell me more"])
        #expect(replies[0].text.contains("4 hours"))
        #expect(replies[1].intent == "why")
        #expect(replies[1].text != replies[0].text)
        #expect(replies[2].intent == "more")
        #expect(!replies[0].text.contains(replies[2].text.prefix(40)))
    }

    @Test func aMedicineInTheProfileBringsItsTimeGap() {
        // Told at once, with the note, and again when the timing is asked.
        let replies = converse(["I take ciprofloxacin", "when should I take magnesium?"])
        #expect(replies[0].text.hasPrefix("Noted: you take quinolone antibiotics."))
        #expect(replies[0].text.contains("2 hours before"))
        #expect(replies[1].text.contains("2 hours before"))
    }

    /// "Does magnesium help with gout?" gets the answer saying there is no checked evidence for
    /// that use, naming it, not the answer on cramps that its other words fit.
    @Test func aUseNoAnswerIsWrittenForIsSaidToBeUnreviewed() {
        let replies = converse([
            "does magnesium help with gout", ":reset", "is mag glycinate good for rosacea",
            ":reset", "can i take bisglycinate for the rest of my life",
        ])
        #expect(
            replies[0].text.hasPrefix("I have no checked evidence that magnesium helps with gout"))
        #expect(replies[2].text.contains("helps with rosacea"), "\(replies[2].text)")
        #expect(!replies[4].text.contains("no checked evidence"), "\(replies[4].text)")
    }

    /// "Both together" from someone on levothyroxine is about the medicine and magnesium.
    @Test func takingBothTogetherKeepsTheMedicinesGap() {
        let replies = converse([
            "i take levothyroxine every morning", "can i just take both together at bedtime",
        ])
        #expect(replies[1].text.contains("4 hours"), "\(replies[1].text)")
        #expect(!replies[1].text.hasPrefix("Yes"), "\(replies[1].text)")
    }

    @Test func aChildsAgeSelectsTheChildrensFigures() {
        let replies = converse(["my son is 6", "how much magnesium can he have?"])
        #expect(replies[0].intent == "profile")
        #expect(replies[1].text.contains("110 mg"))
    }

    @Test func hostileInputGetsACleanReplyAndTheSessionGoesOn() {
        let wall = String(repeating: "what is magnesium ", count: 60_000)
        let lines = [
            wall, String(repeating: "a", count: 10_000), "\u{0}\u{1}\u{1B}[31m\u{202E}", "   ",
            "🙂🙂🙂", "e\u{301}\u{301}\u{301}", "what is glycine?",
        ]
        let replies = converse(lines)
        #expect(replies[0].context.contains { $0.hasPrefix("read only the first 1000 characters") })
        for reply in replies { #expect(!reply.text.isEmpty) }
        #expect(replies.last?.text.contains("amino acid") == true)
        #expect(replies.last?.topics.first == "glycine")
    }

    @Test func aStatementWithAQuestionIsNotedAndAnswered() {
        let reply = converse(["i'm on doxycycline, can i still take mag glycinate"])[0]
        #expect(reply.text.hasPrefix("Noted: you take tetracycline antibiotics."))
        #expect(reply.text.contains("2 hours"))
        let bare = converse(["I'm pregnant", "actually I'm not pregnant"])
        #expect(bare[1].text == "Noted: pregnancy no longer applies.")
    }

    @Test func someoneElsesAgeAndItsCorrection() {
        let replies = converse([
            "my daughter is 4", "how much can she have", "sorry she is actually 9",
            "how much can she have", ":profile",
        ])
        #expect(replies[1].text.contains("110 mg"))
        #expect(replies[2].text.hasPrefix("Noted: your daughter is 9"))
        #expect(replies[3].text.contains("350 mg"))
        #expect(replies[4].text.contains("Asking for your daughter, aged 9"))
        let duration = converse(["I've been on omeprazole for 2 years"])[0]
        #expect(!duration.context.contains { $0.contains("age 2") })
    }

    @Test func anEmergencyReplyNamesTheEmergency() {
        let reply = converse(["my calf is swollen red and hot"])[0]
        #expect(reply.intent == "urgent")
        #expect(reply.topics.first == "blood-clot")
    }

    /// "How long should I wait?" from someone on an antibiotic asks for the antibiotic's gap;
    /// "how long should I wait for it to work?" asks when magnesium takes effect.
    @Test func waitingIsTheMedicinesGapUnlessSomethingIsToTakeEffect() {
        let replies = converse([
            "i'm on ciprofloxacin", "how long should i wait for magnesium to work on my cramps",
            "how long should i wait",
        ])
        #expect(!replies[1].context.contains { $0.hasPrefix("answer: quinolones-") })
        // The answer written for the antibiotic, not the one on spacing every form, which also
        // gives levothyroxine's 4 hours.
        #expect(replies[2].context.contains { $0.hasPrefix("answer: quinolones-") })
        #expect(replies[2].text.contains("2 hours before"))
        #expect(!replies[2].text.contains("levothyroxine"))
    }

    /// Telling how it went gets the answer for a report; telling what is meant to happen does not.
    @Test func anIntentionIsNoReport() {
        let report = "answer: magnesium-seems-to-help"
        let meant = converse(["thinking of giving magnesium to my daughter for her leg pains"])[0]
        #expect(!meant.context.contains { $0.hasPrefix(report) }, "\(meant.context)")
        let told = converse(["i think its working, fewer cramps"])[0]
        #expect(told.context.contains { $0.hasPrefix(report) }, "\(told.context)")
    }

    /// A line opening "and is it...", "ok so can I..." asks something: it is no statement that a
    /// later "does that matter?" would be read with.
    @Test func wordsLeadingIntoAQuestionStillAsk() {
        let knowledge = Repository.knowledge
        for line in [
            "and is it better to take in the morning or night", "ok so can i take it with food",
            "so does it work",
        ] {
            #expect(knowledge.understander.understand(line).asksSomething, "\(line)")
        }
        #expect(!knowledge.understander.understand("and i take it at night").asksSomething)
    }

    /// "Why is it so little?" after the share of magnesium in bisglycinate asks for that answer's
    /// reason, not the answer again.
    @Test func whyAboutWhatWasJustSaidGivesTheReason() {
        let replies = converse([
            "how much of magnesium bisglycinate is actual magnesium", "why is it so little",
        ])
        #expect(
            replies[0].context.contains { $0.hasPrefix("answer: bisglycinate-elemental-share") })
        #expect(replies[1].text.contains("glycine"), "\(replies[1].text)")
        #expect(!replies[1].text.hasPrefix(String(replies[0].text.prefix(40))))
    }

    /// A property every form has (its share of elemental magnesium) is no reason to answer about
    /// another form than the one named.
    @Test func aPropertyOfTheFormNamedIsAnsweredForThatForm() {
        let reply = converse(["how much of magnesium bisglycinate is actual magnesium"])[0]
        #expect(reply.context.contains { $0.hasPrefix("answer: bisglycinate-elemental-share") })
        #expect(reply.text.contains("14.1 %"))
    }

    /// "I also take the pill, does that matter?" after questions on glycinate for period pain:
    /// "that" brings the form in focus, whose definition fits its name alone; the answer on the
    /// contraceptive pill fits what the line says.
    @Test func anAnswerFittingTheLinesOwnWordsGoesBeforeOneFittingOnlyTheFocus() {
        let replies = converse([
            "would magnesium glycinate ease my period pain", "how much would i need",
            "i also take the pill does that matter",
        ])
        #expect(
            replies[2].context.contains {
                $0.hasPrefix("answer: magnesium-with-contraceptive-pill")
            },
            "\(replies[2].context)")
    }

    /// An amount said to be elemental and above every limit is too much, whether asked "ok?" or
    /// "too much?", and more is said to be no better; an amount not said to be elemental keeps
    /// both readings.
    @Test func anElementalAmountAboveEveryLimitIsTooMuch() {
        for line in [
            "im going to take 1500mg elemental a day to catch up faster, good plan?",
            "is 900 mg elemental too much?",
        ] {
            let reply = converse([line])[0]
            #expect(reply.text.hasPrefix("Too much: "), "\(line): \(reply.text.prefix(80))")
            #expect(reply.text.contains("More is not better"))
        }
        let unsaid = converse(["is 900 mg too much?"])[0]
        #expect(!unsaid.text.hasPrefix("Too much: "))
    }

    /// A child who swallowed magnesium and another medicine: iron, above all, is named.
    @Test func aChildsEmergencyNamesIronAmongTheOtherMedicines() {
        let reply = converse(["my 2 year old swallowed some magnesium and a few of my iron tablets"]
        )[0]
        #expect(reply.text.contains("iron tablets above all"), "\(reply.text.prefix(300))")
    }

    /// "Who should I ask?" asks for a person to ask, not what the assistant can be asked; "who
    /// are you?" still asks about the assistant.
    @Test func whoToAskIsAnsweredWithWhomToAsk() {
        let replies = converse([
            "my mum is 86 and on digoxin and furosemide, can she take magnesium",
            "who should i ask",
        ])
        #expect(replies[1].text.hasPrefix("A pharmacist is the quickest person to ask"))
        #expect(converse(["who are you"])[0].intent == "capabilities")
    }

    @Test func unknownCommandSuggestsTheNearest() {
        let reply = converse([":topcs"])[0]
        #expect(reply.text.contains("Did you mean :topics?"))
    }
}

@Suite struct SeedArticleTests {
    /// The article's claims, in its order; each must be in the graph with a verdict and the facts
    /// that check it.
    static let claimKeywords: [(Int, String)] = [
        (1, "painful"), (2, "glycine"), (3, "absor"), (4, "muscle"), (5, "gentle"),
        (6, "involuntary"),
        (7, "dehydration"), (8, "relax"), (9, "electrolyte"), (10, "fatigue"), (11, "sleep"),
        (12, "sleep"),
        (13, "anxiety"), (14, "bone"), (15, "heart"), (16, "200"), (17, "professional"),
        (18, "promising"),
    ]

    @Test(arguments: claimKeywords)
    func claimIsInTheGraph(_ number: Int, _ keyword: String) {
        let graph = Repository.knowledge.graph
        let claim = graph.claims.first { $0.number == number }
        #expect(claim != nil, "claim \(number) missing")
        guard let claim else { return }
        #expect(Schema.verdicts.contains(claim.verdict))
        #expect(!claim.evidenceFactIDs.isEmpty)
        #expect(claim.evidenceFactIDs.allSatisfy { graph.fact($0) != nil })
        let text = (claim.claim + " " + claim.keywords.joined(separator: " ")).lowercased()
        #expect(
            text.contains(keyword),
            "claim \(number) does not read like the article's: \(claim.claim)")
    }
}
