import Foundation
import MagnesiumKnowledge
import MagnesiumText
import MagnesiumUnderstanding

/// Answering with the designed answers of `Knowledge/answers/`: the answer whose questions best
/// fit the words asked, read in the light of the conversation, with what the profile changes
/// added, and its own follow-ups ("tell me more", "why?").
extension Session {
    /// What the last designed answer was, for its follow-ups.
    struct DesignedState: Sendable {
        var answerID: String
        /// How many of its `more` items have been shown.
        var moreShown: Int
        /// Whether its `why` item has been shown.
        var whyShown: Bool
        /// The line that asked it: an elliptical follow-up ("and for kids?") is read together with
        /// it.
        var question: String
        /// Whether that line named an amount ("I'm taking 800 mg a day").
        var namedAnAmount = false
        /// The situation whose rule led the answer ("not without your kidney doctor"), or that
        /// the answer added a sentence for: "why?" explains that first, as the point that
        /// surprises.
        var ruleToExplain: String?
    }

    /// The intent whose amount limits an amount in a question is checked against.
    static let amountCheckIntent = "dose"

    /// A follow-up line this short, with these words, asks about the last answer, not something
    /// new.
    static let followUpWords: Set<String> = [
        "and", "or", "also", "about", "what", "how", "for", "with", "in",
    ]

    /// The designed answer that fits the line, or nil when none fits well enough.
    mutating func designedReply(_ understanding: Understanding, context: inout [String]) -> Reply? {
        // With nothing said, the focus alone would pick an answer; so would it for thanks or a
        // greeting that names nothing ("thanks, that's helpful" after a question on cramps would
        // read as "does it help cramps?").
        if Self.saysNothing(understanding) || Self.isAboutTheConversation(understanding) {
            return nil
        }
        if let other = doseOfSomethingElse(understanding) {
            return noAdviceOnDose(of: other, context: &context)
        }
        let animal = animalAskedAbout(understanding)
        let rankedForTheLine = rankedDesignedAnswers(understanding, context: &context)
        if let animal {
            return answerAboutAnimals(
                animal, ranked: rankedForTheLine.ranked, understanding, context: &context)
        }
        var ranked = rankedForTheLine.ranked
        let (readWith, person) = (rankedForTheLine.readWith, rankedForTheLine.person)
        if let other = amountOfAnotherSubstance(understanding, best: ranked.first) {
            return noAdviceOnDose(of: other, context: &context)
        }
        if let question = askTheChildsAge(ranked, person: person, understanding) {
            return question
        }
        let child = answerForAChild(&ranked, person: person, understanding, readWith: readWith)
        if child.amountAsked {
            return childsAmountReply(
                ranked, child: child, person: person, understanding, readWith: readWith,
                context: &context)
        }
        guard let best = ranked.first else { return nil }
        let answer = graph.answers[best.answer]
        guard
            fitsToBeGiven(
                best, answer, understanding, childAge: child.age,
                childAnswer: answer.topicIDs.contains(ReservedID.children),
                correctsThePremise: child.correctsThePremise)
        else { return nil }
        // "Why is it so little?" just after the share of magnesium in bisglycinate fits that
        // answer best again: a question of why about the answer just given asks for its reason.
        if let last = designed, last.answerID == answer.id, !last.whyShown, answer.why != nil,
            Self.asksWhyOfWhatWasSaid(understanding)
        {
            return designedWhy(score: best.score)
        }
        let chosen = bandAnswer(instead: answer, person: person, understanding, context: &context)
        if readWith != nil { context.append("read with the question before") }
        let questionBefore = designed?.question
        var reply = reply(
            for: chosen, score: best.score, understanding: understanding, person: person,
            context: &context)
        keepAskingAgain(questionBefore, readWith: readWith, understanding, answered: chosen)
        if ranked.count > 1 { reply.context.append(runnerUp(ranked[1])) }
        return reply
    }

    /// The designed answers ranked for the line and sorted by the steps that set answers aside or
    /// put one first on purpose; whether the line was read with the one before, and for whom it
    /// asks.
    private mutating func rankedDesignedAnswers(
        _ understanding: Understanding, context: inout [String]
    ) -> (ranked: [RankedAnswer], readWith: String?, person: Person) {
        // What "it" stands for, worked out once for the ranking and the forms set aside.
        let referent = referent(for: understanding)
        var (ranked, readWith) = rankDesigned(understanding, referent: referent)
        setAsideOtherForms(&ranked, understanding, referent: referent)
        setAsideDefinitionOfWhatIsMeant(&ranked, understanding, referent: referent)
        setAsideDefinitionOfWhatIsTaken(&ranked, understanding)
        setAsideDefinitionsAfterWhatAbout(&ranked, understanding)
        // "Breastfeeding my 3 month old, can I keep taking my glycinate?" asks about her own
        // supplement: an answer on giving magnesium to babies answers another question.
        if asksAboutHerOwnWhileCarryingOrFeeding(understanding) {
            ranked.removeAll { knowledge.answerTopicIDs[$0.answer].first == ReservedID.children }
        }
        let person = personFor(understanding)
        // Before the kind asked adds to it: "is it ok to add?" asks for a verdict as a
        // correction gives one.
        setAsideCorrectionsOfAnUnsaidPremise(&ranked, understanding)
        preferKindAndPerson(person, &ranked, understanding)
        // Before the steps that put an answer first on purpose (a correction to stopping a
        // medicine, the medicine asked about), which a tie must not undo.
        breakATieByTheLinesWords(
            &ranked, understanding, person: person, leanedOnTheLineBefore: readWith != nil)
        if readWith == nil { preferAnAnswerWordedLikeTheLine(&ranked, understanding) }
        setAsideBabyAnswers(&ranked, person: person)
        setAsideDeniedGroups(&ranked, understanding)
        setAsideMedicinesNotInPlay(&ranked, understanding)
        setAsideReportsUnlessReported(&ranked, understanding)
        setAsideWarningSignsOfAnEpisodeOver(&ranked, understanding)
        answerWhileWaitingForHelp(&ranked, understanding)
        answerTheSwapAsked(&ranked, understanding)
        setAsideCompoundReadingsOfElemental(&ranked, understanding)
        setAsideWithdrawn(&ranked)
        setAsideOtherAmounts(&ranked, understanding, readWith: readWith)
        keepCheckingTheAmount(&ranked, understanding)
        answerTheAmountAskedAbout(&ranked, understanding)
        answerWhatTheFoodHolds(&ranked, understanding)
        correctStoppingAMedicine(&ranked, understanding)
        answerAboutTheMedicine(&ranked, understanding)
        if let use = askedUse(understanding), answerTheUseAsked(use, &ranked),
            let notReviewed = graph.answerIndex[ReservedID.useNotReviewed]
        {
            context.append("a use no answer names: \(use.words.joined(separator: " "))")
            ranked.insert(
                RankedAnswer(
                    answer: notReviewed,
                    score: max(ranked.first?.score ?? 0, Thresholds.designedAnswerScore)), at: 0)
        }
        return (ranked, readWith, person)
    }

    /// "Does it matter with food?" about bisglycinate: whoever calls it "it" (or "that") knows
    /// what it is, so the answer saying what it is (found through its name standing for "it",
    /// which its short wordings are made of) counts for less, unless the line asks what something
    /// is or means.
    private mutating func setAsideDefinitionOfWhatIsMeant(
        _ ranked: inout [RankedAnswer], _ understanding: Understanding, referent: String?
    ) {
        guard let referent, understanding.topicIDs.isEmpty,
            understanding.tokens.contains(where: { Understander.standInWords.contains($0.text) }),
            !Self.asksWhatSomethingIs(understanding.tokens.map(\.text)),
            case let answerKinds = answerKindNumbers(),
            let definition = answerKinds.number["definition"]
        else { return }
        let kinds = answerKinds.ofAnswer
        let topics = knowledge.answerTopicIDs
        // Just after that answer, "why is it in so many cheap supplements?" may ask about it.
        let justGiven = designed.flatMap { graph.answerIndex[$0.answerID] }
        var changed = false
        for index in ranked.indices
        where kinds[ranked[index].answer] == definition
            && topics[ranked[index].answer].first == referent && ranked[index].answer != justGiven
        {
            ranked[index].score *= Thresholds.definitionOfWhatIsMeantShare
            changed = true
        }
        if changed { RankedOrder.sort(&ranked) }
    }

    /// "I take atorvastatin, could that be it?": whoever takes a medicine knows what it is, so the
    /// answer saying what it is counts for less, unless the line asks what something is. So does
    /// whoever has a form of magnesium ("on cipro, can I still have my mag citrate?").
    private mutating func setAsideDefinitionOfWhatIsTaken(
        _ ranked: inout [RankedAnswer], _ understanding: Understanding
    ) {
        let words = understanding.tokens.map(\.text)
        guard !Self.asksWhatSomethingIs(words),
            case let taken = understanding.mentions.filter({ mention in
                let before = words[max(0, mention.range.lowerBound - 3)..<mention.range.lowerBound]
                switch graph.kind(ofTopic: mention.topicID) {
                case "medicine": return before.contains(where: Self.medicineTakingWords.contains)
                case "form": return before.contains(where: Self.formHeldWords.contains)
                default: return false
                }
            }).map(\.topicID),
            !taken.isEmpty,
            case let answerKinds = answerKindNumbers(),
            let definition = answerKinds.number["definition"]
        else { return }
        let kinds = answerKinds.ofAnswer
        let topics = knowledge.answerTopicIDs
        _ = RankedOrder.rescore(&ranked) { entry in
            kinds[entry.answer] == definition && taken.contains(topics[entry.answer].first ?? "")
                ? entry.score * Thresholds.definitionOfWhatIsMeantShare : nil
        }
    }

    /// "I take", "I'm on", "started": words before a medicine that say it is taken.
    private static let medicineTakingWords = magnesiumTakingWords.union(["on"])
    /// "Have my", "his", "using": words before a form of magnesium that say the person has it.
    private static let formHeldWords = medicineTakingWords.union([
        "have", "having", "my", "his", "her", "their", "using", "use",
    ])

    /// "Ok, what about magnesium spray then, or a hot bath with Epsom salts?" after an answer on
    /// tonic water: "what about" asks the same of something else, not what it is, so answers
    /// saying what something is count for less (unless the line asks what it is).
    private mutating func setAsideDefinitionsAfterWhatAbout(
        _ ranked: inout [RankedAnswer], _ understanding: Understanding
    ) {
        let words = understanding.tokens.map(\.text)
        let opening = words.drop { Self.openingFillers.contains($0) }
        // "What is glycinate?" or "glycinate or citrate?" then "what about oxide?" does ask what
        // oxide is (like); "what about for my son, he gets growing pains" asks for someone, and
        // what the pains are may answer.
        guard let last = designed,
            !Self.kindsThatDescribe.contains(graph.answer(last.answerID)?.asks ?? ""),
            Understander.opensWithWhatAbout(opening), !Self.asksWhatSomethingIs(words),
            let named = opening.dropFirst(2).first(where: { !Self.articles.contains($0) }),
            understanding.mentions.contains(where: {
                understanding.tokens[$0.range.lowerBound].text == named
                    && !graph.isAudienceTopic($0.topicID)
            }),
            let definition = answerKindNumbers().number["definition"]
        else { return }
        let kinds = answerKindNumbers().ofAnswer
        var rescored = ranked
        _ = RankedOrder.rescore(&rescored) { entry in
            kinds[entry.answer] == definition
                ? entry.score * Thresholds.definitionAfterWhatAboutShare : nil
        }
        // Only for an answer about what the line names: "what about magnesium oxide?" after an
        // answer on pregnancy is still best told what oxide is.
        guard let first = rescored.first,
            understanding.mentions.contains(where: {
                understanding.tokens[$0.range.lowerBound].text == named
                    && knowledge.answerTopicIDs[first.answer].contains($0.topicID)
            })
        else { return }
        ranked = rescored
    }

    private static let articles: Set<String> = ["a", "an", "the", "some", "my", "that", "this"]

    /// Kinds of answer after which "what about X?" asks what X is like.
    private static let kindsThatDescribe: Set<String> = ["definition", "comparison", "choice"]

    /// Words a line may open with before what it asks: "ok what about ...", "and how about ...".
    static let openingFillers: Set<String> = ["ok", "okay", "and", "so", "but", "right", "hmm"]

    /// "What is it?", "what's that exactly?", "what does it mean?": the line asks what something
    /// is ("what's the gentlest way to take it?" does not).
    static func asksWhatSomethingIs(_ words: [String]) -> Bool {
        words.contains(where: ["mean", "means", "meaning", "define", "definition"].contains)
            || words.indices.contains { index in
                words[index] == "what" && index + 2 < words.count
                    && ["is", "are", "s", "was"].contains(words[index + 1])
                    && Understander.standInWords.contains(words[index + 2])
            }
    }

    /// An answer written for babies ("can I give my baby magnesium for colic?", for under-ones)
    /// is not for an older child: a boy of 7 with growing pains is no baby. (An adult may ask
    /// about babies; other bands are chosen among their family after ranking.)
    private func setAsideBabyAnswers(_ ranked: inout [RankedAnswer], person: Person) {
        guard let age = person.age, age >= 1, age < Thresholds.adultAge else { return }
        // Only the first answers need looking at: whether one is about babies is read in its
        // questions.
        while let first = ranked.first, knowledge.isAboutBabies(answerAt: first.answer) {
            ranked.removeFirst()
        }
    }

    /// "How much do I need per day, female 34, not pregnant": a group the line denies is the one
    /// the answer is not for, so the answers about that group are set aside.
    private func setAsideDeniedGroups(
        _ ranked: inout [RankedAnswer], _ understanding: Understanding
    ) {
        let denied = groupsDenied(understanding)
        guard !denied.isEmpty else { return }
        ranked.removeAll { entry in
            denied.contains { understander.answer(entry.answer, isAbout: $0) }
        }
    }

    /// The groups of people the line says the person is not in ("not pregnant", "no kidney
    /// problems"), unless it names them elsewhere without a denial.
    func groupsDenied(_ understanding: Understanding) -> [String] {
        let mentions = understanding.mentions.filter { graph.isAudienceTopic($0.topicID) }
        guard !mentions.isEmpty else { return [] }
        let negations = understander.negationWords
        let words = understanding.tokens.map(\.text)
        func isDenied(_ mention: TopicMention) -> Bool {
            Self.isDenied(at: mention.range.lowerBound, in: words, by: negations)
        }
        let affirmed = mentions.filter { !isDenied($0) }.map(\.topicID)
        return mentions.filter { isDenied($0) && !affirmed.contains($0.topicID) }.map(\.topicID)
    }

    /// "And for my son?" after a question on how much to take: an adult's amounts are wrong for a
    /// child, and a child's depend on the age, which nobody has said yet; so the age is asked
    /// ("he's 11" then answers the question for him). Nil when the line asks for no child, the
    /// child's age is known, or the best answer is not an adult's amount.
    private mutating func askTheChildsAge(
        _ ranked: [RankedAnswer], person: Person, _ understanding: Understanding
    ) -> Reply? {
        let words = understanding.tokens.map(\.text)
        func isAnAdultsAmount(_ place: Int) -> Bool {
            knowledge.answerAsks[place] == "amount"
                && !knowledge.answerTopicIDs[place].contains(ReservedID.children)
        }
        // "And for my daughter?" just after an adult's amount asks that amount for her.
        let afterAnAdultsAmount =
            Self.isElliptical(understanding)
            && (designed.flatMap { graph.answerIndex[$0.answerID] }.map(isAnAdultsAmount) ?? false)
        // The age known may be the asker's own ("I'm 40"), which is not the child's.
        guard (person.age ?? Thresholds.adultAge) >= Thresholds.adultAge,
            profile.otherAge == nil, let child = Self.childAskedFor(words),
            afterAnAdultsAmount
                || ranked.first.map({
                    $0.score >= Thresholds.designedAnswerScore && isAnAdultsAmount($0.answer)
                }) == true
        else { return nil }
        // The conversation is now about the child, so "he's 11" gives the child's age.
        profile.otherPerson = child
        return Reply(
            question: "",
            text:
                "How old is your \(child)? A child's amounts depend on age, and an adult's are too high for a child, so tell me the age and I will give the figures for it.",
            intent: DialogueIntent.unsure, topics: [ReservedID.children],
            confidence: ranked.first?.score ?? 0)
    }

    /// The child the line asks for ("for my son", "give my daughter", "can my kid take"), or nil.
    static func childAskedFor(_ words: [String]) -> String? {
        words.indices.first { index in
            guard Self.childWordsAskedFor.contains(words[index]) else { return false }
            return words[max(0, index - 2)..<index].contains { Self.forAChildWords.contains($0) }
        }.map { words[$0] }
    }

    /// One child: children of several ages ("for my kids") are answered by the figures for each
    /// age, not asked one age.
    private static let childWordsAskedFor: Set<String> = [
        "son", "daughter", "child", "kid", "boy", "girl", "toddler", "teen", "teenager",
        "grandson", "granddaughter",
    ]
    private static let forAChildWords: Set<String> = [
        "for", "to", "give", "giving", "can", "should",
    ]

    /// An answer about a medicine no one has named (not in the line, the conversation or the
    /// profile) answers someone else's question: "what about my calcium supplement?" from
    /// someone on ciprofloxacin is not about levothyroxine. It gives way to the next answer when
    /// that one fits nearly as well.
    private func setAsideMedicinesNotInPlay(
        _ ranked: inout [RankedAnswer], _ understanding: Understanding
    ) {
        func inPlay(_ topic: String) -> Bool {
            understanding.topicIDs.contains(topic) || focus.contains(topic)
                || profile.medicines.contains(topic) || profile.otherMedicines.contains(topic)
        }
        while ranked.count >= 2,
            let topic = graph.answers[ranked[0].answer].topicIDs.first,
            graph.kind(ofTopic: topic) == "medicine", !inPlay(topic),
            ranked[1].score >= ranked[0].score - Self.medicineNotInPlayMargin
        {
            ranked.removeFirst()
        }
    }

    /// "Can I take a bisglycinate capsule instead of my electrolyte drink?" asks about a swap: an
    /// answer worded for one ("instead of", "replace") goes first when it fits the line nearly as
    /// well as the best, which is worded for taking the two together.
    private func answerTheSwapAsked(_ ranked: inout [RankedAnswer], _ understanding: Understanding)
    {
        guard ranked.count >= 2,
            understanding.tokens.contains(where: { Self.swapWords.contains($0.text) }),
            !Self.swapKeys.contains(where: { understander.answer(ranked[0].answer, hasWord: $0) }),
            let index = ranked.prefix(Self.answersLookedAtForASwap).firstIndex(where: { entry in
                entry.score >= ranked[0].score * Self.shareOfTheBestForASwap
                    && Self.swapKeys.contains { understander.answer(entry.answer, hasWord: $0) }
            })
        else { return }
        RankedOrder.putFirst(&ranked, at: index)
    }

    private static let swapWords: Set<String> = ["instead", "replace", "substitute", "swap"]
    private static let swapKeys = swapWords.map(Stemmer.stem)
    private static let answersLookedAtForASwap = 8
    private static let shareOfTheBestForASwap = 0.5

    /// The topic the general emergency rule is filed under: the content's, not a name here.
    private var generalEmergencyTopic: String? { knowledge.generalEmergencyTopic }

    /// The answers filed under the general emergency topic are for someone who has called for
    /// help ("the ambulance is on its way, can he have a drink?"): "I honestly thought I was
    /// having a stroke, it's gone now" has called no one. Set aside unless the line says help is
    /// coming or this conversation advised an emergency.
    ///
    /// What to give while waiting differs by emergency (an aspirin for a heart attack, nothing by
    /// mouth for a stroke), so with an emergency in play the answer another emergency's rule names
    /// for its wait (``UrgentRule/whileWaiting``) is set aside. Once help is coming, the one for the
    /// emergency in play goes first when it fits a quarter as well as the best, and one for any
    /// emergency when it fits half as well: "can he have a cup of tea?" as the ambulance comes for a
    /// stroke asks what to give while waiting, not whether tea goes with magnesium.
    private func answerWhileWaitingForHelp(
        _ ranked: inout [RankedAnswer], _ understanding: Understanding
    ) {
        guard generalEmergencyTopic != nil else { return }
        let forTheWait = knowledge.answerIsForTheWait
        let advisedBefore = emergency?.rules ?? lastEmergency
        let helpComing = understanding.redFlags.helpComing
        // "My dad is having a stroke, what can I give him while we wait?": an emergency reported
        // with a question may ask about the wait before anyone says help is coming.
        let reportedWithAQuestion =
            advisedBefore == nil && !understanding.redFlags.fired.isEmpty
            && understanding.asksSomething
        guard helpComing || advisedBefore != nil || reportedWithAQuestion else {
            ranked.removeAll { forTheWait[$0.answer] }
            return
        }
        let inPlay =
            advisedBefore ?? understanding.redFlags.fired.map { graph.redFlags.rules[$0] }
        // By place, not id: this runs on every line of a conversation that had an emergency, and
        // hashing each ranked answer's id cost more than the rest of the turn's ranking steps.
        let forTheEmergencyInPlay = inPlay.compactMap {
            $0.whileWaiting.flatMap { graph.answerIndex[$0] }
        }
        if reportedWithAQuestion && !helpComing {
            // Just reported: only the wait of the emergency reported may answer.
            ranked.removeAll { forTheWait[$0.answer] && !forTheEmergencyInPlay.contains($0.answer) }
        }
        if !inPlay.isEmpty {
            let forAnother = waitingAnswerPlaces.subtracting(forTheEmergencyInPlay)
            if !forAnother.isEmpty { ranked.removeAll { forAnother.contains($0.answer) } }
        }
        // Just reported, the wait is answered only when the emergencies in play agree on it: a
        // heavy arm with a tight chest fires the heart attack's rule and the stroke's, whose
        // waits differ (aspirin, nothing by mouth).
        guard
            helpComing || (reportedWithAQuestion && Set(forTheEmergencyInPlay).count == 1),
            !inPlay.isEmpty,
            let index = waitingAnswerToPutFirst(
                ranked, understanding, forTheEmergencyInPlay: forTheEmergencyInPlay)
        else { return }
        RankedOrder.putFirst(&ranked, at: index)
    }

    /// Where in `ranked` the answer for the wait stands that goes first, if one fits well enough:
    /// the emergency in play's own, or once help is said to be coming, any emergency's.
    private func waitingAnswerToPutFirst(
        _ ranked: [RankedAnswer], _ understanding: Understanding, forTheEmergencyInPlay: [Int]
    ) -> Int? {
        guard let best = ranked.first, let emergencyTopic = generalEmergencyTopic else {
            return nil
        }
        let helpComing = understanding.redFlags.helpComing
        // Before help is said to be coming, the wait must be much of what the line asks: "is it
        // the magnesium?" with a drooping face asks about a cause. A line that asks nothing ("the
        // poison centre said she'll be fine") gets it only when it fits nearly as well as the
        // best.
        let share =
            helpComing && understanding.asksSomething
            ? Self.shareForTheEmergencyInPlay : Self.shareForTheWaitJustReported
        if let own = ranked.firstIndex(where: {
            forTheEmergencyInPlay.contains($0.answer) && $0.score >= best.score * share
        }) {
            return own
        }
        // Another emergency's waiting answers ("Good: tell the crew...") say help is coming, unless
        // the best answer is about emergencies itself: "on a drip in A&E, can I take my
        // magnesium?" asks about one's own supplement in hospital.
        let topics = knowledge.answerTopicIDs
        guard helpComing, !topics[best.answer].contains(emergencyTopic) else { return nil }
        return ranked.firstIndex(where: {
            topics[$0.answer].first == emergencyTopic
                && $0.score >= best.score * Self.shareForAnyEmergency
        })
    }

    private static let shareForTheEmergencyInPlay = 0.25
    private static let shareForAnyEmergency = 0.5
    private static let shareForTheWaitJustReported = 0.75

    /// An answer to "it seems to be working" is for someone telling how it went, in words of its
    /// own: not for "does it help?", which asks, nor for "I am 72", which fits it only read with
    /// the question before, nor for "thinking of giving magnesium to my daughter for her leg
    /// pains", which tells what is meant to happen.
    private mutating func setAsideReportsUnlessReported(
        _ ranked: inout [RankedAnswer], _ understanding: Understanding
    ) {
        // Kinds compared by number: comparing each ranked answer's kind by name, twice, cost
        // more than the rest of the step.
        let kinds = answerKindNumbers()
        guard let report = kinds.number[Schema.reportKind] else { return }
        let kindOfAnswer = kinds.ofAnswer
        guard ranked.contains(where: { kindOfAnswer[$0.answer] == report }) else { return }
        let words = understanding.tokens.map(\.text)
        let asksOrIntends =
            isQuestion(understanding) || words.contains(where: Self.wordsOfIntending.contains)
            || zip(words, words.dropFirst()).contains { $0 == "going" && $1 == "to" }
        // Its own words: not the topics it names ("dose for leg cramps" tells nothing), and two
        // of them, since one ("thinking of giving magnesium to my daughter") is chance.
        let ownWords = Set(understander.ownWordKeys(understanding))
        ranked.removeAll { entry in
            kindOfAnswer[entry.answer] == report
                && (asksOrIntends
                    || ownWords.filter { understander.answer(entry.answer, hasWord: $0) }.count
                        < Self.wordsThatTellHowItWent)
        }
    }

    /// "I did have chest pain last spring, it was checked and has gone. Does magnesium help
    /// reflux?": a symptom told as over, which raised no alarm, is the story, not the question;
    /// answers listing warning signs count for less, unless the line asks for signs.
    private func setAsideWarningSignsOfAnEpisodeOver(
        _ ranked: inout [RankedAnswer], _ understanding: Understanding
    ) {
        let reading = understanding.redFlags
        guard !reading.held.isEmpty, reading.fired.isEmpty, understanding.asksSomething,
            !understanding.tokens.contains(where: { Self.wordsAskingForSigns.contains($0.text) })
        else { return }
        let warningSignTopics =
            [ReservedID.whenToSeeADoctor] + [generalEmergencyTopic].compactMap { $0 }
        let topics = knowledge.answerTopicIDs
        _ = RankedOrder.rescore(&ranked) { entry in
            topics[entry.answer].first.map(warningSignTopics.contains) == true
                ? entry.score * Thresholds.definitionOfWhatIsMeantShare : nil
        }
    }

    /// "I've been taking 2000mg of elemental magnesium daily": an amount said to be elemental is
    /// not the weight of a compound, so a correction written about a form's weight ("2,000 mg of
    /// bisglycinate is only about 282 mg of magnesium") answers another question, unless the line
    /// names that form.
    private func setAsideCompoundReadingsOfElemental(
        _ ranked: inout [RankedAnswer], _ understanding: Understanding
    ) {
        // Most lines name no amount: the words are read for one only when a number is there.
        guard understanding.tokens.contains(where: \.isNumber),
            Self.weightSaid(in: understanding) == .elemental
        else { return }
        let topics = knowledge.answerTopicIDs
        let asks = knowledge.answerAsks
        let named = Set(understanding.topicIDs)
        ranked.removeAll { entry in
            asks[entry.answer] == "correction"
                && topics[entry.answer].contains { topic in
                    !named.contains(topic) && graph.kind(ofTopic: topic) == "form"
                }
        }
    }

    /// Words that ask for warning signs ("what signs should I look for?").
    private static let wordsAskingForSigns: Set<String> = [
        "signs", "sign", "symptoms", "symptom", "warning", "worry", "worried", "dangerous",
    ]

    /// How many of a line's own words a `report` answer's wordings must hold.
    static let wordsThatTellHowItWent = 2

    /// Words of something meant or weighed, not yet done.
    static let wordsOfIntending: Set<String> = [
        "thinking", "planning", "considering", "want", "wanting", "wants", "plan", "intend",
        "might", "maybe", "should",
    ]

    /// How much better an answer about a medicine no one named must fit to be given all the same.
    static let medicineNotInPlayMargin = 0.15

    /// Two answers that fit equally well are told apart by what the line says: first the one about
    /// a subject the line names that the other is not about; then, with no premise put, the one
    /// that corrects none; then the one whose wordings hold
    /// far more of the line's own words, weighed by how telling each is ("can you overdose from
    /// food alone?": overdosing from food, not whether food alone is enough); then one about the
    /// person (a runner's "do I need more than most people?"); then more of the line's words.
    private func breakATieByTheLinesWords(
        _ ranked: inout [RankedAnswer], _ understanding: Understanding, person: Person,
        leanedOnTheLineBefore: Bool
    ) {
        guard ranked.count >= 2, ranked[0].score - ranked[1].score < Self.nearTieMargin else {
            return
        }
        let answerTopicIDs = knowledge.answerTopicIDs
        func about(_ topics: [String]) -> (RankedAnswer) -> Bool {
            { entry in answerTopicIDs[entry.answer].contains(where: topics.contains) }
        }
        if !leanedOnTheLineBefore, decidedByASubstanceNamed(&ranked, understanding) { return }
        // Nearly tied (content added elsewhere shifts scores by a few hundredths): only an answer
        // whose wordings hold every word of the line the best's hold, and a rare one besides
        // ("overdose" in "can you overdose from food alone?"), goes ahead of it; not when the line
        // was read with the one before, whose words count as much.
        guard ranked[0].score - ranked[1].score < Self.tieMargin else {
            guard !leanedOnTheLineBefore else { return }
            let keys = Set(tellingKeys(of: understanding))
            let held = ranked.prefix(2).map { entry in
                keys.filter { understander.answer(entry.answer, hasWord: $0) }
            }
            let rare = Set(rareWords(of: understanding).map(\.key))
            if held[1].isStrictSuperset(of: held[0]),
                !held[1].subtracting(held[0]).isDisjoint(with: rare)
            {
                RankedOrder.putFirst(&ranked, at: 1)
            }
            return
        }
        let aboutTheSubject = about(subjectsNamed(in: understanding, person: person))
        if aboutTheSubject(ranked[0]) != aboutTheSubject(ranked[1]) {
            if aboutTheSubject(ranked[1]) { RankedOrder.putFirst(&ranked, at: 1) }
            return
        }
        let words = understanding.tokens.map(\.text)
        // "Does mag gly cause diarrhoea like the other ones?" puts no premise: an answer written to
        // correct one ("No: it can still cause diarrhoea") reads as contradicting the question.
        // "Surely a small one is fine?" puts one.
        let corrects = ranked.prefix(2).map { knowledge.answerAsks[$0.answer] == "correction" }
        let putsAPremise =
            isLeading(understanding)
            || words.contains { Self.verdictWords.contains($0) || $0 == "surely" }
        if corrects[0] != corrects[1], !putsAPremise {
            if corrects[0] { RankedOrder.putFirst(&ranked, at: 1) }
            return
        }
        let held = wordsHeld(by: ranked.prefix(2).map(\.answer), of: understanding)
        let clearly = held[1] > 2 * held[0] || held[0] > 2 * held[1]
        let aboutThePerson = about(person.audience)
        if !clearly, aboutThePerson(ranked[0]) != aboutThePerson(ranked[1]) { return }
        if held[1] > held[0] { RankedOrder.putFirst(&ranked, at: 1) }
    }

    /// Nearly tied, the one about another substance the line names ("a ceiling for zinc": zinc's
    /// limits, not magnesium's dose) goes first: content added elsewhere shifts scores by a few
    /// hundredths. True when that decided it.
    private func decidedByASubstanceNamed(
        _ ranked: inout [RankedAnswer], _ understanding: Understanding
    ) -> Bool {
        let substances = otherSubstancesNamed(in: understanding)
        guard !substances.isEmpty else { return false }
        let answerTopicIDs = knowledge.answerTopicIDs
        let about = ranked.prefix(2).map {
            answerTopicIDs[$0.answer].contains(where: substances.contains)
        }
        guard about[0] != about[1] else { return false }
        if about[1] { RankedOrder.putFirst(&ranked, at: 1) }
        return true
    }

    /// The line's own words each answer's wordings hold, by how telling each word is.
    private func wordsHeld(by answers: [Int], of understanding: Understanding) -> [Double] {
        let keys = tellingKeys(of: understanding)
        return answers.map { answer in
            keys.reduce(0.0) { total, key in
                understander.answer(answer, hasWord: key)
                    ? total + (understander.answerWeight(ofWord: key) ?? 0) : total
            }
        }
    }

    /// The keys of the line's words but for numbers and stop words.
    private func tellingKeys(of understanding: Understanding) -> [String] {
        understanding.tokens.filter { !$0.isNumber && !understander.isStopWord($0.text) }
            .map(\.key)
    }

    /// "Does it matter with food?" while bisglycinate is in focus: "it" stands for the form, and
    /// the answer on what bisglycinate is fits its name, nothing the line itself says. An answer
    /// that fits what the line says (it is about a topic the line names, or its wordings hold
    /// most of what the line's own words tell) and fits nearly as well answers what was asked. A
    /// word no answer's wordings hold ("mondays") tells as much as the rarest that some do, so a
    /// common word held ("first") is not enough on its own.
    private func preferAnAnswerWordedLikeTheLine(
        _ ranked: inout [RankedAnswer], _ understanding: Understanding
    ) {
        let answerTopicIDs = knowledge.answerTopicIDs
        func aboutWhatIsNamed(_ entry: RankedAnswer) -> Bool {
            answerTopicIDs[entry.answer].contains(where: understanding.topicIDs.contains)
        }
        // The line's own words, read once: the best answer holds none of them (as
        // ``Understander/answer(_:isWordedLike:)`` asks), and the others are weighed by them.
        let keys = understander.ownWordKeys(understanding)
        guard ranked.count >= 2, !keys.isEmpty, !aboutWhatIsNamed(ranked[0]),
            !keys.contains(where: { understander.answer(ranked[0].answer, hasWord: $0) })
        else { return }
        let weights = keys.map {
            understander.answerWeight(ofWord: $0) ?? understander.rarestWordWeight
        }
        let whole = weights.reduce(0, +)
        func holdsMostOfTheLinesWords(_ entry: RankedAnswer) -> Bool {
            let held = zip(keys, weights).reduce(0.0) { total, word in
                understander.answer(entry.answer, hasWord: word.0) ? total + word.1 : total
            }
            return whole > 0 && held >= whole * Self.wordedLikeTheLineWordShare
        }
        let floor = ranked[0].score * Self.wordedLikeTheLineShare
        guard
            let fitting = ranked.prefix(Self.wordedLikeTheLineLook).indices.dropFirst().first(
                where: { place in
                    ranked[place].score >= floor
                        && (aboutWhatIsNamed(ranked[place])
                            || holdsMostOfTheLinesWords(ranked[place]))
                })
        else { return }
        RankedOrder.putFirst(&ranked, at: fitting)
    }

    /// How rare a word must be, as a share of the rarest word's weight, to name what a line asks
    /// about ("zma", "creatine", "pickle").
    static let rareWordWeightShare = 0.6

    /// Words that carry no subject, rare as they may be in a small knowledge folder.
    static let functionWords: Set<String> = [
        "a", "an", "the", "of", "to", "in", "on", "at", "for", "with", "and", "or", "but", "it",
        "its", "my", "me", "i", "you", "your", "that", "this", "there", "be", "been", "was",
    ]

    /// The line's own words that few answers' wordings hold, each once, with its weight.
    private func rareWords(of understanding: Understanding) -> [(key: String, weight: Double)] {
        let rareFloor = understander.rarestWordWeight * Self.rareWordWeightShare
        var rare: [(key: String, weight: Double)] = []
        for key in understander.ownWordKeys(understanding)
        where !rare.contains(where: { $0.key == key }) && !Self.questionWords.contains(key)
            && !Self.functionWords.contains(key)
        {
            if let weight = understander.answerWeight(ofWord: key), weight >= rareFloor {
                rare.append((key, weight))
            }
        }
        return rare
    }

    /// The share of the best answer's score an answer that fits what the line says must keep to
    /// go before it, the share of the line's own words (by how telling each is) its wordings must
    /// hold, and how many of the best answers are looked at.
    static let wordedLikeTheLineShare = 0.6
    static let wordedLikeTheLineWordShare = 0.5
    static let wordedLikeTheLineLook = 4

    /// The topics the line names that are neither whom it is for nor what is taken: "tonic
    /// water" in "is tonic water ok for her?".
    private func subjectsNamed(in understanding: Understanding) -> [String] {
        understanding.topicIDs.filter {
            !graph.isAudienceTopic($0)
                && !Understander.takenKinds.contains(graph.kind(ofTopic: $0) ?? "")
        }
    }

    /// What a tie is decided by: the subjects the line names, and the person's age group when
    /// it says "at my age".
    private func subjectsNamed(in understanding: Understanding, person: Person) -> [String] {
        var subjects = subjectsNamed(in: understanding)
        let words = understanding.tokens.map(\.text)
        if zip(words, words.dropFirst()).contains(where: { $0 == "my" && $1 == "age" }) {
            subjects += person.audience.filter {
                $0 == ReservedID.olderAdults || $0 == ReservedID.children
            }
        }
        return subjects
    }

    /// The substances other than magnesium the line names ("zinc", "iron").
    private func otherSubstancesNamed(in understanding: Understanding) -> [String] {
        understanding.topicIDs.filter {
            $0 != ReservedID.magnesium && graph.kind(ofTopic: $0) == "substance"
        }
    }

    /// Scores closer than this are a tie to the person reading them (both shown as the same
    /// two decimals).
    static let tieMargin = 0.005
    /// Scores this close are nearly a tie: far more of the line's telling words still decide.
    static let nearTieMargin = 0.03

    /// What a child's age changes: whether the line asks a child's amount (answered from the
    /// facts for the age band, with the question it follows), whether it asks to correct a
    /// premise about children, and, for a yes or no about a child of a known age, the child's
    /// answers of amounts set aside for one of another kind.
    private mutating func answerForAChild(
        _ ranked: inout [RankedAnswer], person: Person, _ understanding: Understanding,
        readWith: String?
    ) -> (age: Int?, correctsThePremise: Bool, amountAsked: Bool, previousQuestion: String?) {
        // A child's figures depend on the age band, which answers do not carry but facts do: with
        // a child's age known, the selector that picks facts by age answers instead.
        let childAge = person.age.flatMap { $0 < Thresholds.adultAge ? $0 : nil }
        // "and for a 5 year old?" asks the amount the question before it asked.
        let previousQuestion =
            readWith
            ?? (understanding.tokens.count <= Thresholds.followUpLength
                && !understanding.asksSomething
                ? designed?.question : nil)
        let answers = graph.answers
        if childAge != nil { putTheLinesOwnCorrectionAboutChildrenFirst(&ranked, understanding) }
        let childAnswer =
            ranked.first.map { answers[$0.answer].topicIDs.contains(ReservedID.children) } ?? false
        let correctsThePremise =
            childAnswer
            && ranked.first.map { answers[$0.answer].asks } == "correction"
            && (isLeading(understanding)
                || (ranked.first?.score ?? 0) >= Thresholds.designedAnswerScore)
        if childAge != nil, asksAnAmount(understanding, previousQuestion: previousQuestion),
            !correctsThePremise, !isAboutAConditionNamed(ranked.first, understanding)
        {
            // "Can I give him Epsom salts in his juice? how much?": an answer written to correct
            // giving a child what the line names says why no amount is given.
            if let correction = ranked.firstIndex(where: { entry in
                let answer = answers[entry.answer]
                return answer.asks == "correction" && answer.topicIDs.contains(ReservedID.children)
                    && !graph.isAudienceTopic(answer.topicID)
                    && understanding.topicIDs.contains(answer.topicID)
                    && entry.score >= Thresholds.designedAnswerScore
            }) {
                Self.putFirst(&ranked, at: correction)
                return (childAge, true, false, previousQuestion)
            }
            return (childAge, correctsThePremise, true, previousQuestion)
        }
        // "My son is 9, can he take it?" asks whether, not how much: an answer giving a child's
        // amounts would be held back for the age band's facts, so the best answer that is not
        // one is given instead; only a child's answer, since an adult's would be no better than
        // the facts for the age band.
        if let childAge, childAge > 0, childAnswer, !correctsThePremise,
            Self.kindsAsked(understanding.tokens.map(\.text)) == ["verdict"]
        {
            setAsideChildsAmountsLeading(&ranked)
        }
        return (childAge, correctsThePremise, false, previousQuestion)
    }

    /// "The adult dose is fine for my 3 year old, right?" needs its premise corrected before any
    /// figure: a correction about children, to a leading question or fitting clearly ("can i put
    /// half my capsule in his milk? it's natural"), is given at every age. The line's own best fit
    /// counts too: the person's gains may have put a child's amounts ahead of it.
    private func putTheLinesOwnCorrectionAboutChildrenFirst(
        _ ranked: inout [RankedAnswer], _ understanding: Understanding
    ) {
        let answers = graph.answers
        if let ownBest = understander.rankedAnswers(understanding).first,
            ownBest.answer != ranked.first?.answer,
            answers[ownBest.answer].asks == "correction",
            answers[ownBest.answer].topicIDs.contains(ReservedID.children),
            ownBest.score >= Thresholds.designedAnswerScore,
            let at = ranked.firstIndex(where: { $0.answer == ownBest.answer })
        {
            Self.putFirst(&ranked, at: at)
        }
    }

    /// "She gets growing pains, how much magnesium?": the answer on the condition named, when it
    /// fits best, says whether to give any at all before any amount.
    private func isAboutAConditionNamed(_ best: RankedAnswer?, _ understanding: Understanding)
        -> Bool
    {
        guard let best, let topic = graph.answers[best.answer].topicIDs.first else { return false }
        return graph.kind(ofTopic: topic) == "condition" && understanding.topicIDs.contains(topic)
    }

    /// The child's answers of amounts that lead, set aside when a child's answer that is not one
    /// follows them: "my son is 9, can he take it?" asks whether, not how much.
    private func setAsideChildsAmountsLeading(_ ranked: inout [RankedAnswer]) {
        let answers = graph.answers
        func isChildsAmount(_ entry: RankedAnswer) -> Bool {
            answers[entry.answer].asks == "amount"
                && answers[entry.answer].topicIDs.contains(ReservedID.children)
        }
        if let firstOther = ranked.firstIndex(where: { !isChildsAmount($0) }),
            answers[ranked[firstOther].answer].topicIDs.contains(ReservedID.children)
        {
            ranked.removeSubrange(0..<firstOther)
        }
    }

    /// A child's amount at a known age: the answer written for the age band when one is, else
    /// the facts for the band.
    private mutating func childsAmountReply(
        _ ranked: [RankedAnswer],
        child: (age: Int?, correctsThePremise: Bool, amountAsked: Bool, previousQuestion: String?),
        person: Person, _ understanding: Understanding, readWith: String?,
        context: inout [String]
    ) -> Reply {
        guard
            let banded = answerForTheChildsAge(
                ranked, age: child.age, person: person, understanding,
                previousQuestion: child.previousQuestion)
        else {
            return childsAmount(
                understanding, previousQuestion: child.previousQuestion,
                bestScore: ranked.first?.score ?? 0, context: &context)
        }
        context += whomFor(person)
        let questionBefore = designed?.question
        let reply = reply(
            for: banded, score: ranked[0].score, understanding: understanding, person: person,
            context: &context)
        keepAskingAgain(questionBefore, readWith: readWith, understanding, answered: banded)
        return reply
    }

    /// "And a woman the same age?" then "what if she's pregnant?": a line read with the question
    /// before asks that question again, so the next such line leans on it too, not on the line
    /// that only named whom it was for. So does "and breastfeeding?", clear enough alone to need
    /// no reading with it: "and for my 10 year old?" after it asks the first question again, not
    /// about breastfeeding.
    private mutating func keepAskingAgain(
        _ questionBefore: String?, readWith: String?, _ understanding: Understanding,
        answered: DesignedAnswer
    ) {
        guard let questionBefore, designed?.answerID == answered.id,
            readWith == questionBefore
                || (readWith == nil && Self.namesOnlyAGroupAgain(understanding, graph: graph))
        else { return }
        designed?.question = questionBefore
    }

    /// The answer written for the child's age band in the family of an answer of amounts that
    /// fits nearly as well as the best ("children aged 9 to 13 need 240 mg" for "how much should
    /// my 12 year old take?"): it gives the band's figures with what goes with them, which the
    /// facts for the band give bare. Between the bands of two families (the need, the limit),
    /// the amount asked chooses. Nil when no family has an answer for a band holding that age.
    private func answerForTheChildsAge(
        _ ranked: [RankedAnswer], age: Int?, person: Person, _ understanding: Understanding,
        previousQuestion: String?
    ) -> DesignedAnswer? {
        // A baby's amount stays with the facts for under-ones: none from supplements.
        guard let age, age >= 1, let best = ranked.first,
            best.score >= Thresholds.designedAnswerScore
        else { return nil }
        let answers = graph.answers
        var bands: [DesignedAnswer] = []
        for entry in ranked.prefix(Self.familiesLookedAtForABand)
        where entry.score >= best.score * Thresholds.groupVersionShare
            && answers[entry.answer].asks == "amount"
        {
            guard
                let banded = answerForThePerson(
                    answers[entry.answer], person: person, asksForSomeone: false),
                banded.ages?.contains(age) == true, !bands.contains(where: { $0.id == banded.id })
            else { continue }
            bands.append(banded)
        }
        guard bands.count > 1 else { return bands.first }
        // "How much does she need?" is the band's need; any other amount ("the most she can
        // have", "how much should she take?") puts the limit first. A line saying which asks it
        // whatever came before; else the question it follows up decides.
        let words = understanding.tokens.map(\.text)
        let asksTheNeed =
            words.contains(where: Self.needWords.contains)
            ? !words.contains(where: Self.limitWords.contains)
            : childsAmountAsked(understanding, previousQuestion: previousQuestion)?.intent
                == "needs"
        // The narrowest band of the kind asked: a teenage girl's need before every child's.
        // An answer on the limit is filed under the limit or the group it is for; one on the need,
        // under the need.
        let asked = bands.filter {
            ($0.topicID == ReservedID.upperLimit || graph.isAudienceTopic($0.topicID))
                != asksTheNeed
        }
        return (asked.isEmpty ? bands : asked).min {
            ($0.ages.map { $0.count } ?? Int.max) < ($1.ages.map { $0.count } ?? Int.max)
        }
    }

    private static let needWords: Set<String> = [
        "need", "needs", "needed", "requirement", "requirements", "rda", "altogether",
    ]
    private static let limitWords: Set<String> = [
        "limit", "max", "maximum", "most", "ceiling", "safe", "safely", "upper",
    ]

    /// How many of the best answers' families are looked in for a child's age band.
    static let familiesLookedAtForABand = 8

    /// Moves the answer at `index` to the front with at least the first one's score.
    private static func putFirst(_ ranked: inout [RankedAnswer], at index: Int) {
        let entry = ranked.remove(at: index)
        ranked.insert(
            RankedAnswer(answer: entry.answer, score: max(entry.score, ranked.first?.score ?? 0)),
            at: 0)
    }

    /// The answer written for the person's band ("a woman aged 31 or over") when one fits them
    /// better than `answer`, else `answer`.
    private func bandAnswer(
        instead answer: DesignedAnswer, person: Person, _ understanding: Understanding,
        context: inout [String]
    ) -> DesignedAnswer {
        guard
            let forThePerson = answerForThePerson(
                answer, person: person, asksForSomeone: asksForSomeone(understanding))
        else { return answer }
        context += whomFor(person)
        context.append("for the person: \(forThePerson.id) instead of \(answer.id)")
        return forThePerson
    }

    /// How the `:why` context names the answer that came second.
    private func runnerUp(_ entry: RankedAnswer) -> String {
        "runner-up: \(graph.answers[entry.answer].id) (\(Self.twoDecimals(entry.score)))"
    }

    /// Whether the best designed answer is the reply: not for a line outside what we cover, not
    /// for a child whose age band the facts answer, not when it fits too loosely (it is kept as
    /// the closest), and not for what is clearer as small talk.
    private mutating func fitsToBeGiven(
        _ best: RankedAnswer, _ answer: DesignedAnswer,
        _ understanding: Understanding, childAge: Int?, childAnswer: Bool,
        correctsThePremise: Bool
    ) -> Bool {
        if isOutsideWhatWeCover(understanding, bestScore: best.score) { return false }
        // "The best melatonin dose for jet lag?": a word we do not know and no subject we do is
        // likely a subject we do not cover; only a close fit is given.
        // "Is ZMA worth it? bro at my gym swears by it" names what it asks about by a word the
        // answer holds ("zma"): the words we do not know ("bro") are talk around it.
        // A premise of stopping a medicine is ours to correct, whatever else the line names or
        // quotes ("I read a naturopath's blog ... so I stopped both pills").
        func correctsStoppingAMedicine() -> Bool {
            knowledge.answerSaysNotToStop[best.answer] && meansToStopAMedicine(understanding)
        }
        if isForeign(understanding), best.score < Thresholds.foreignSubjectScore,
            !rareWords(of: understanding).contains(where: {
                understander.answer(best.answer, hasWord: $0.key)
            }), !correctsStoppingAMedicine()
        {
            closestDesigned = nil
            return false
        }
        // A child's amount at a known age is answered from the facts for the age band, and a
        // baby's every question, but for answers written about babies, which say what the facts
        // for under-ones do. An older child's question that wants no figure ("what would you give
        // her instead?") needs no band.
        if let childAge, childAnswer, !correctsThePremise,
            childAge > 0 ? answer.asks == "amount" : !knowledge.isAboutBabies(answerAt: best.answer)
        {
            return false
        }
        // "The article says always see a professional first; is that good advice?": a line
        // quoting the article asks for its claim to be checked. An answer not written about the
        // article, fitting only loosely, leaves the line to the claim's check.
        if best.score < Thresholds.quotedClaimYieldScore, quotesTheArticle(understanding),
            !answer.questions.contains(where: { $0.contains("article") }),
            claimFitting(understanding) != nil, !correctsStoppingAMedicine()
        {
            return false
        }
        guard best.score >= Thresholds.designedAnswerScore else {
            closestDesigned = (answer.id, best.score)
            return false
        }
        // Small talk and the follow-up commands are clearer as intents when nothing about a subject
        // was asked.
        if let intent = understanding.best, intent.score > best.score + 0.1,
            Self.conversationalIntents.contains(intent.intent)
        {
            return false
        }
        return true
    }

    /// "What's the capital of France?" fits the out-of-scope phrasings better than any answer.
    /// "How do I write a for loop in Swift?" after a question on furosemide fits the loop
    /// diuretics answer only through the focus: with no word standing for it, the line's own fit
    /// is what must beat them.
    private func isOutsideWhatWeCover(_ understanding: Understanding, bestScore: Double) -> Bool {
        guard understanding.topicIDs.isEmpty else { return false }
        let outOfScope = understanding.score(of: ReservedID.outOfScope)
        if outOfScope >= bestScore { return true }
        return outOfScope > 0
            && !understanding.tokens.contains(where: {
                Understander.standInWords.contains($0.text)
            })
            && outOfScope >= understander.bestAnswerScore(understanding)
    }

    /// "The best melatonin dose": a dose of something no topic names, which magnesium's figures
    /// would read as, refused with who can advise.
    private func noAdviceOnDose(of other: String, context: inout [String]) -> Reply {
        declined(
            "I can't advise on doses of \(other): I only cover magnesium, magnesium supplements and muscle cramps. A pharmacist or doctor can tell you a safe dose, checked against age, weight and other medicines.",
            note: "a dose of something else: \(other)", context: &context)
    }

    /// A question declined as outside the field, with who can answer it; `note` says why in
    /// `:why`.
    func declined(_ text: String, note: String, context: inout [String]) -> Reply {
        context.append(note)
        return Reply(question: "", text: text, intent: ReservedID.outOfScope, confidence: 0.9)
    }

    /// Whether the line, or the question before it that it follows up, asks an amount.
    private func asksAnAmount(_ understanding: Understanding, previousQuestion: String?) -> Bool {
        Self.kindsAsked(understanding.tokens.map(\.text)).contains("amount")
            || previousQuestion.map { Self.kindsAsked(Normalizer.words($0)).contains("amount") }
                ?? false
    }

    /// An amount for a child of a known age, from the facts for the age band: "how much does she
    /// need?" is the band's needs; any other amount, its limit.
    private mutating func childsAmount(
        _ understanding: Understanding, previousQuestion: String?, bestScore: Double,
        context: inout [String]
    ) -> Reply {
        let asked = childsAmountAsked(understanding, previousQuestion: previousQuestion)
        // The age band's figures are the answer whatever the form: a form's own facts (how much
        // compound per 100 mg) would come before them.
        return content(
            intent: asked?.intent ?? Self.amountCheckIntent,
            subjects: understanding.topicIDs.filter {
                !graph.isAudienceTopic($0) && graph.kind(ofTopic: $0) != "form"
            },
            understanding: understanding,
            confidence: max(asked?.score ?? 0, bestScore, Thresholds.designedAnswerScore),
            context: &context)
    }

    /// Which amount a line asks for a child, with how well it fits: the need, the limit or
    /// an amount to take. "And for a 5 year old?" after "what is the upper limit?" asks for that
    /// limit.
    private func childsAmountAsked(_ understanding: Understanding, previousQuestion: String?)
        -> (intent: String, score: Double)?
    {
        let amountIntents = ["needs", "upper-limit", Self.amountCheckIntent]
        let asking =
            previousQuestion.map {
                understander.understand(
                    $0 + ", " + understanding.tokens.map(\.text).joined(separator: " "))
            } ?? understanding
        return asking.ranked.first {
            amountIntents.contains($0.intent) && $0.score >= Thresholds.designedAnswerScore
        }
    }

    /// Kinds of topic that are properties of any form (its elemental share, its dose, its label)
    /// rather than what it is taken for.
    static let propertyKinds: Set<String> = ["concept", "measure"]

    /// "Is bisglycinate the same thing as glycinate?" is not answered about oxide: an answer
    /// about a form of magnesium the line does not name, when it names one other, keeps
    /// ``Thresholds/otherFormShare`` of its score. A form and what it is a form of count as one.
    /// A form named only by "it" (`referent`) keeps none: the line is about it alone.
    private func setAsideOtherForms(
        _ ranked: inout [RankedAnswer], _ understanding: Understanding, referent: String?
    ) {
        // One form named, and no word standing for another ("compare it with oxide"): with two
        // ("citrate or glycinate for constipation?"), an answer about a third may compare them.
        let namedForms = understanding.topicIDs.filter { graph.kind(ofTopic: $0) == "form" }
        let saysIt = understanding.tokens.contains {
            Understander.standInWords.contains($0.text)
        }
        // "Is it safe?" about oxide names oxide by "it", and oxide is all the line is about: an
        // answer about another form answers something else, and goes.
        let named: String
        var share = Thresholds.otherFormShare
        if let only = namedForms.first, namedForms.count == 1, !saysIt {
            named = only
        } else if namedForms.isEmpty, saysIt, let referent,
            graph.kind(ofTopic: referent) == "form"
        {
            named = referent
            share = 0
        } else {
            return
        }
        // Not an answer about the form in focus ("compare it with oxide"), nor one about
        // something else the line names ("citrate or glycinate for constipation?"). A property
        // every form has ("how much of bisglycinate is actual magnesium?") is no such subject:
        // citrate's share of elemental magnesium answers for the wrong form.
        let otherSubjects = understanding.topicIDs.filter {
            let kind = graph.kind(ofTopic: $0) ?? ""
            return !Understander.takenKinds.contains(kind) && !Self.propertyKinds.contains(kind)
                && !graph.isAudienceTopic($0)
        }
        let inFocus = focus.prefix(1)
        let answerTopicIDs = knowledge.answerTopicIDs
        let namedLineage = selector.lineage(named)
        var setAside: [Bool]?
        for (form, lineage, places) in knowledge.answersByOwnForm
        where !inFocus.contains(form) && !namedLineage.contains(form) && !lineage.contains(named) {
            for place in places where !answerTopicIDs[place].contains(where: otherSubjects.contains)
            {
                if setAside == nil {
                    setAside = [Bool](repeating: false, count: answerTopicIDs.count)
                }
                setAside?[place] = true
            }
        }
        guard let setAside else { return }
        _ = RankedOrder.rescore(&ranked) { entry in
            setAside[entry.answer] ? entry.score * share : nil
        }
    }

    /// "Oops, I meant digoxin, not doxycycline": the line names the medicine it takes back, but
    /// asks about the other one, so answers about what was taken back count for less.
    private func setAsideWithdrawn(_ ranked: inout [RankedAnswer]) {
        guard !withdrawnThisTurn.isEmpty else { return }
        let (withdrawn, answerTopicIDs) = (withdrawnThisTurn, knowledge.answerTopicIDs)
        let rescored = RankedOrder.rescore(&ranked) { entry in
            answerTopicIDs[entry.answer].contains(where: withdrawn.contains)
                ? entry.score * Thresholds.withdrawnShare : nil
        }
        if !rescored { RankedOrder.sort(&ranked) }
    }

    /// "I'm taking 800 mg a day" then "it's 800 mg of the glycinate compound, if that changes
    /// anything": an amount said again after a line that named one restates what is taken, so the
    /// best answer that checks an amount answers it, not one that merely shares its words.
    private func keepCheckingTheAmount(
        _ ranked: inout [RankedAnswer], _ understanding: Understanding
    ) {
        guard designed?.namedAnAmount == true, !amounts(in: understanding).isEmpty,
            let best = ranked.first, !Self.checksAnAmount(knowledge.answerAsks[best.answer]),
            let index = ranked.firstIndex(where: {
                Self.checksAnAmount(knowledge.answerAsks[$0.answer])
                    && $0.score >= Thresholds.designedAnswerScore
            })
        else { return }
        let checking = ranked.remove(at: index)
        ranked.insert(
            RankedAnswer(answer: checking.answer, score: max(checking.score, best.score)), at: 0)
    }

    /// "I take 750 mg of magnesium taurate at night, is that alright?" asks about the amount, not
    /// about taurate, whose own answer its name drew: when the line names an amount of magnesium,
    /// asks whether it is all right or too much, and asks nothing apart from the amount, an answer
    /// that checks amounts leads: one about the limits written for that very amount, or the answer
    /// for any amount.
    private mutating func answerTheAmountAskedAbout(
        _ ranked: inout [RankedAnswer], _ understanding: Understanding
    ) {
        guard let best = ranked.first,
            !Self.checksAnAmount(knowledge.answerAsks[best.answer]),
            knowledge.answerAsks[best.answer] != "correction",
            Self.asksWhetherTheAmountIsAllRight(understanding.tokens.map(\.text)),
            !asksApartFromTheAmount(understanding)
        else { return }
        let asked = Set(amounts(in: understanding).map(\.milligrams))
        guard !asked.isEmpty else { return }
        let found = ranked.firstIndex { entry in
            Self.checksAnAmount(knowledge.answerAsks[entry.answer])
                && graph.answers[entry.answer].topicID == ReservedID.upperLimit
                && amountWrittenFor(answerAt: entry.answer).map { !asked.isDisjoint(with: $0) }
                    == true
        }
        let checking: RankedAnswer
        if let found {
            checking = ranked.remove(at: found)
        } else if let anyAmount = graph.answerIndex[ReservedID.anyAmountAskedAbout] {
            ranked.removeAll { $0.answer == anyAmount }
            checking = RankedAnswer(answer: anyAmount, score: 0)
        } else {
            return
        }
        ranked.insert(
            RankedAnswer(answer: checking.answer, score: max(checking.score, best.score)), at: 0)
    }

    /// "Everyone says bananas help cramps, how much magnesium is actually in one?" asks what the
    /// food named holds, not how much magnesium to take, whose answer "how much magnesium" drew:
    /// an answer about that food leads when it fits at least ``shareForTheFoodNamed`` as well.
    private func answerWhatTheFoodHolds(
        _ ranked: inout [RankedAnswer], _ understanding: Understanding
    ) {
        let words = understanding.tokens.map(\.text)
        guard let best = ranked.first, Self.contains(["how", "much"], in: words),
            words.contains(where: Self.holdingWords.contains),
            case let foods = understanding.topicIDs.filter({ graph.kind(ofTopic: $0) == "food" }),
            !foods.isEmpty,
            !knowledge.answerTopicIDs[best.answer].contains(where: foods.contains),
            let index = ranked.prefix(Self.answersLookedAtForTheFood).firstIndex(where: {
                knowledge.answerTopicIDs[$0.answer].first.map(foods.contains) == true
                    && $0.score >= best.score * Self.shareForTheFoodNamed
            })
        else { return }
        RankedOrder.putFirst(&ranked, at: index)
    }

    private static let holdingWords: Set<String> = [
        "in", "has", "have", "contain", "contains", "got", "hold", "holds",
    ]
    private static let answersLookedAtForTheFood = 8
    private static let shareForTheFoodNamed = 0.75

    /// "Is that ok?", "too much?", "is this safe to take every day": whether the line asks if an
    /// amount is all right. A verdict word, or "too" before "much", "high", "many" or "strong",
    /// with nothing after it but words of taking and of whom or how often: "is it ok to take with
    /// food" asks about food.
    static func asksWhetherTheAmountIsAllRight(_ words: [String]) -> Bool {
        words.indices.contains { index in
            let end: Int
            if verdictWords.contains(words[index]) || tooMuchWords.contains(words[index]) {
                end = index + 1
            } else if words[index] == "too", index + 1 < words.count,
                tooWhat.contains(words[index + 1])
            {
                end = index + 2
            } else {
                return false
            }
            return words[end...].allSatisfy(Self.saysOnlyHowOftenOrForWhom)
        }
    }

    /// Words that may follow "is that ok" and still ask about the amount: "to take every day",
    /// "for me", "for a 12 year old", "or not".
    private static func saysOnlyHowOftenOrForWhom(_ word: String) -> Bool {
        amountVerdictTail.contains(word) || word.first?.isNumber == true
    }

    private static let tooMuchWords: Set<String> = ["excessive", "dangerous", "overdose"]
    private static let tooWhat: Set<String> = ["much", "high", "many", "strong", "big", "large"]
    private static let amountVerdictTail: Set<String> = [
        "to", "take", "have", "use", "for", "me", "a", "an", "the", "day", "daily", "every",
        "each", "night", "nightly", "morning", "per", "right", "or", "not", "still", "then",
        "really", "him", "her", "them", "my", "son", "daughter", "kid", "child", "wife",
        "husband", "mum", "mom", "dad", "year", "old", "adult", "amount", "dose", "long", "term",
        "lol", "tho", "though", "do", "you", "think",
    ]

    /// "Is 700 mg too much?" is not answered by the answer written for 400 mg: an answer written
    /// for one amount (most of its questions name it, and no other) keeps part of its score when
    /// the line asks about another.
    private mutating func setAsideOtherAmounts(
        _ ranked: inout [RankedAnswer], _ understanding: Understanding, readWith: String?
    ) {
        var asked = Set(amounts(in: understanding).map(\.milligrams))
        // "So am I over the limit?" after "100 mg in the multi and 200 mg of glycinate" asks about
        // those amounts: an answer written for 400 mg would speak of an amount never named.
        // The line names none, so the amounts of the two read together (read ahead in batch
        // mode) are those of the line before.
        if asked.isEmpty, let readWith {
            asked = Set(amounts(in: readTogether(readWith, understanding)).map(\.milligrams))
        }
        guard !asked.isEmpty else { return }
        var changed = false
        for index in ranked.indices.prefix(Thresholds.amountCheckedAnswers) {
            guard let amountsNamed = amountWrittenFor(answerAt: ranked[index].answer),
                asked.isDisjoint(with: amountsNamed)
            else { continue }
            ranked[index].score *= Thresholds.otherAmountShare
            changed = true
        }
        if changed { RankedOrder.sort(&ranked) }
    }

    /// The one amount an answer is written for (most of its questions name it, and no other), as
    /// a set of its milligrams; nil when there is none. Reading every question's words again for
    /// each line that names an amount cost more than the rest of the re-ranking, so each answer's
    /// is worked out once, when first asked.
    mutating func amountWrittenFor(answerAt place: Int) -> Set<Double>? {
        if amountsWrittenFor.isEmpty {
            amountsWrittenFor = Array(repeating: .notWorkedOut, count: graph.answers.count)
        }
        switch amountsWrittenFor[place] {
        case .noAmount: return nil
        case .amount(let amount): return amount
        case .notWorkedOut: break
        }
        let named = graph.answers[place].questions.map { Amounts.read(words: Normalizer.words($0)) }
        let amountsNamed = Set(named.joined().map(\.milligrams))
        let written =
            named.filter({ !$0.isEmpty }).count * 2 > named.count && amountsNamed.count == 1
            ? amountsNamed : nil
        amountsWrittenFor[place] = written.map { .amount($0) } ?? .noAmount
        return written
    }

    /// Words that stand for two things named before.
    static let pairWords = FilteredWords(["them", "both", "together", "two"])

    /// Kinds of answer an amount in the question is checked for.
    static func checksAnAmount(_ asks: String?) -> Bool { ["amount", "verdict"].contains(asks) }

    /// A line naming no subject we know (groups of people aside) but holding words we do not know.
    /// "a safe dose of ibuprofen for my 4 year old", "the best melatonin dose": a dose of something
    /// no topic names. Answering with magnesium's figures would read as that medicine's dose.
    func doseOfSomethingElse(_ understanding: Understanding) -> String? {
        let words = understanding.tokens.map(\.text)
        // Most lines name no dose: the words a topic names are gathered only for one that does.
        guard words.contains(where: Self.doseNouns.contains) else { return nil }
        let named = Set(understanding.mentions.flatMap { Array($0.range) })
        func isSomethingElse(_ index: Int) -> Bool {
            // "All three doses", "both doses": a count of doses, not what they are of.
            !named.contains(index) && !understanding.tokens[index].isNumber
                && AgeWords.number(words[index]) == nil && words[index].count > 3
                && !Self.describesTheDose(words[index])
                && !Understander.standInWords.contains(words[index])
        }
        for (index, word) in words.enumerated() where Self.doseNouns.contains(word) {
            // "a dose of X" says what it is a dose of; only without "of" does the word before tell.
            if index + 2 < words.count, words[index + 1] == "of" {
                var next = index + 2
                while next < words.count, Self.doseModifiers.contains(words[next]) { next += 1 }
                if next < words.count, isSomethingElse(next) { return words[next] }
            } else if index > 0, isSomethingElse(index - 1) {
                return words[index - 1]
            }
        }
        return nil
    }

    static let doseNouns = FilteredWords(["dose", "doses", "dosage", "dosing"])
    /// Words around "dose" that say which dose, not of what.
    static let doseModifiers: Set<String> = [
        "a", "an", "the", "my", "your", "his", "her", "their", "our", "this", "that", "what",
        "which",
        "safe", "safest", "right", "good", "best", "daily", "usual", "normal", "recommended",
        "correct", "typical", "high", "higher", "highest", "low", "lower", "lowest", "starting",
        "max", "maximum", "minimum", "proper", "ideal", "effective", "average", "total", "single",
        "double", "missed", "whole", "half", "same", "first", "last", "next", "nightly", "evening",
        "morning", "adult", "child", "kids", "pill", "tablet", "capsule", "supplement", "each",
        "every", "daytime", "night", "trial", "study", "studies", "standard", "large",
        "small", "big", "little", "much", "more", "less", "loading", "maintenance", "therapeutic",
        "toxic", "lethal", "overdose", "extra", "another", "weekly", "split", "divided", "full",
        "sensible", "reasonable", "exact", "actual", "real", "optimal", "optimum", "useful",
        "helpful", "meaningful", "worthwhile", "decent", "research", "clinical", "medical",
        "prescribed", "prescription", "suggested", "advised", "label", "labelled", "stated",
        "common", "today", "todays", "tomorrow", "yesterday", "strength", "regular", "recommend",
        "bedtime", "weekday", "usually", "normally",
        // What holds the product: "the bottle's dose", "the tub's dose" is the product's.
        "bottle", "bottles", "tub", "tubs", "pack", "packs", "box", "jar", "packet", "labels",
        "product", "products", "brand", "brands", "capsules", "tablets", "pills", "gummies",
        // What the dose is like: "is she giving me a dangerous dose?"
        "dangerous", "unsafe", "risky", "harmful", "crazy", "insane", "ridiculous", "silly",
        "mega", "massive", "huge", "tiny", "strong", "stronger", "weak", "weaker", "proper",
    ]

    /// Words that say what a dose is like, by their ending: "a dangerous dose", "a harmful dose",
    /// "a reasonable dose" ("-ive" is left out: "a laxative dose" is one of a laxative).
    static func describesTheDose(_ word: String) -> Bool {
        doseModifiers.contains(word)
            || ["ous", "ful", "able", "ible"].contains(where: { word.hasSuffix($0) })
    }

    func isForeign(_ understanding: Understanding) -> Bool {
        !understanding.unknownWords.isEmpty
            && !understanding.topicIDs.contains { !graph.isAudienceTopic($0) }
            && focus.isEmpty
    }

    /// "yes", "hmm", "sorry", "?!" with no question waiting for it: no designed answer, neither
    /// one the focus alone picks nor one read with the question before (``designedReply`` stops
    /// before ranking, so no later step needs to ask again).
    static func saysNothing(_ understanding: Understanding) -> Bool {
        understanding.tokens.allSatisfy { Self.wordsThatSayNothing.contains($0.text) }
    }

    private static let wordsThatSayNothing: Set<String> = [
        "yes", "yeah", "yep", "yup", "no", "nope", "nah", "hmm", "hm", "hmmm", "um", "umm", "uh",
        "er", "erm", "ah", "oh", "sorry", "well", "right", "sure", "so",
    ]

    /// A greeting, thanks or other line about the conversation that fits as well as small talk
    /// must (``Thresholds/smallTalkScore``).
    private static func isClearlySmallTalk(_ understanding: Understanding) -> Bool {
        guard let best = understanding.best else { return false }
        return conversationalIntents.contains(best.intent)
            && best.score >= Thresholds.smallTalkScore
    }

    /// Thanks, a greeting, "where's that from?" or "what can I ask?" that names no subject: the
    /// focus would otherwise find an answer on the last subject for its few words ("thanks, that's
    /// helpful" after cramps reads as "does it help cramps?"). Asking for a source takes one of
    /// the words such a request uses: "where's most of it kept?" is no request for a source.
    static func isAboutTheConversation(_ understanding: Understanding) -> Bool {
        guard understanding.topicIDs.isEmpty, isClearlySmallTalk(understanding) else {
            return false
        }
        return understanding.best?.intent != ReservedID.source
            || understanding.tokens.contains { sourceWords.contains($0.text) }
    }

    static let sourceWords = FilteredWords([
        "from", "source", "sources", "says", "who", "reference", "references", "paper", "study",
        "studies", "cite", "citation", "citations", "based", "info", "link", "proof", "evidence",
    ])

    /// "It's natural so half an adult capsule can't hurt my 2 year old": a statement that an
    /// answer written to correct it fits well is a premise to correct, not only news to note.
    /// A medicine of one's own ("I take levothyroxine every morning") is news told with what it
    /// means for magnesium (``answerOnAMedicineJustNoted``), never a premise.
    func statesAPremiseToCorrect(_ understanding: Understanding) -> Bool {
        guard
            !understanding.topicIDs.contains(where: { graph.kind(ofTopic: $0) == "medicine" }),
            let best = understander.rankedAnswers(understanding).first
        else { return false }
        return best.score >= Thresholds.ownQuestionAfterAnswerScore
            && graph.answers[best.answer].asks == "correction"
    }

    /// A statement that magnesium is being taken ("I've been taking 500mg a day", "I take
    /// glycinate every night") by someone in a group it may harm: kidney disease, pregnancy, a
    /// heart rhythm problem, the asker's or the relative's asked about.
    func saysMagnesiumIsTakenAtRisk(_ understanding: Understanding) -> Bool {
        let words = understanding.tokens.map(\.text)
        guard words.contains(where: Self.magnesiumTakingWords.contains),
            namesMagnesium(understanding) || !Self.amountsRead(understanding.tokens).isEmpty
        else { return false }
        // "My mum has kidney disease and she's been taking 6 a day": hers count as the asker's do.
        return (profile.groups + profile.otherGroups).contains(where: Self.groupsAtRisk.contains)
    }

    static let magnesiumTakingWords: Set<String> = [
        "taking", "take", "takes", "took", "started", "start", "starting",
    ]
    static let groupsAtRisk: Set<String> = ["kidney-disease", "pregnancy", "heart-rhythm-problems"]

    /// Greetings, thanks and goodbyes: they say something about the conversation, never answer.
    static let pleasantries: Set<String> = ["greeting", "thanks", "goodbye"]

    /// Intents that are about the conversation, not a subject.
    static let conversationalIntents: Set<String> = [
        "greeting", "thanks", "goodbye", "help", "source", "topics-list", "capabilities",
    ]

    /// What "it" stands for: the latest thing taken or done, or a condition, talked about; not a
    /// group of people or an idea ("how much in pregnancy?" then "is it safe?" asks about the
    /// supplement, not about pregnancy, the dose or its limit); nil when there is none.
    private func referent(for understanding: Understanding) -> String? {
        // "How long apart then?" from someone on ciprofloxacin, "when should she take it?" about
        // a mother on alendronic acid: apart from, or when beside, their medicine (the one talked
        // about last).
        let medicines = medicinesTakenBeside(understanding)
        if !medicines.isEmpty,
            !understanding.topicIDs.contains(where: { graph.kind(ofTopic: $0) == "medicine" })
        {
            return focus.first(where: medicines.contains) ?? medicines.last
        }
        // "Does magnesium help with them?" after migraines: a pronoun after "with", "for" or
        // "about" in a line that names magnesium or a form of it stands for something else, the
        // latest other thing talked about (what it is taken for, or a medicine it is taken with).
        if let pronoun = understander.pronounAfterAPreposition(in: understanding.tokens[...]),
            !understanding.topicIDs.isEmpty,
            understanding.topicIDs.allSatisfy({
                Self.whatIsTaken.contains(graph.kind(ofTopic: $0) ?? "")
            })
        {
            let others = focus.filter { topic in
                let kind = graph.kind(ofTopic: topic) ?? ""
                return Self.thingKinds.contains(kind) && !Self.whatIsTaken.contains(kind)
            }
            // "Would glycinate stop that?" after cramps at mile 20: what a remedy stops is the
            // cramps, not the tired muscle said to cause them.
            let actedOn =
                pronoun > 0
                && Understander.effectVerbs.contains(understanding.tokens[pronoun - 1].text)
            if actedOn,
                let condition = others.first(where: {
                    Understander.sortOfThing(graph.kind(ofTopic: $0)) == 1
                })
            {
                return condition
            }
            return others.first
        }
        // "Then what does cause them?" after an answer on electrolytes and night cramps: "them"
        // and "they" are most often the cramps, migraines or stools talked about.
        if understanding.tokens.contains(where: { Self.pluralPronouns.contains($0.text) }),
            let condition = focus.prefix(3).first(where: {
                Understander.sortOfThing(graph.kind(ofTopic: $0)) == 1
            })
        {
            return condition
        }
        // "Is it safe?" or "when do I take it?" after "is magnesium good for cramps?": what is
        // safe, or taken, is magnesium, not the cramps talked about since.
        if understanding.tokens.contains(where: { $0.text == "it" }),
            understanding.tokens.contains(where: { Self.saidOfWhatIsTaken.contains($0.text) }),
            let taken = focus.prefix(3).first(where: {
                Self.whatIsTaken.contains(graph.kind(ofTopic: $0) ?? "")
            })
        {
            return taken
        }
        return thingInFocus(understanding)
    }

    /// The thing talked about last, which "it" most often stands for. "She's 81, how much should
    /// she have?" after timing her alendronate: the amount asked for is magnesium's, never the
    /// medicine's.
    private func thingInFocus(_ understanding: Understanding) -> String? {
        let thing = focus.first { Self.thingKinds.contains(graph.kind(ofTopic: $0) ?? "") }
        if let thing, graph.kind(ofTopic: thing) == "medicine",
            Self.contains(["how", "much"], in: understanding.tokens.map(\.text))
        {
            return focus.first { Self.whatIsTaken.contains(graph.kind(ofTopic: $0) ?? "") }
        }
        return thing
    }

    /// Words said of something taken, never of a condition: "is it safe?", "when do I take it?".
    static let saidOfWhatIsTaken: Set<String> = [
        "safe", "safely", "take", "taking", "dose", "dosage", "overdose", "swallow",
    ]

    /// Pronouns for several things.
    static let pluralPronouns: Set<String> = ["them", "they", "those", "these"]

    /// "When should she take it?", "what time do I take mine?": when to take it.
    /// Not "when can I stop taking it?", which asks about stopping.
    static func asksWhenToTakeIt(_ understanding: Understanding) -> Bool {
        let words = understanding.tokens.map(\.text)
        guard !words.contains(where: stoppingWords.contains) else { return false }
        return words.indices.contains { index in
            (words[index] == "when"
                || (words[index] == "time" && index > 0 && words[index - 1] == "what"))
                && words[(index + 1)..<min(words.count, index + 4)].contains(
                    where: takingVerbsForTime.contains)
        }
    }

    private static let takingVerbsForTime: Set<String> = ["take", "have", "give"]
    /// Filtered: every word of every line is asked about, and few are any of these.
    private static let stoppingWords = FilteredWords(["stop", "stopping", "quit", "quitting"])

    /// Magnesium and its forms: what "it" usually is, never what it is taken for or with.
    static let whatIsTaken: Set<String> = ["form", "substance"]

    /// Kinds of topic "it" can stand for.
    static let thingKinds: Set<String> = [
        "form", "product", "substance", "medicine", "food", "measure", "condition", "symptom",
        "cramp-kind", "benefit", "mechanism", "cause", "study",
    ]

    /// Answers ranked for the line. A short line that names no subject of its own ("and for
    /// kids?", "is that more than I need?", "what dose did they give?") leans on the question
    /// before it: each answer keeps the better of its score for the line alone and for the two
    /// read together, where the answer just given counts for less unless the line asks it for
    /// someone else, since a follow-up rarely asks the same thing again.
    private func rankDesigned(_ understanding: Understanding, referent: String?) -> (
        [RankedAnswer], String?
    ) {
        // "Does that matter for magnesium?" after a statement that was answered as it stood asks
        // about the statement alone: its own words ("matter") would find answers of their own.
        if let statement = statementBefore, statement.answered,
            Self.asksHowItBearsOnMagnesium(understanding, graph: graph)
        {
            return (
                understander.rankedAnswers(
                    readTogether(statement.text, understanding), focus: referent),
                statement.text
            )
        }
        var alone = understander.rankedAnswers(understanding, focus: referent)
        // "What if I take both then?" after a question on swapping a medicine for magnesium
        // asks about taking magnesium with that medicine: each answer's better score, for the line
        // alone or read as naming the two, since its own words ("take both") find the answer on
        // combining forms of magnesium.
        // So does a question on spacing from someone on one medicine ("what gap between them?").
        if let medicine = medicineTalkedAboutLast(understanding)
            ?? theOneMedicineToSpaceFrom(understanding, best: alone.first),
            let topic = graph.topic(medicine),
            let named = leaning(
                alone, on: "magnesium and " + topic.name, understanding, referent: referent,
                lastAnswer: nil, share: 1)
        {
            alone = named
        }
        if let statement = statementBefore, !statement.answered,
            Self.refersBack(understanding, graph: graph),
            let leaned = leaning(
                alone, on: statement.text, understanding, referent: referent, lastAnswer: nil,
                share: 1)
        {
            return (leaned, statement.text)
        }
        // A line that finds a clear answer of its own ("how much of it should I take?") needs no
        // leaning, and a clear greeting or thanks ("hey!!", "thank u so much") asks nothing of
        // the question before.
        // "Any different for pregnant women?" asks the question before again for a group, however
        // well its own words fit an answer about the group alone.
        guard let last = designed else { return (alone, nil) }
        // A line asking the question before again for a group names only the group: read with
        // that question, it counts in full.
        let asksAgain = Self.asksAgainForAGroup(understanding, graph: graph)
        guard
            asksAgain
                || (Self.mayLeanOnTheQuestionBefore(understanding, graph: graph)
                    && (alone.first?.score ?? 0) < Thresholds.clearOnItsOwnScore
                    && !Self.isClearlySmallTalk(understanding))
        else { return (alone, nil) }
        guard
            let leaned = leaning(
                alone, on: last.question, understanding, referent: referent,
                lastAnswer: last.answerID,
                share: asksAgain ? 1 : Thresholds.followUpShare)
        else { return (alone, nil) }
        return (leaned, last.question)
    }

    /// Each answer's better score: for the line alone, or for `earlier` and the line read
    /// together (that score times `share`, and the answer just given counting for less unless
    /// the line asks it for someone else); nil when reading them together raises none. A line
    /// pointing back at a statement ("could that be connected?") is about it: its share is 1.
    private func leaning(
        _ alone: [RankedAnswer], on earlier: String,
        _ understanding: Understanding, referent: String?, lastAnswer: String?, share: Double
    ) -> [RankedAnswer]? {
        let together = understander.rankedAnswers(
            readTogether(earlier, understanding), focus: referent)
        let forSomeoneElse =
            understanding.topicIDs.contains(where: graph.isAudienceTopic)
            || understanding.tokens.contains { $0.isNumber }
        let lastPlace = lastAnswer.flatMap { graph.answerIndex[$0] }
        var scores = [Double](repeating: 0, count: graph.answers.count)
        for entry in alone { scores[entry.answer] = entry.score }
        var raised: [RankedAnswer] = []
        for entry in together {
            var score = entry.score * share
            if entry.answer == lastPlace && !forSomeoneElse {
                score *= Thresholds.sameAnswerAgainShare
            }
            if score > scores[entry.answer] {
                scores[entry.answer] = score
                raised.append(RankedAnswer(answer: entry.answer, score: score))
            }
        }
        guard !raised.isEmpty else { return nil }
        // Every answer scoring above 0: those of the line alone that reading together did not
        // raise, still in order, and those it raised.
        return RankedOrder.merged(alone.filter { scores[$0.answer] == $0.score }, raised)
    }

    /// `earlier` and the line understood together; read ahead already in batch mode.
    private func readTogether(_ earlier: String, _ understanding: Understanding) -> Understanding {
        let text = Self.leaningText(earlier, understanding)
        return understanding.readAlongside.flatMap { $0.text == text ? $0.understanding : nil }
            ?? understander.understand(text)
    }

    /// `earlier` and the line read together, as ``leaning(_:on:_:lastAnswer:share:)`` reads them.
    static func leaningText(_ earlier: String, _ understanding: Understanding) -> String {
        earlier + ", " + understanding.tokens.map(\.text).joined(separator: " ")
    }

    /// Whether ``rankDesigned(_:referent:)`` is likely to read the line with the one before it, as far as
    /// the line alone tells (batch mode reads such lines that way ahead): it points back at a
    /// statement, or it is a fragment with no clear answer of its own (the focus, not known
    /// yet, seldom lowers a score).
    static func mayLean(_ understanding: Understanding, understander: Understander) -> Bool {
        let graph = understander.graph
        return refersBack(understanding, graph: graph)
            || asksAgainForAGroup(understanding, graph: graph)
            || (mayLeanOnTheQuestionBefore(understanding, graph: graph)
                && understander.bestAnswerScore(understanding) < Thresholds.clearOnItsOwnScore)
    }

    /// Only a short fragment leans ("and for kids?", "she's 10"): a question of its own ("how
    /// much should I take?") keeps its own words and takes its subject from the focus. "What
    /// happens if I've been taking them together?" stands for the two things the question before
    /// named, which its own words do not.
    private static func mayLeanOnTheQuestionBefore(_ understanding: Understanding, graph: Graph)
        -> Bool
    {
        let fragment =
            isElliptical(understanding)
            || !understanding.tokens.contains { questionWords.contains($0.text) }
            || understanding.tokens.contains { pairWords.contains($0.text) }
        return fragment && understanding.tokens.count <= Thresholds.followUpLength
            && !understanding.topicIDs.contains(where: { !graph.isAudienceTopic($0) })
    }

    /// "And breastfeeding?", "for kids?", "and at 16?": a fragment naming only a group or a
    /// child's age, which asks the question before again for them.
    private static func namesOnlyAGroupAgain(_ understanding: Understanding, graph: Graph) -> Bool {
        (!understanding.topicIDs.isEmpty || bareChildsAge(understanding) != nil)
            && mayLeanOnTheQuestionBefore(understanding, graph: graph)
    }

    /// "Would the answer be different if I were pregnant?", "same for kids?", "what if she's
    /// pregnant?": a short line naming only a group and asking whether anything changes for it.
    private static func asksAgainForAGroup(_ understanding: Understanding, graph: Graph) -> Bool {
        let words = understanding.tokens.map(\.text)
        return words.count <= Thresholds.followUpLength
            && (words.contains { Self.changeWords.contains($0) }
                || words.starts(with: ["what", "if"])
                || words.starts(with: ["how", "about", "if"]))
            && !understanding.topicIDs.isEmpty
            && understanding.topicIDs.allSatisfy(graph.isAudienceTopic)
    }

    static let changeWords = FilteredWords(["different", "differ", "same", "change", "changes"])

    /// "Could that be connected?", "does that matter for magnesium?": the line points back at
    /// what was just said, and names no person or medicine of its own.
    private static func refersBack(_ understanding: Understanding, graph: Graph) -> Bool {
        understanding.tokens.contains { Self.pointingBackWords.contains($0.text) }
            && !understanding.topicIDs.contains {
                Knowledge.personKinds.contains(graph.kind(ofTopic: $0) ?? "")
            }
    }

    /// After a statement that was answered as it stood ("I've had type 2 diabetes for ten
    /// years"), only a line asking how it bears on magnesium ("does that matter for magnesium?",
    /// "could it be related?") is about the statement: "is that dehydration?" names a subject of
    /// its own, and "where is that from?" or "how long until it settles?" are about the answer or
    /// the supplement.
    private static func asksHowItBearsOnMagnesium(_ understanding: Understanding, graph: Graph)
        -> Bool
    {
        understanding.tokens.contains { Self.relationWords.contains($0.text) }
            && understanding.topicIDs.allSatisfy {
                $0 == ReservedID.magnesium || graph.isAudienceTopic($0)
            }
    }

    static let relationWords = FilteredWords(["connected", "related", "linked", "matter"])
    static let pointingBackWords = FilteredWords(relationWords.words.union(["that", "this", "it"]))

    /// The kind asked, the groups the answers are written for and the person's own answers,
    /// rescored in one pass over the ranked list and put back in order once: each entry's score
    /// goes through the same steps, in the same order, as when each was a pass of its own
    /// (re-ordering the list three times cost more than the rescoring).
    private mutating func preferKindAndPerson(
        _ forWhom: Person, _ ranked: inout [RankedAnswer],
        _ understanding: Understanding
    ) {
        // A line that only says what is wrong asks nothing else: what to do is its whole question.
        let complaint = reportsAComplaint(understanding)
        let kindsAsked = kindNumbersAsked(understanding, reportsAComplaint: complaint)
        let kindBonus = complaint ? Self.complaintAdviceBonus : Self.kindBonus
        // A list: it holds a few topics, and is searched faster than a set is built.
        let person = forWhom.audience
        let otherGroup = otherGroupsTables(person: person, understanding)
        // "Could that be related to magnesium?" after "I'm 72 and get cramps every night" asks
        // about the link, which no answer written for older people is the better for.
        let gains =
            Self.asksHowItBearsOnMagnesium(understanding, graph: graph)
            ? nil : personGains(forWhom, &ranked, understanding)
        let answerKinds = kindsAsked != nil ? answerKindNumbers() : nil
        let stepsOfAnswer = rescoreSteps(
            kindsAsked: kindsAsked, kinds: answerKinds,
            outsideThePerson: otherGroup.outsideThePerson, forTheLine: otherGroup.forTheLine,
            gains: gains)
        // Each answer's class is which of the three steps change its score, one bit each: the
        // answers of a class are rescored alike, so they stay in order among themselves.
        let rescored = stepsOfAnswer.withUnsafeBufferPointer { stepsOfAnswer in
            RankedOrder.rescore(
                &ranked, classes: 8, reusing: &rescoreBuffers,
                classOf: { Int(stepsOfAnswer[$0.answer]) },
                newScore: { score, steps in
                    var score = score
                    // Not capped at 1: two answers that both fit every word ("..., so I should
                    // stop it, right?") are told apart by the kind asked.
                    if steps & Int(Self.kindAskedStep) != 0 { score = score + kindBonus }
                    if steps & Int(Self.otherGroupStep) != 0 {
                        score = score * Thresholds.otherGroupShare
                    }
                    if steps & Int(Self.personStep) != 0 {
                        score = min(1, score + Thresholds.personBonus)
                    }
                    return score
                })
        }
        // As the kind's pass did when it found no answer of the kinds asked.
        if !rescored && kindsAsked != nil { RankedOrder.sort(&ranked) }
        if gains != nil {
            promoteGroupVersion(&ranked, person: person, age: forWhom.age, understanding)
        }
    }

    /// "How much do I need?" from someone who said she is pregnant is best answered by the answer
    /// written for pregnancy, when there is one: answers about a group the person is in gain a
    /// little, unless the line names another group. The gain of each answer by its place; nil
    /// when none gains. A child of a known age is given no adult's amounts: those answers are
    /// taken out of `ranked`.
    private mutating func personGains(
        _ forWhom: Person, _ ranked: inout [RankedAnswer],
        _ understanding: Understanding
    ) -> [Int]? {
        let person = forWhom.audience
        guard !person.isEmpty else { return nil }
        // An adult's figures are wrong for a child of a known age, whoever the line seems to be
        // about; the selector gives the figures for the age band instead.
        // Kinds compared by number: comparing each ranked answer's kind by name cost more than
        // the rest of the gains.
        if let age = forWhom.age, age < Thresholds.adultAge {
            let (kinds, answerTopicIDs) = (answerKindNumbers(), knowledge.answerTopicIDs)
            let answers = graph.answers
            let amount = kinds.number["amount"]
            // Nor is an answer written for other ages (a teenager's ibuprofen for a child of 7).
            ranked.removeAll { entry in
                (kinds.ofAnswer[entry.answer] == amount
                    && !answerTopicIDs[entry.answer].contains(ReservedID.children))
                    || answers[entry.answer].ages.map { !$0.contains(age) } == true
            }
        }
        guard
            !understanding.topicIDs.contains(where: {
                graph.isAudienceTopic($0) && !person.contains($0)
            })
        else { return nil }
        // "I was also put on synthroid" from someone on a PPI is about the medicine it names.
        let namedOfTheirs = person.filter(understanding.topicIDs.contains)
        let gaining = namedOfTheirs.isEmpty ? person : namedOfTheirs
        var gains = answerTable(for: gaining, kept: .aboutAny)
        // The person adds to the question, never replaces it: where the line names a subject of
        // its own ("is tonic water ok for her?" about someone's mother of 79), an answer about the
        // person gains only if it is about that subject too, or the line's own words are among
        // its wordings.
        let subjects = subjectsNamed(in: understanding)
        // "Could that be connected?" asks about what the person is or takes.
        guard !subjects.isEmpty,
            !understanding.tokens.contains(where: { Self.relationWords.contains($0.text) })
        else { return gains }
        let answerTopicIDs = knowledge.answerTopicIDs
        let worded = understander.answersWordedLike(understanding)
        for place in gains.indices
        where gains[place] != 0 && !worded[place]
            && !answerTopicIDs[place].contains(where: subjects.contains)
        {
            gains[place] = 0
        }
        return gains
    }

    /// An answer written for a group ("can kids take it?", "is it safe in pregnancy?") or for
    /// those on a medicine is not for someone outside it who neither names that group or medicine
    /// nor was just talking about it: the group each answer is written for outside the person,
    /// and the groups the line names or was just talking about.
    private mutating func otherGroupsTables(
        person: [String], _ understanding: Understanding
    ) -> (outsideThePerson: [Int], forTheLine: AnswerTopicBits.TopicSet) {
        let namedOrInFocus = understanding.topicIDs + focus.prefix(1)
        let named =
            namedOrInFocus.filter {
                Knowledge.personKinds.contains(graph.kind(ofTopic: $0) ?? "")
            } + namedOrInFocus.compactMap { knowledge.groupNamedByTopic[$0] }
        // The person's (kept from line to line) and the line's, apart: the line's change often.
        let outsideThePerson = answerTable(for: person, kept: .groupOutside)
        let forTheLine = knowledge.answerTopicBits.set(named)
        return (outsideThePerson, forTheLine)
    }

    /// What the re-ranking asks of every answer about the person's topics, by the answer's
    /// place: for `.groupOutside` the number of the one group the answer is written for when
    /// that group is not among `topics`, else -1; for `.aboutAny` 1 when the answer is about any
    /// of `topics`, else 0; for `.aboutTheirGroup` the same, of the topics among `topics` that
    /// are groups. The last table of each use is kept with its list, since the person's
    /// groups and medicines (a long list as a conversation goes on) rarely change from one line
    /// to the next: asking it of each ranked answer, and looking up each topic by name, cost
    /// more than the rest of the re-ranking. Two tables are kept for each use, the last used
    /// first: a line naming a group adds it to the person's list for that line alone, and the
    /// person's own list comes back on the next.
    mutating func answerTable(for topics: [String], kept use: AnswerTableUse) -> [Int] {
        let (recent, older) = (use.rawValue * 2, use.rawValue * 2 + 1)
        if let kept = answerTablesKept[recent], kept.topics == topics { return kept.table }
        if let kept = answerTablesKept[older], kept.topics == topics {
            answerTablesKept.swapAt(recent, older)
            return kept.table
        }
        let topicBits = knowledge.answerTopicBits
        var table: [Int]
        // Only the answers about one of the topics differ from the table for none of them.
        switch use {
        case .groupOutside:
            table = topicBits.groupNumberOrNone
            // By the group each answer is written for, which its own topic may name without
            // the answer listing it.
            let numbers = Set(topicBits.numbers(topics))
            for place in topicBits.answersForAGroup where numbers.contains(table[place]) {
                table[place] = -1
            }
        case .aboutAny, .aboutTheirGroup:
            let about =
                use == .aboutAny ? topics : topics.filter { graph.kind(ofTopic: $0) == "group" }
            table = [Int](repeating: 0, count: topicBits.groupNumberOrNone.count)
            for number in topicBits.numbers(about) {
                for place in topicBits.answersAbout[number] { table[place] = 1 }
            }
        }
        answerTablesKept[older] = answerTablesKept[recent]
        answerTablesKept[recent] = (topics, table)
        return table
    }

    /// The best answer's own version for the person's group ("how much can I take?" when
    /// pregnant, "and for kids?") answers the same kind of question for them: it goes first when
    /// it fits at least half as well.
    private mutating func promoteGroupVersion(
        _ ranked: inout [RankedAnswer], person: [String], age: Int?,
        _ understanding: Understanding
    ) {
        guard let top = ranked.first else { return }
        // The answers' topics and kinds as worked out at load, not copied out of the answer.
        let answerTopicIDs = knowledge.answerTopicIDs
        let topTopicIDs = answerTopicIDs[top.answer]
        // Which answers are about a group the person is in: a table kept while the person is.
        let aboutTheirGroup = answerTable(for: person, kept: .aboutTheirGroup)
        guard aboutTheirGroup[top.answer] == 0 else { return }
        let kinds = answerKindNumbers()
        let topKind = kinds.ofAnswer[top.answer]
        // The list is in order: the answers close enough come first, and the search ends at the
        // first that is not.
        let closeEnoughEnd =
            ranked.indices.dropFirst().first {
                ranked[$0].score < top.score * Thresholds.groupVersionShare
            } ?? ranked.count
        guard closeEnoughEnd > 1 else { return }
        // "Pickle juice shots for cramp, does it work?" from a cyclist: the rare words the best
        // answer was found by name what the question is about, so another answer well behind it
        // without them is no version of it, whoever it is written for. One nearly as close ("the
        // RDA for a 25 year old man": men's needs) may still be.
        let rareOfTheTop = rareWords(of: understanding).map(\.key).filter {
            understander.answer(top.answer, hasWord: $0)
        }
        if let index = (1..<closeEnoughEnd).first(where: { index in
            let place = ranked[index].answer
            // The same question: the same kind of answer, about what the line names that the best
            // answer is about ("what about older people with insomnia?" is not older people's
            // needs).
            // "What about for kids?" with no age given is no question for ages 1 to 3 alone.
            guard kinds.ofAnswer[place] == topKind, aboutTheirGroup[place] != 0,
                graph.answers[place].ages.map({ band in age.map(band.contains) ?? false }) ?? true
            else {
                return false
            }
            let topicIDs = answerTopicIDs[place]
            return understanding.topicIDs.allSatisfy {
                graph.isAudienceTopic($0) || !topTopicIDs.contains($0) || topicIDs.contains($0)
            }
                && (ranked[index].score >= top.score * Thresholds.closeGroupVersionShare
                    || rareOfTheTop.allSatisfy { understander.answer(place, hasWord: $0) })
        }) {
            let promoted = ranked.remove(at: index)
            ranked.insert(RankedAnswer(answer: promoted.answer, score: top.score), at: 0)
        }
    }

    /// Each answer's kind as a number, made when first needed.
    private mutating func answerKindNumbers() -> AnswerKinds {
        if let answerKinds { return answerKinds }
        let made = AnswerKinds(asks: knowledge.answerAsks)
        answerKinds = made
        return made
    }

    /// Kinds of answer about taking magnesium, which the person's medicines change.
    static let takingKinds: Set<String> = ["verdict", "amount", "time", "advice", "correction"]

    /// "How much", "when" and "why" say what kind of answer is wanted: answers of that kind gain a
    /// little. The kinds' numbers; nil when the line asks no kind.
    private mutating func kindNumbersAsked(
        _ understanding: Understanding, reportsAComplaint complaint: Bool
    ) -> [Int]? {
        var kinds = Self.kindsAsked(
            understanding.tokens.map(\.text), leading: isLeading(understanding))
        // A follow-up that says no kind of its own asks the kind of the answer before: "what about
        // pumpkin seeds?" after "magnesium in almonds?", "what if she's breastfeeding?" after how
        // much a woman needs, "and from 31 on?" after the RDA of a man of 25.
        if kinds.isEmpty,
            Self.asksAgainForAGroup(understanding, graph: graph)
                || Self.isElliptical(understanding),
            let last = designed, let lastAnswer = graph.answer(last.answerID)
        {
            kinds = [lastAnswer.asks]
        }
        if kinds.isEmpty && complaint { kinds = ["advice"] }
        guard !kinds.isEmpty else { return nil }
        // Kinds as numbers: every ranked answer's kind is compared with them, and comparing
        // names cost more than the rest of the rescoring. A kind no answer is of matches none.
        let answerKinds = answerKindNumbers()
        return kinds.map { answerKinds.number[$0] ?? -1 }
    }

    /// The kinds of answer a line's wording asks for; empty when the wording does not say.
    /// `leading`: the line puts a premise for agreement ("..., right?" at its end or a clause's),
    /// so "... is fine for my son, right?" asks for a yes or no wherever its "fine" stands.
    static func kindsAsked(_ words: [String], leading: Bool = false) -> Set<String> {
        var kinds = Set<String>()
        // One lookup finds what a word may say (or that it says no kind) before its neighbours
        // are checked: comparing it with every case cost more.
        for (index, word) in words.enumerated() {
            guard let cue = kindCues[word] else { continue }
            let next = index + 1 < words.count ? words[index + 1] : ""
            switch cue {
            case .how where next == "much" || next == "many": kinds.insert("amount")
            case .how where Self.timeAfterHow.contains(next): kinds.insert("time")
            case .amount: kinds.insert("amount")
            // "it helps a bit, can i take more", "ok to have extra?": more of it is an amount.
            case .more where index > 0 && Self.takingForMore.contains(words[index - 1]):
                kinds.insert("amount")
            case .when, .apart: kinds.insert("time")
            // "Can I take it at night?", "in the morning?": when to take it, as well as whether.
            // "Morning or after my run?", "after dinner or bedtime?": a choice of times.
            // "I get cramps at night", "my legs ache in the evening": a time after a complaint
            // says when it comes, not when to take anything.
            case .timeOfDay
            where next == "or"
                || index > 0 && words[index - 1] == "or"
                || Self.timeOfDayTakenAt(words, index):
                kinds.insert("time")
            // "can I give it to...", "should she take...", "is it safe for...": a yes or no is
            // wanted; "what should I do?" and "what can I do about them?" ask what to do instead.
            case .permission where Self.askers.contains(next):
                let asksWhatToDo =
                    index > 0 && words[index - 1] == "what" && index + 2 < words.count
                    && words[index + 2] == "do"
                kinds.insert(asksWhatToDo ? "advice" : "verdict")
            case .verdict where leading || Self.opensAsIsIt(words, before: index):
                kinds.insert("verdict")
            // "Can I use it instead of my anxiety meds?": swapping a treatment is a premise to
            // correct, before any yes or no.
            case .correction: return ["correction"]
            case .reason: kinds.insert("reason")
            case .choice: kinds.insert("choice")
            case .who where !Self.asksWhomToGoTo(words, after: index): kinds.insert("list")
            case .what where Self.asksWhichToGet(words, after: index): kinds.insert("choice")
            // "the best time to take it" asks when; "the best magnesium for night cramps", "best
            // form for sleep" ask which one to pick.
            case .best where Self.momentWords.contains(next): kinds.insert("time")
            case .best where Self.thingsPicked.contains(next): kinds.insert("choice")
            case .comparison: kinds.insert("comparison")
            // "is oxide the same as glycinate", "is citrate better than oxide"
            case .same where next == "as": kinds.insert("comparison")
            case .comparing where next == "than": kinds.insert("comparison")
            case .definition: kinds.insert("definition")
            default: break
            }
        }
        // "..., right?" puts a premise to be checked: an answer written to correct one fits it.
        // "The adult dose is fine for her, right?" also wants the yes or no before any figure.
        if leading {
            return kinds.contains("verdict")
                ? ["verdict", "correction"] : kinds.union(["correction"])
        }
        return kinds
    }

    /// "Is it safe...", "and is 300 mg ok...": the line opens with "is" or "are" (after any word
    /// joining it on) no more than three words before `index`.
    private static func opensAsIsIt(_ words: [String], before index: Int) -> Bool {
        let opening = words.prefix { Self.joiningWords.contains($0) }.count
        return index <= opening + 3 && opening < words.count
            && ["is", "are"].contains(words[opening])
    }

    /// What a word may say about the kind of answer asked, before the words around it are read.
    enum KindCue {
        case how, amount, more, when, permission, verdict, correction, reason, choice, comparison
        case same, comparing, definition, timeOfDay, best, apart, what, who
    }

    /// "Who do I call", "who should we ask": the asker's own next step, not the list of people
    /// that "who tends to run low?" or "who shouldn't take it?" asks for.
    static func asksWhomToGoTo(_ words: [String], after index: Int) -> Bool {
        index + 2 < words.count && Self.helpingVerbs.contains(words[index + 1])
            && ["i", "we"].contains(words[index + 2])
    }

    private static let helpingVerbs: Set<String> = [
        "do", "should", "can", "could", "would", "will", "shall", "must",
    ]

    /// "What (magnesium powder) should I get", "what type should she buy": within a few words
    /// after "what", "should" and someone choosing something to get, which asks which one as
    /// "which" does.
    static func asksWhichToGet(_ words: [String], after index: Int) -> Bool {
        let near = words[(index + 1)..<min(words.count, index + 5)]
        guard let should = near.firstIndex(of: "should"), should + 2 < words.count,
            Self.askers.contains(words[should + 1])
        else { return false }
        // "should I get", "should my mum get"
        return words[(should + 2)..<min(words.count, should + 4)].contains(
            where: Self.gettingWords.contains)
    }

    private static let gettingWords: Set<String> = [
        "get", "buy", "choose", "pick", "go", "order", "look",
    ]

    /// "How long", "how soon", "how often", "how far apart" (as "what gap?"): when to take it or
    /// when it works.
    static let timeAfterHow: Set<String> = ["long", "soon", "often", "far"]

    /// What "best" may ask the time of: "the best time to take it", "best hour".
    static let momentWords: Set<String> = ["time", "times", "hour", "moment", "part"]

    /// What "best" may ask to pick: "the best magnesium", "best form", "best one to buy".
    static let thingsPicked: Set<String> = [
        "magnesium", "form", "forms", "type", "types", "kind", "kinds", "sort", "supplement",
        "supplements", "one", "brand", "product", "version", "tablet", "pill", "capsule",
    ]

    /// "At night", "before bed", "in the morning": a time of day to take something at.
    static let timeOfDayPrepositions: Set<String> = ["at", "before", "in", "by"]

    /// Whether the time of day at `index` follows its preposition ("at night", "in the morning")
    /// and no complaint comes right before that ("cramps at night" says when they come).
    private static func timeOfDayTakenAt(_ words: [String], _ index: Int) -> Bool {
        var preposition = index - 1
        if preposition >= 1, words[preposition] == "the" { preposition -= 1 }
        guard preposition >= 0, timeOfDayPrepositions.contains(words[preposition]) else {
            return false
        }
        return preposition == 0 || !complaintsBeforeATime.contains(words[preposition - 1])
    }

    /// What comes at a time of day rather than being taken then: "cramps at night", "worse in
    /// the evening", "woke up in the morning".
    static let complaintsBeforeATime: Set<String> = [
        "cramp", "cramps", "cramping", "pain", "pains", "ache", "aches", "aching", "hurt", "hurts",
        "sore", "spasm", "spasms", "twitch", "twitches", "twitching", "worse", "up", "wake",
        "wakes", "woke", "waking", "happen", "happens", "legs", "feet", "calves", "calf",
    ]

    /// Every word a case of ``kindsAsked(_:leading:)`` looks at, with what it may say.
    static let kindCues: FilteredWordTable<KindCue> = {
        var cues: [String: KindCue] = [
            "how": .how, "when": .when, "why": .reason, "which": .choice, "same": .same,
            "what": .what, "who": .who,
            "more": .more, "extra": .more, "night": .timeOfDay, "bedtime": .timeOfDay,
            "bed": .timeOfDay, "morning": .timeOfDay, "evening": .timeOfDay, "best": .best,
        ]
        let lists: [(words: [String], cue: KindCue)] = [
            (
                [
                    "dose", "dosage", "mg", "milligrams", "amount", "percent", "percentage",
                    "limit", "ceiling", "maximum", "max", "rda", "rdas", "allowance",
                    "requirement", "requirements",
                ], .amount
            ),
            (Array(permissionWords), .permission), (Array(verdictCueWords), .verdict),
            (["instead", "replace", "substitute", "swap"], .correction),
            (["vs", "versus", "difference", "compare", "compared"], .comparison),
            (["apart", "gap", "spacing", "space"], .apart),
            (Array(comparingWords), .comparing),
            (["mean", "means", "meaning", "define", "definition"], .definition),
        ]
        for (words, cue) in lists {
            for word in words { cues[word] = cue }
        }
        return FilteredWordTable(cues)
    }()

    /// "Take more", "have extra": taking more of it.
    static let takingForMore: Set<String> = [
        "take", "taking", "have", "use", "try", "add", "need", "needs",
    ]

    /// Who "can ..." asks permission for.
    static let askers: Set<String> = ["i", "we", "you", "he", "she", "they", "my", "our"]
    /// "Can I...", "..., should she?": one of these before a person asks for a yes or no.
    static let permissionWords: Set<String> = ["can", "could", "should", "may"]
    /// "Is it safe...", "is 300 mg ok...".
    static let verdictWords: Set<String> = ["ok", "okay", "safe", "fine", "alright"]
    /// What asks for a yes or no after "is it ...": "is glycinate good for night cramps?" wants
    /// one as "is it safe?" does.
    static let verdictCueWords = verdictWords.union(["good"])
    /// "Is citrate better than oxide?"
    static let comparingWords: Set<String> = ["better", "worse", "stronger", "gentler"]

    /// Words a follow-up opens with to join on to what was said: "and is it safe?".
    static let joiningWords: Set<String> = ["and", "so", "but", "or", "also", "then", "ok", "okay"]

    /// What an answer of the kind asked for gains.
    static let kindBonus = 0.08
    /// What an answer on what to do gains for a line that only reports a complaint ("I'm
    /// pregnant and getting cramps at night"): more than a kind read from one word of a question,
    /// so that whether magnesium helps (which it did not ask) gives way to what helps.
    static let complaintAdviceBonus = 0.2

    /// "... i normally take magnesium at night. problem?": a line whose last sentence only asks
    /// whether what it told is a problem, in a few words.
    static func asksOnlyWhetherItMatters(_ understanding: Understanding) -> Bool {
        let start =
            understanding.breaks.indices.last {
                $0 < understanding.tokens.count && understanding.breaks[$0] == .sentence
            } ?? 0
        guard start > 0 else { return false }
        let last = understanding.tokens[start...].map(\.text)
        return last.count <= 4 && last.allSatisfy(Self.wordsAskingWhetherItMatters.contains)
            && last.contains(where: Self.wordsOfTrouble.contains)
    }

    private static let wordsOfTrouble: Set<String> = [
        "problem", "problems", "issue", "issues", "ok", "okay", "fine", "safe", "alright",
        "concern", "worry", "clash", "conflict", "matter", "bad",
    ]
    private static let wordsAskingWhetherItMatters: Set<String> = wordsOfTrouble.union([
        "any", "is", "that", "this", "a", "an", "it", "be", "will", "does", "do", "still", "so",
        "should", "i", "there",
    ])

    /// "Actually I'm not pregnant, what's my number then?", "I'm 70, how much then?": after what
    /// it tells, the line's last question asks the one before again, in a few words ending with
    /// "then".
    private static func asksTheSameAgain(_ understanding: Understanding) -> Bool {
        guard let last = understanding.clauses.last, (2...6).contains(last.count),
            understanding.tokens[last.upperBound - 1].text == "then"
        else { return false }
        return !understanding.mentions.contains { last.contains($0.range.lowerBound) }
    }

    private static func isElliptical(_ understanding: Understanding) -> Bool {
        let words = understanding.tokens.map(\.text)
        guard !words.isEmpty, words.count <= Thresholds.followUpLength else { return false }
        // "and if nothing changes by then, what?" carries on from the question before.
        if ["and", "or", "also"].contains(words[0]) { return true }
        guard words.count <= 6 else { return false }
        if Understander.opensWithWhatAbout(words) { return true }
        return words.count <= 3 && words[0] == "for"
    }

    /// The designed answer as a reply: its direct first sentence, its supporting sentences, its
    /// caution, and a sentence for each profile topic it has one for.
    /// `person`: whom it is for (``personFor(_:)`` of the line).
    mutating func reply(
        for answer: DesignedAnswer, score: Double, understanding: Understanding, person: Person,
        context: inout [String]
    ) -> Reply {
        var builder = AnswerBuilder()
        let aboutTaking = isAboutTaking(answer, understanding)
        let (ruled, takenBeside) =
            aboutTaking ? situationsToRuleOn(answer, understanding, person: person) : ([], [])
        let moreIsAsked = asksForMore(understanding)
        let situations = groupRulesLeading(
            among: ruled, for: answer, people: person.audience, moreIsAsked: moreIsAsked,
            into: &builder, context: &context)
        let additions = additionsForThePerson(of: answer, people: person.audience)
        let order = sentenceOrder(
            of: answer, understanding, additions: additions, aboutTaking: aboutTaking,
            moreIsAsked: moreIsAsked)
        var parts = ReplyParts(lines: situations.map(\.line))
        // "Is 100 mg ok?" with kidney disease: the group's sentence comes before the check of the
        // amount, which speaks of limits for healthy adults.
        if order.personFirst && order.forTheGroupFirst {
            addForThePerson(additions, to: &parts, &builder, context: &context)
        }
        // "Is 400 mg too much?" is answered by the check of the amount; "does glycinate make you
        // poop? I started 400 mg" by the answer, the check of the amount after it.
        let amountCheck = amountChecked(for: answer, understanding, person: person, into: &builder)
        let amountLeads = amountCheckLeads(amountCheck, answer, understanding)
        if amountLeads { parts.lines += amountCheck }
        if order.personFirst && !order.forTheGroupFirst {
            addForThePerson(additions, to: &parts, &builder, context: &context)
        }
        let linesBeforeTheRules = parts.lines.count
        if order.medicineRuleFirst {
            addMedicineRules(
                among: ruled, for: answer, evenIfGiven: !takenBeside.isEmpty, to: &parts,
                &builder, context: &context)
        }
        // "Can I take magnesium?" on spironolactone: after "not without asking your prescriber",
        // a "Yes:" for most people would contradict it.
        let ruledFirst = parts.lines.count > linesBeforeTheRules
        parts.saysLine = parts.lines.count
        parts.lines.append(
            says(
                of: answer, to: understanding, &builder, verdict: !order.personFirst && !ruledFirst)
        )
        if !amountLeads { parts.lines += amountCheck }
        if !order.personFirst {
            addForThePerson(additions, to: &parts, &builder, context: &context)
        }
        if !order.medicineRuleFirst {
            addMedicineRules(
                among: ruled, for: answer, evenIfGiven: !takenBeside.isEmpty, to: &parts,
                &builder, context: &context)
        }
        if let caution = answer.caution { parts.lines.append(sentence(caution, &builder)) }
        return finishedReply(
            answer, score: score, parts, builder, understanding,
            groupRule: situations.first?.situation, context: &context)
    }

    /// "What's a good dose?" answered with the trials' doses is still about taking it. What to
    /// do while help comes is first aid, and an answer about another substance taken (tonic
    /// water) is not about magnesium: no group's or medicine's rule for taking it goes with
    /// either.
    private func isAboutTaking(_ answer: DesignedAnswer, _ understanding: Understanding) -> Bool {
        (Self.takingKinds.contains(answer.asks)
            || Self.takingIntents.contains(understanding.best?.intent ?? ""))
            && answer.topicIDs.first != generalEmergencyTopic
            && !isAboutSomethingElseTaken(answer)
    }

    /// Whether an answer is written about a substance other than magnesium (tonic water, zinc)
    /// and names no form or product of magnesium. Not a food: an answer on the magnesium in
    /// pumpkin seeds may be what checks an amount the line names ("just a small one, like
    /// 10mg?" with kidney disease), which the group's rule must still lead.
    private func isAboutSomethingElseTaken(_ answer: DesignedAnswer) -> Bool {
        guard answer.topicID != ReservedID.magnesium,
            graph.kind(ofTopic: answer.topicID) == "substance"
        else { return false }
        return !answer.topicIDs.contains { topic in
            topic == ReservedID.magnesium
                || ["form", "product"].contains(graph.kind(ofTopic: topic) ?? "")
        }
    }

    /// The medicines and situations whose rule for taking magnesium goes with an answer about
    /// taking it, and the medicines taken beside that need hours apart. With kidney disease,
    /// whether to take it at all comes before any dose, even before the check of an amount asked
    /// about ("is 100 mg ok?" is not first told it is "within the adult limits"); a medicine's
    /// spacing follows the answer. "How far apart exactly?" from someone on metformin and
    /// gabapentin: the spacing of each medicine taken beside that needs one, as though the line
    /// named them, and again if given before.
    private mutating func situationsToRuleOn(
        _ answer: DesignedAnswer, _ understanding: Understanding, person: Person
    ) -> (ruled: [(id: String, kind: String?)], takenBeside: [String]) {
        let takenBeside = medicinesTakenBeside(understanding).filter(needsHoursApart)
        let ruled = situationsWithRules(
            for: answer, topicIDs: answer.topicIDs, people: person.audience,
            namedInTheLine: understanding.topicIDs + takenBeside, personAsked: person)
        return (ruled, takenBeside)
    }

    /// A designed reply's lines as they are put together, and whom its sentences for people were
    /// for.
    private struct ReplyParts {
        var lines: [String]
        var forThePerson: [String] = []
        /// The place of the answer's own sentences among the lines.
        var saysLine = 0
    }

    /// Where the sentences for the person and a medicine's rule go: before the answer's own
    /// sentences or after them.
    private struct SentenceOrder {
        var personFirst: Bool
        var forTheGroupFirst: Bool
        var medicineRuleFirst: Bool
    }

    /// A group's rule for taking magnesium that leads the answer; with kidney disease, said again
    /// when more is asked for ("so surely he needs more of it?"), whatever the answer is about.
    private mutating func groupRulesLeading(
        among ruled: [(id: String, kind: String?)], for answer: DesignedAnswer, people: [String],
        moreIsAsked: Bool, into builder: inout AnswerBuilder, context: inout [String]
    ) -> [(situation: String, line: String)] {
        let situations = situationRules(
            of: "group", among: ruled, for: answer, into: &builder, context: &context)
        guard situations.isEmpty, moreIsAsked else { return situations }
        // Not when the answer has a sentence of its own for it: that sentence leads instead.
        let groups = people.filter { group in
            group == ReservedID.kidneyDisease && !answer.topicIDs.contains(group)
                && !answer.additions.contains { $0.topicID == group }
        }
        return situationRules(
            of: "group", among: groups.map { ($0, "group") }, for: answer, into: &builder,
            context: &context, evenIfGiven: true)
    }

    /// The answer's sentences for the people the profile or the line names, the group asked about
    /// first ("and for pregnant women?" from someone with kidney disease).
    private func additionsForThePerson(of answer: DesignedAnswer, people: [String])
        -> [AnswerAddition]
    {
        // An answer about a medicine already says what its sentence for people on it would.
        let additions = answer.additions.filter {
            people.contains($0.topicID)
                && !($0.topicID == answer.topicIDs.first
                    && graph.kind(ofTopic: $0.topicID) == "medicine")
        }
        guard !groupsAskedFor.isEmpty else { return additions }
        return additions.filter { groupsAskedFor.contains($0.topicID) }
            + additions.filter { !groupsAskedFor.contains($0.topicID) }
    }

    /// A "Yes:" is for most people; someone the answer has a sentence for hears theirs first, and
    /// the rest without the "Yes:" ("is that safe?" with kidney disease is not answered "Yes: for
    /// most healthy adults ...").
    private func sentenceOrder(
        of answer: DesignedAnswer, _ understanding: Understanding, additions: [AnswerAddition],
        aboutTaking: Bool, moreIsAsked: Bool
    ) -> SentenceOrder {
        let topicIDs = answer.topicIDs
        // "Can I give my 4 year old gummies?" asks whether it is all right for the child: an answer
        // written for adults opens with its sentence for children.
        let asksWhetherAllRight = Self.asksWhetherItIsAllRight(understanding.tokens.map(\.text))
        let forAChildFirst =
            asksWhetherAllRight && answer.asks != "correction"
            && additions.contains { $0.topicID == ReservedID.children }
            && topicIDs.first != ReservedID.children
        let forTheGroupFirst = groupSentenceLeads(
            answer, understanding, additions: additions,
            asksWhetherAllRight: asksWhetherAllRight, aboutTaking: aboutTaking,
            moreIsAsked: moreIsAsked)
        let personFirst =
            !additions.isEmpty
            // "What about in pregnancy?": the group's sentence is the news, unless the answer
            // is written for the group.
            && (additions.contains {
                groupsAskedFor.contains($0.topicID) && !topicIDs.contains($0.topicID)
            }
                || answer.says.first?.text.hasPrefix("Yes: ") == true
                    && keepsItsVerdict(answer, understanding)
                || forAChildFirst
                || forTheGroupFirst)
        // "Want to start glycinate for cramps, ok?" on levothyroxine asks whether it is all right
        // for them: the medicine's rule answers that before whether it works.
        return SentenceOrder(
            personFirst: personFirst, forTheGroupFirst: forTheGroupFirst,
            medicineRuleFirst: answer.asks != "correction" && asksWhetherAllRight)
    }

    /// "What's a good dose for cramps?" with kidney disease or in pregnancy: what goes for the
    /// group comes before an adult's amounts, as a group's rule does. Only a group with a rule of
    /// its own (kidney disease: not without the kidney doctor), not one an age implies; every time
    /// amounts are asked, since the amounts are what the rule changes. "On dialysis, can I start
    /// citrate?" asks whether it is all right for the group the line itself names: its rule
    /// answers that before anything on the form.
    private func groupSentenceLeads(
        _ answer: DesignedAnswer, _ understanding: Understanding, additions: [AnswerAddition],
        asksWhetherAllRight: Bool, aboutTaking: Bool, moreIsAsked: Bool
    ) -> Bool {
        let asksAnAmount = answer.asks == "amount"
        let asksIfAllRightForAGroup = asksWhetherAllRight && answer.asks != "correction"
        // "But furosemide makes you lose magnesium, so surely he needs more?" for a father with
        // kidney disease: an answer opening "Usually magnesium can be added" is for most people,
        // and more for him is what the group's rule decides, so the rule goes first.
        let decidesWhetherToTakeIt =
            aboutTaking
            && (answer.says.first?.text.hasPrefix("Usually") == true || moreIsAsked)
        guard asksAnAmount || asksIfAllRightForAGroup || decidesWhetherToTakeIt else {
            return false
        }
        return additions.contains { addition in
            let group = addition.topicID
            return
                (asksAnAmount
                || (asksIfAllRightForAGroup && understanding.topicIDs.contains(group))
                || (decidesWhetherToTakeIt && group == ReservedID.kidneyDisease))
                && !answer.topicIDs.contains(group)
                && graph.kind(ofTopic: group) == "group"
                && !Profile.groupsAnAgeImplies.contains(group) && hasARule(forGroup: group)
        }
    }

    /// The answer's sentences for the person, cited in the order they are read, so the numbers
    /// run in reading order.
    private func addForThePerson(
        _ additions: [AnswerAddition], to parts: inout ReplyParts,
        _ builder: inout AnswerBuilder, context: inout [String]
    ) {
        for addition in additions {
            parts.lines.append(sentence(addition.item, &builder))
            parts.forThePerson.append(addition.topicID)
            context.append("for: \(selector.name(addition.topicID))")
        }
    }

    /// A premise ("it's natural so I can't overdo it", "400 mg can replace my amlodipine") is
    /// corrected before any check of the amount the line names: its "No:" answers the line.
    private func amountCheckLeads(
        _ amountCheck: [String], _ answer: DesignedAnswer, _ understanding: Understanding
    ) -> Bool {
        amountCheck.isEmpty
            || (answer.asks != "correction"
                && (isWrittenAboutAmounts(answer) || !asksApartFromTheAmount(understanding)))
    }

    /// The rules of the medicines taken for taking magnesium, each given once unless the line
    /// asks again how far apart.
    private mutating func addMedicineRules(
        among ruled: [(id: String, kind: String?)], for answer: DesignedAnswer, evenIfGiven: Bool,
        to parts: inout ReplyParts, _ builder: inout AnswerBuilder, context: inout [String]
    ) {
        parts.lines += situationRules(
            of: "medicine", among: ruled, for: answer, into: &builder, context: &context,
            evenIfGiven: evenIfGiven
        ).map(\.line)
    }

    /// The reply of a designed answer's lines, and the answer remembered for its follow-ups, with
    /// the rule a "why?" would explain: the group rule that led, or the first group spoken to.
    private mutating func finishedReply(
        _ answer: DesignedAnswer, score: Double, _ parts: ReplyParts, _ builder: AnswerBuilder,
        _ understanding: Understanding, groupRule: String?, context: inout [String]
    ) -> Reply {
        let lines = parts.lines
        var reply = Reply(
            question: "", text: lines.joined(separator: "\n"), intent: DialogueIntent.answer,
            topics: answer.topicIDs, confidence: min(1, score))
        reply.sourceIDs = builder.sourceIDs
        // A line may hold several paragraphs (the check of an amount, then how the compound reads):
        // a short view finds them one by one.
        reply.alwaysShownParagraphs = lines.indices.filter { $0 != parts.saysLine }.flatMap {
            lines[$0].split(separator: "\n").map(String.init)
        }
        reply.factIDs = (answer.says + [answer.caution].compactMap { $0 }).compactMap(\.factID)
        context.append("answer: \(answer.id) (\(Self.twoDecimals(score)))")
        designed = DesignedState(
            answerID: answer.id, moreShown: 0, whyShown: false,
            question: understanding.normalized,
            namedAnAmount: !amounts(in: understanding).isEmpty,
            ruleToExplain: groupRule
                ?? parts.forThePerson.first { graph.kind(ofTopic: $0) == "group" })
        remember(conditionsDescribedFirst(answer.topicIDs, understanding))
        return reply
    }

    /// An answer's topics with the conditions the line named ahead of the other conditions the
    /// answer is about, everything else in place: after "I think it's restless legs, not cramps,
    /// same thing?", answered by how restless legs differ from cramps, "would magnesium help it?"
    /// is about the restless legs the person described, not the cramps the answer compares them
    /// with.
    private func conditionsDescribedFirst(_ topics: [String], _ understanding: Understanding)
        -> [String]
    {
        let places = topics.indices.filter {
            Understander.sortOfThing(graph.kind(ofTopic: topics[$0])) == 1
        }
        let conditions = places.map { topics[$0] }
        // In the order the line names them: "I think I have restless legs, is it the same as
        // cramps?" describes the restless legs and compares them with cramps.
        let described = understanding.topicIDs.filter(conditions.contains)
        var ordered = topics
        for (place, topic) in zip(places, described + conditions.filter { !described.contains($0) })
        {
            ordered[place] = topic
        }
        return ordered
    }

    /// "Surely he needs more of it?", "can I take extra?": the line asks for more magnesium.
    func asksForMore(_ understanding: Understanding) -> Bool {
        let words = understanding.tokens.map(\.text)
        // "Why 350 mg and not more?" asks for a reason.
        let kinds = Self.kindsAsked(words)
        return words.contains(where: Self.wordsForMore.contains) && kinds.contains("amount")
            && !kinds.contains("reason")
    }

    private static let wordsForMore: Set<String> = [
        "more", "extra", "higher", "double", "increase", "bigger", "stronger",
    ]

    /// "Can I", "is that ok", "safe": the line asks whether taking it is all right.
    /// "Can my 2 year old have gummies?" asks it for the child; "what can she do about them?"
    /// asks what to do instead.
    static func asksWhetherItIsAllRight(_ words: [String]) -> Bool {
        words.contains(where: verdictWords.contains)
            || words.indices.dropLast().contains { index in
                permissionAsking.contains(words[index]) && askers.contains(words[index + 1])
                    && !words[max(0, index - 2)..<index].contains(where: whatOrHow.contains)
            }
    }

    private static let permissionAsking: Set<String> = ["can", "could", "may"]
    private static let whatOrHow: Set<String> = ["what", "how"]

    /// The answer's main paragraph, opening with its verdict only where the line asks for one:
    /// not for an open question, nor for a statement ("I take magnesium glycinate" is not
    /// answered "Yes: ..."), nor where none of the line's own words is in the answer's wordings
    /// ("does magnesium glycinate cause acne?" finds the answer on safety by its topic alone, and
    /// a "Yes:" there would answer another question).
    /// `verdict` false drops it whatever the line asks.
    private func says(
        of answer: DesignedAnswer, to understanding: Understanding, _ builder: inout AnswerBuilder,
        verdict: Bool = true
    ) -> String {
        var says = paragraph(answer.says, &builder)
        // A byte scan first: Foundation's substring search cost 8 % of answering a batch.
        if Self.holdsABrace(&says), says.contains(Self.usePlaceholder) {
            says = says.replacing(
                Self.usePlaceholder,
                with: askedUse(understanding)?.words.joined(separator: " ") ?? "other conditions")
        }
        if says.hasPrefix("Yes: ") || says.hasPrefix("No: "),
            !verdict || !keepsItsVerdict(answer, understanding)
        {
            Self.dropYesOrNo(&says)
        }
        return says
    }

    /// Where an answer's text names the use asked about (see ``askedUse(_:)``).
    static let usePlaceholder = "{use}"

    /// Whether `text` holds a "{", by `memchr` over its bytes: scanning its UTF-8 view with
    /// `contains` stepped through the view's indices a byte at a time, a fifth of laying out a
    /// reply. (`inout` only because reading a string's bytes in place needs it.)
    static func holdsABrace(_ text: inout String) -> Bool {
        text.withUTF8 { bytes in
            guard let start = bytes.baseAddress else { return false }
            return memchr(start, Int32(UInt8(ascii: "{")), bytes.count) != nil
        }
    }

    /// Whether an answer written as a verdict opens with it for this line (see
    /// ``says(of:to:_:verdict:)``).
    private func keepsItsVerdict(_ answer: DesignedAnswer, _ understanding: Understanding)
        -> Bool
    {
        // A correction keeps its "No:": "which magnesium cures diabetes?" holds a premise to
        // deny, however the question opens.
        answer.asks == "correction"
            || !(asksOnlyAnOpenQuestion(understanding) || saysOnlyAStatement(understanding)
                || !(graph.answerIndex[answer.id].map {
                    understander.answer($0, isWordedLike: understanding)
                } ?? true))
    }

    /// "What's the difference between glycinate and bisglycinate?" is not answered "Yes: ...":
    /// an answer written as a verdict opens on what follows its "Yes:" or "No:" when the
    /// question asked none.
    static func dropYesOrNo(_ text: inout String) {
        for verdict in ["Yes: ", "No: "] where text.hasPrefix(verdict) {
            let rest = text.dropFirst(verdict.count)
            guard let first = rest.first else { return }
            text = first.uppercased() + rest.dropFirst()
            return
        }
    }

    /// Whether an answer is about an amount: written to say how much, or asked in most of its
    /// questions with an amount or "how much".
    private func isWrittenAboutAmounts(_ answer: DesignedAnswer) -> Bool {
        guard answer.asks != "amount" else { return true }
        let aboutAmounts = answer.questions.filter { question in
            let words = Normalizer.words(question)
            return !Amounts.read(words: words).isEmpty
                || zip(words, words.dropFirst()).contains {
                    Self.amountQuestions.contains([$0, $1])
                }
        }
        return aboutAmounts.count * 2 >= answer.questions.count
    }

    /// Whether a clause of the line asks something without the amount or a word standing for it:
    /// "does it make you poop?" besides "I started 400 mg", not "can I use them?" after "her 400
    /// mg tablets" nor "it's 800 mg of the compound, if that changes anything".
    private func asksApartFromTheAmount(_ understanding: Understanding) -> Bool {
        // In a story a question's "that" is seldom the amount told ("is there a type that won't
        // upset me?"): there only a number in the question asks about the amount.
        let isStory = understanding.tokens.count >= Understander.storyLength
        return understanding.clauses.contains { range in
            let clause = understanding.tokens[range]
            return clause.first.map { Self.questionWords.contains($0.text) } == true
                && !clause.contains {
                    $0.isNumber || (!isStory && Self.pronouns.contains($0.text))
                }
        }
    }

    private static let amountQuestions: Set<[String]> = [
        ["how", "much"], ["too", "much"], ["how", "many"], ["upper", "limit"], ["max", "dose"],
    ]

    /// "Is 700 mg too much?": the amount asked about, checked against the limits, read both as elemental magnesium and as the compound's weight, whatever the answer
    /// says. A correction of a premise about an amount ("I'm on 800 mg, that's good, right?")
    /// checks it too. Empty when the line names no amount to check.
    private func amountChecked(
        for answer: DesignedAnswer, _ understanding: Understanding, person: Person,
        into builder: inout AnswerBuilder
    ) -> [String] {
        guard Self.checksAnAmount(answer.asks) || answer.asks == "correction",
            let dose = graph.intent(Self.amountCheckIntent),
            !isAboutAnotherMedicinesAmount(answer, understanding)
        else { return [] }
        addAmountCheck(
            understanding, intent: dose, subjects: understanding.topicIDs, person: person,
            into: &builder)
        return builder.isEmpty ? [] : [builder.text]
    }

    /// "Got quinine pills online, is 600mg at night fine?", "the zinc is 50mg, that's ok right?":
    /// an answer about a medicine or another substance, to a line that names no magnesium, asks
    /// about that one's amount, which is no magnesium to check.
    private func isAboutAnotherMedicinesAmount(
        _ answer: DesignedAnswer, _ understanding: Understanding
    ) -> Bool {
        ["medicine", "substance"].contains(graph.kind(ofTopic: answer.topicID) ?? "")
            && !namesMagnesiumOrAProduct(understanding)
    }

    /// "Can I take it too?" from someone on levothyroxine, "what's a good dose?" from someone with
    /// kidney disease: whether and how to take magnesium depends on their medicine or situation,
    /// so its rule (a medicine's interaction, a group's safety fact) is given when the answer has
    /// none of its own. Once per medicine or situation in a conversation, and not in an answer
    /// already about medicines.
    ///
    /// `kind` is "group" or "medicine": a situation's rule leads the answer, since it decides
    /// whether to take magnesium at all; a medicine's (how far apart to take them) follows it.
    /// `ruled`: ``situationsWithRules(for:topicIDs:people:)``.
    private mutating func situationRules(
        of kind: String, among ruled: [(id: String, kind: String?)], for answer: DesignedAnswer,
        into builder: inout AnswerBuilder, context: inout [String], evenIfGiven: Bool = false
    ) -> [(situation: String, line: String)] {
        var lines: [(situation: String, line: String)] = []
        for (situation, situationKind) in ruled
        where situationKind == kind && (evenIfGiven || !ruleGivenFor.contains(situation)) {
            guard
                let about = Self.ruleAbout[kind],
                let fact = selector.facts(
                    abouts: [about], topics: [situation],
                    person: Person(audience: [situation], age: nil)
                ).first(where: { $0.level == 1 })
            else { continue }
            ruleGivenFor.insert(situation)
            let item = AnswerItem(
                factID: fact.id, text: fact.text, sourceIDs: fact.sourceIDs, grade: fact.grade,
                location: answer.location)
            lines.append((situation, sentence(item, &builder)))
            context.append("for: \(selector.name(situation))")
        }
        return lines
    }

    /// The medicines and situations, with their kinds, whose rule an answer about taking magnesium
    /// may give, in the order of their ids: the person's and the asker's own, while the
    /// conversation is about no one else; none the answer covers, or that an age implies. An answer
    /// about one medicine gives only the rules of the person's other medicines the line names
    /// ("with omeprazole and ciprofloxacin": the antibiotic's spacing beside the answer on the
    /// PPI); one about medicines in general gives none; either gives kidney disease's rule.
    /// Worked out once for both kinds.
    private mutating func situationsWithRules(
        for answer: DesignedAnswer, topicIDs: [String], people: [String],
        namedInTheLine: [String], personAsked: Person
    ) -> [(id: String, kind: String?)] {
        // "How far apart from gabapentin?" with kidney disease: how to space it matters only
        // once the kidney doctor has agreed to magnesium at all, whatever the answer's medicines.
        let kidneys = ReservedID.kidneyDisease
        let kidneyRule: [(id: String, kind: String?)] =
            (people.contains(kidneys) || profile.groups.contains(kidneys))
                && !topicIDs.contains(kidneys)
                && !answer.additions.contains { $0.topicID == kidneys }
                && profile.otherAge == nil && profile.otherPerson == nil
            ? [(kidneys, "group")] : []
        guard topicIDs.first != "medicine-interactions" else { return kidneyRule }
        if topicIDs.contains(where: { graph.kind(ofTopic: $0) == "medicine" }) {
            let covered = topicIDs + answer.additions.map(\.topicID)
            return namedInTheLine.filter {
                (people.contains($0) || profile.medicines.contains($0)
                    || profile.otherMedicines.contains($0))
                    && graph.kind(ofTopic: $0) == "medicine"
                    && !covered.contains($0)
            }.map { ($0, "medicine") } + kidneyRule
        }
        // "Can my 4 year old take it?" from someone on doxycycline: the asker's medicines and
        // situations are not the child's.
        let forAChild =
            personAsked.age.map { $0 < Thresholds.adultAge && $0 != profile.age } ?? false
        let lists =
            forAChild
            ? [people.filter { !profile.medicines.contains($0) && !profile.groups.contains($0) }]
            : profile.otherAge == nil && profile.otherPerson == nil
                ? [people, profile.medicines, profile.groups] : [people]
        let sorted: [(id: String, kind: String?)]
        if let kept = situationsKept, kept.lists == lists {
            sorted = kept.sorted
        } else {
            var situations = Array(lists.joined())
            // Sorted, then each id once: what a set of them sorted gives, without hashing each.
            situations.sort()
            var unique: [(id: String, kind: String?)] = []
            unique.reserveCapacity(situations.count)
            var last: String?
            for situation in situations where situation != last {
                last = situation
                guard !Profile.groupsAnAgeImplies.contains(situation) else { continue }
                unique.append((situation, graph.kind(ofTopic: situation)))
            }
            situationsKept = (lists, unique)
            sorted = unique
        }
        let covered = topicIDs + answer.additions.map(\.topicID)
        return sorted.filter { !covered.contains($0.id) }
    }

    /// Whether a medicine's rule for taking magnesium is a number of hours apart (gabapentin's,
    /// not a PPI's slow lowering of magnesium).
    private func needsHoursApart(_ medicine: String) -> Bool {
        guard let about = Self.ruleAbout["medicine"] else { return false }
        return selector.facts(
            abouts: [about], topics: [medicine], person: Person(audience: [medicine], age: nil)
        ).first(where: { $0.level == 1 })?.text.contains("hour") ?? false
    }

    /// Intents that ask about taking magnesium, whatever kind of answer replies.
    static let takingIntents: Set<String> = ["dose", "safety", "timing", "upper-limit"]
    /// Whether a group has a rule for taking magnesium, as
    /// ``situationRules(of:among:for:into:context:)`` gives one.
    private func hasARule(forGroup group: String) -> Bool { ruleFact(ofGroup: group) != nil }

    /// A group's rule for taking magnesium (kidney disease: not without the kidney doctor), if
    /// it has one.
    func ruleFact(ofGroup group: String) -> Fact? {
        guard let about = Self.ruleAbout["group"] else { return nil }
        return selector.facts(
            abouts: [about], topics: [group], person: Person(audience: [group], age: nil)
        ).first { $0.level == 1 }
    }

    /// Which of a medicine's or a group's facts is its rule for taking magnesium.
    private static let ruleAbout: [String: String] = [
        "medicine": "interactions", "group": "safety",
    ]

    /// "Tell me more" after a designed answer: its next unshown items, or a plain word that there
    /// is no more.
    mutating func designedMore(score: Double) -> Reply? {
        guard var state = designed, let answer = graph.answer(state.answerID) else { return nil }
        var builder = AnswerBuilder()
        let remaining = answer.more.dropFirst(state.moreShown)
        let text: String
        if remaining.isEmpty {
            text =
                "That is all I have on that question. Ask another, or type :sources to see where the answer came from."
        } else {
            let chosen = remaining.prefix(2)
            text = chosen.map { sentence($0, &builder) }.joined(separator: " ")
            state.moreShown += chosen.count
        }
        designed = state
        var reply = Reply(
            question: "", text: text, intent: ReservedID.more, topics: answer.topicIDs,
            confidence: score)
        reply.sourceIDs = builder.sourceIDs
        return reply
    }

    /// "Why?" after a designed answer: the reason behind its first sentence.
    mutating func designedWhy(score: Double) -> Reply? {
        guard var state = designed, let answer = graph.answer(state.answerID) else { return nil }
        var builder = AnswerBuilder()
        let text: String
        if let reason = ruleReasonNotYetGiven(state) {
            text = sentence(reason, &builder)
            state.ruleToExplain = nil
        } else if let why = answer.why, !state.whyShown {
            text = sentence(why, &builder)
            state.whyShown = true
        } else if let next = answer.more.dropFirst(state.moreShown).first {
            text = sentence(next, &builder)
            state.moreShown += 1
        } else {
            text =
                "I have no more reasons to give than what I said; type :sources to see where it came from."
        }
        designed = state
        var reply = Reply(
            question: "", text: text, intent: ReservedID.why, topics: answer.topicIDs,
            confidence: score)
        reply.sourceIDs = builder.sourceIDs
        return reply
    }

    /// "But it's natural", "surely it's fine though", "it's only a supplement": a short line
    /// that pushes against what was said rather than asking something new.
    static func pushesBack(_ understanding: Understanding) -> Bool {
        let words = understanding.tokens.map(\.text)
        guard words.count <= Thresholds.followUpLength, let first = words.first else {
            return false
        }
        let claimsItIsHarmless =
            words.count >= 3 && ["it", "its", "thats"].contains(first)
            && words.dropFirst().prefix(3).contains(where: pushingWords.contains)
        return (first == "but" || first == "surely" || claimsItIsHarmless)
            && !(words.count > 1 && pushQuestionOpeners.contains(words[1]))
    }

    private static let pushingWords: Set<String> = ["only", "just", "natural", "harmless"]
    private static let pushQuestionOpeners: Set<String> = [
        "what", "why", "how", "when", "which", "where", "who", "can", "could", "should", "do",
        "does", "is", "are", "will", "would", "if",
    ]

    /// A push against the last designed answer gets the reason for it, if one is left to give,
    /// or its lead again.
    private mutating func designedPushback(score: Double) -> Reply? {
        guard let state = designed, let answer = graph.answer(state.answerID) else { return nil }
        if ruleReasonNotYetGiven(state) != nil || (answer.why != nil && !state.whyShown) {
            return designedWhy(score: score)
        }
        guard let lead = answer.says.first else { return nil }
        var builder = AnswerBuilder()
        let text = "That still stands. " + sentence(lead, &builder)
        var reply = Reply(
            question: "", text: text, intent: ReservedID.why, topics: answer.topicIDs,
            confidence: score)
        reply.sourceIDs = builder.sourceIDs
        return reply
    }

    /// The reason for the rule that led the last answer, unless that answer already gave it: a
    /// reason given is not given again as "why".
    private func ruleReasonNotYetGiven(_ state: DesignedState) -> AnswerItem? {
        guard let situation = state.ruleToExplain, let reason = reasonForRule(about: situation),
            !(lastReply?.text.contains(reason.text) ?? false)
        else { return nil }
        return reason
    }

    /// Why a situation's rule holds: its level-1 fact on what goes wrong ("magnesium builds up as
    /// kidney function falls") or how.
    private func reasonForRule(about situation: String) -> AnswerItem? {
        selector.facts(
            abouts: Self.reasonAbouts, topics: [situation],
            person: Person(audience: [situation], age: nil)
        )
        .first { $0.level == 1 }
        .map { fact in
            AnswerItem(
                factID: fact.id, text: fact.text, sourceIDs: fact.sourceIDs, grade: fact.grade,
                location: fact.location)
        }
    }

    /// What a fact explaining a rule is about.
    private static let reasonAbouts = ["overdose", "mechanism"]

    static func twoDecimals(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }

    /// An item's text, its grade where the reader should weigh it, and its source numbers.
    func sentence(_ item: AnswerItem, _ builder: inout AnswerBuilder) -> String {
        // Appended into one string of about the right size, not added up in new strings piece by
        // piece.
        var text = ""
        text.reserveCapacity(item.text.utf8.count + Self.roomForGradeAndCitation)
        appendSentence(item, to: &text, &builder)
        return text
    }

    /// The sentences of `items`, one after another, separated by spaces: written into one
    /// string, not made one by one and joined (which copied each sentence twice more).
    private func paragraph(_ items: [AnswerItem], _ builder: inout AnswerBuilder) -> String {
        var text = ""
        text.reserveCapacity(
            items.reduce(0) { $0 + $1.text.utf8.count + Self.roomForGradeAndCitation })
        for (index, item) in items.enumerated() {
            if index > 0 { text += " " }
            appendSentence(item, to: &text, &builder)
        }
        return text
    }

    /// Room for " (evidence: moderate)." and a short citation after a sentence.
    private static let roomForGradeAndCitation = 40

    /// Appends ``sentence(_:_:)`` to `text`.
    private func appendSentence(
        _ item: AnswerItem, to text: inout String, _ builder: inout AnswerBuilder
    ) {
        let citation = builder.cite(item.sourceIDs)
        switch item.grade {
        case .moderate, .weak, .mixed, .none:
            let endsWithStop = item.text.hasSuffix(".")
            // The stop dropped as a slice appended, not a shorter copy made first.
            if endsWithStop {
                text += item.text[..<item.text.utf8.index(before: item.text.utf8.endIndex)]
            } else {
                text += item.text
            }
            text += " (evidence: "
            text += item.grade.word
            text += endsWithStop ? ")." : ")"
        default: text += item.text
        }
        text += " "
        text += citation
    }

}

extension Session {
    /// When the rest of the dialogue would ask back or say the question is outside what it knows,
    /// the closest designed answer, if it fits well enough, answers instead.
    mutating func closestDesignedInstead(
        of reply: Reply, _ understanding: Understanding, context: inout [String]
    ) -> Reply? {
        guard [DialogueIntent.unsure, ReservedID.outOfScope].contains(reply.intent),
            let closest = closestDesigned,
            closest.score >= Thresholds.fallbackAnswerScore,
            let answer = graph.answer(closest.answer),
            understanding.score(of: ReservedID.outOfScope) < closest.score
                || !understanding.topicIDs.isEmpty
        else { return nil }
        pending = nil
        context.append(
            "closest answer instead of \(reply.intent == DialogueIntent.unsure ? "asking back" : "giving up")"
        )
        return self.reply(
            for: answer, score: closest.score, understanding: understanding,
            person: personFor(understanding), context: &context)
    }

    /// The question before answered again for the person just described: by its designed answer,
    /// or, for a child of a known age, by the facts for that age.
    /// `keeping`: groups the line asks about without saying the person is in them ("what about
    /// in pregnancy?"), kept for the answer though the profile does not hold them.
    private mutating func askedAgain(
        _ question: String, describedIn line: Understanding, profileChanges: [String],
        context: inout [String], keeping asked: [String] = []
    ) -> Reply? {
        let again = understander.understand(question)
        context.append("asked again: \(question)")
        var described = personFor(line)
        let someoneElse = profile.otherAge != nil || profile.otherPerson != nil
        if !someoneElse {
            // "Actually I'm not pregnant" names the pregnancy it takes back.
            let held = Set(profile.audience(in: graph))
            described.audience.removeAll {
                !held.contains($0) && !Profile.groupsAnAgeImplies.contains($0)
                    && !asked.contains($0)
            }
        }
        answeringAgainFor = (described, someoneElse)
        groupsAskedFor = asked
        defer { groupsAskedFor = [] }
        defer { answeringAgainFor = nil }
        var reply: Reply
        if let designedAgain = designedReply(again, context: &context) {
            reply = designedAgain
        } else if let intent = again.ranked.first(where: { graph.isContentIntent($0.intent) }),
            intent.score >= Thresholds.confidentScore
        {
            reply = content(
                intent: intent.intent,
                subjects: again.topicIDs.filter { !graph.isAudienceTopic($0) },
                understanding: again,
                confidence: intent.score, context: &context)
        } else {
            return nil
        }
        // "Is magnesium safe for me?", then "I don't take any medicines": what was told changes
        // nothing in the answer, and saying so reads better than the same answer again. A line
        // that asks ("and for my 10-year-old?") gets its answer, the same or not.
        if !profileChanges.isEmpty, !isQuestion(line), let last = lastReply,
            (last.standsFor ?? Self.withoutNote(last)) == reply.text
        {
            let note = Reply.noted(profileChanges)
            var unchanged = Reply(
                question: reply.question, text: note + " That does not change my answer above.",
                intent: reply.intent, topics: reply.topics, confidence: reply.confidence)
            unchanged.profileNote = note
            unchanged.standsFor = reply.text
            return unchanged
        }
        if !profileChanges.isEmpty { reply.note(profileChanges) }
        return reply
    }

    /// A reply's text without the "Noted: ..." line it opens with, when it has one.
    private static func withoutNote(_ reply: Reply) -> String {
        guard let note = reply.profileNote, reply.text.hasPrefix(note + "\n") else {
            return reply.text
        }
        return String(reply.text.dropFirst(note.count + 1))
    }

    /// "Why is it so low?", "why is that so expensive?": a question opening with "why" about
    /// what "it" or "that" stands for.
    static func asksWhyOfWhatWasSaid(_ understanding: Understanding) -> Bool {
        understanding.tokens.first?.text == "why"
            && understanding.tokens.contains { Understander.standInWords.contains($0.text) }
    }

    /// How well a "why" or "more" line must fit an answer of its own not to ask about the last
    /// answer: "why the bis part?" is a question of its own at a loose fit, while "why is it so
    /// low?" points back at what was just said with "it" and needs a clear fit. ("Does that
    /// matter for magnesium?", no "why", asks about a statement.)
    private func ownQuestionScore(_ understanding: Understanding) -> Double {
        Self.asksWhyOfWhatWasSaid(understanding)
            ? Thresholds.clearOnItsOwnScore : Thresholds.ownQuestionAfterAnswerScore
    }

    /// The designed-answer rule of the dialogue: a follow-up to the last designed answer, or a
    /// designed answer to the line (after "Noted: ..." when the line also told us something).
    mutating func designedTurn(
        _ understanding: Understanding, profileChanges: [String], context: inout [String]
    ) -> Reply? {
        if profileChanges.isEmpty, let reply = followUpOfTheLastAnswer(understanding) {
            return reply
        }
        if !profileChanges.isEmpty,
            let reply = answerAfterANewMedicine(
                understanding, profileChanges: profileChanges, context: &context)
        {
            return reply
        }
        switch answerToWhatWasJustTold(
            understanding, profileChanges: profileChanges, context: &context)
        {
        case .decided(let reply): return reply
        case .notThisRule: break
        }
        // "What about in pregnancy?", "any different for pregnant women?" just after an answer
        // that has a sentence for that group: the same question, asked for the group.
        if profileChanges.isEmpty, let last = designed,
            let groups = groupsAskedAbout(understanding),
            let answer = graph.answer(last.answerID),
            answer.additions.contains(where: { groups.contains($0.topicID) })
        {
            context.append(
                "asked for a group: \(groups.map { selector.name($0) }.joined(separator: ", "))")
            return askedAgain(
                last.question, describedIn: understanding, profileChanges: [], context: &context,
                keeping: groups)
        }
        if profileChanges.isEmpty,
            let reply = askedAgainForAMedicinePutRight(
                understanding, context: &context)
        {
            return reply
        }
        guard
            var reply = designedReplyToEachQuestion(understanding, context: &context)
        else { return nil }
        if !profileChanges.isEmpty {
            reply.note(profileChanges)
        }
        return reply
    }

    /// "Sorry, I got that wrong, it's risedronate not alendronic": the medicine put right asks
    /// the last question again, not one of its own words ("weekly"). After a statement ("I've
    /// been put on minocycline"), what the new medicine means is told as for any statement.
    private mutating func askedAgainForAMedicinePutRight(
        _ understanding: Understanding, context: inout [String]
    ) -> Reply? {
        guard let last = designed, lineBefore.map(isQuestion) ?? false,
            putsRightAMedicineHeld(understanding, lastAnswer: last.answerID)
        else { return nil }
        context.append("a medicine put right")
        return askedAgain(
            last.question, describedIn: understanding, profileChanges: [], context: &context)
    }

    /// A line asking nothing that puts right what was said ("sorry, I got that wrong", "I meant")
    /// and names only medicines of the kind the last answer is about: another medicine of that
    /// kind is answered alike. ("It's ciprofloxacin, not doxycycline" names another kind, which
    /// the profile's change answers.)
    private func putsRightAMedicineHeld(_ understanding: Understanding, lastAnswer: String)
        -> Bool
    {
        let words = understanding.tokens.map(\.text)
        guard !isQuestion(understanding),
            words.first == "sorry" || words.contains(where: Self.puttingRightWords.contains),
            let answerTopics = graph.answerIndex[lastAnswer].map({ knowledge.answerTopicIDs[$0] })
        else { return false }
        let medicines = understanding.topicIDs.filter { graph.kind(ofTopic: $0) == "medicine" }
        return !medicines.isEmpty
            && medicines.allSatisfy { profile.medicines.contains($0) && answerTopics.contains($0) }
    }

    private static let puttingRightWords = FilteredWords([
        "wrong", "meant", "mistake", "correction", "typo", "misspoke",
    ])

    /// What a rule of the designed turn came to: the turn's reply (nil: no designed answer at
    /// all), or nothing from this rule (the next one decides).
    private enum TurnOutcome {
        case decided(Reply?)
        case notThisRule
    }

    /// "Why?", "go on", a long "why" about what was just said, or a push against the answer: a
    /// follow-up of the last designed answer, answered from it.
    private mutating func followUpOfTheLastAnswer(_ understanding: Understanding) -> Reply? {
        // "why?", "go on" ask about the last answer; "why the bis part?" is a question of its own
        // when an answer fits it clearly.
        // "And omeprazole" just after "I take levothyroxine" tells something new, not "go on".
        if designed != nil, let intent = understanding.best,
            [ReservedID.more, ReservedID.why].contains(intent.intent),
            intent.score >= Thresholds.confidentScore,
            Self.asksForWhatItsIntentGives(understanding, intent.intent),
            // "tell me more about the studies" names nothing new: still about the last answer.
            understanding.tokens.count <= 5
                || (understanding.topicIDs.isEmpty
                    && understanding.tokens.count <= Thresholds.followUpLength
                    && !understanding.tokens.contains { Self.questionWords.contains($0.text) }),
            understanding.tokens.count <= 2
                || (!Self.isElliptical(understanding)
                    && (understander.rankedAnswers(understanding).first?.score ?? 0)
                        < ownQuestionScore(understanding))
        {
            return intent.intent == ReservedID.more
                ? designedMore(score: intent.score) : designedWhy(score: intent.score)
        }
        // "Why would it work that fast if it isn't even absorbed?" just after the pickle-juice
        // answer: a long "why" about what was just said, fitting no answer clearly of its own,
        // asks for that answer's reason.
        if let last = designed, !last.whyShown,
            graph.answer(last.answerID)?.why != nil, Self.asksWhyOfWhatWasSaid(understanding),
            (understander.rankedAnswers(understanding).first?.score ?? 0)
                < Thresholds.clearOnItsOwnScore
                || Self.asksWhyItMatters(understanding)
                || (understanding.tokens.count <= Self.shortWhyLength
                    && lastAnswerFitsAsWell(understanding, last))
        {
            return designedWhy(score: understanding.score(of: ReservedID.why))
        }
        // "But it's only a supplement" just after "not without your kidney doctor": a push
        // against the answer, which its reason answers, not an answer to another question.
        if designed != nil, Self.pushesBack(understanding),
            (understander.rankedAnswers(understanding).first?.score ?? 0)
                < Thresholds.ownQuestionAfterAnswerScore
        {
            return designedPushback(score: understanding.best?.score ?? 0)
        }
        return nil
    }

    /// "Why does that matter so much?" after the antibiotic's spacing: the last answer fits the
    /// line, read about what is in focus, as well as any other (an answer on what magnesium is
    /// fits "why does it matter?" too), so the line asks about it.
    private func lastAnswerFitsAsWell(_ understanding: Understanding, _ last: DesignedState)
        -> Bool
    {
        let ranked = understander.rankedAnswers(understanding, focus: thingInFocus(understanding))
        guard let best = ranked.first, let place = graph.answerIndex[last.answerID],
            let own = ranked.first(where: { $0.answer == place })
        else { return false }
        return own.score >= best.score - Self.nearTieMargin
    }

    /// "Why does it matter that much?", "why is that so important": a why of what was said that
    /// names nothing else, whatever answer its few words happen to fit.
    static func asksWhyItMatters(_ understanding: Understanding) -> Bool {
        let words = understanding.tokens.map(\.text)
        guard words.first == "why", words.contains(where: mattersWords.contains) else {
            return false
        }
        return words.dropFirst().allSatisfy {
            mattersWords.contains($0) || Understander.standInWords.contains($0)
                || wordsAroundWhyItMatters.contains($0)
        }
    }

    private static let mattersWords: Set<String> = [
        "matter", "matters", "important", "necessary", "needed", "big", "deal",
    ]
    private static let wordsAroundWhyItMatters: Set<String> = [
        "does", "do", "is", "s", "would", "will", "so", "much", "such", "a", "tho", "though",
        "really", "even", "then", "anyway",
    ]

    /// Longer, a "why" says more than "why does that matter?" ("..., it's just a vitamin").
    static let shortWhyLength = 8

    /// A question that also tells of a new medicine ("doc gave me cipro ... problem?").
    private mutating func answerAfterANewMedicine(
        _ understanding: Understanding, profileChanges: [String], context: inout [String]
    ) -> Reply? {
        // A bare "I'm pregnant" is noted, not answered; but "my daughter is 4" just after an answer
        // asks that question again for her.
        // "I take furosemide" is answered for itself: the medicine is the news.
        // "what about my 15 year old?" asks it again too.
        // "I stopped my blood pressure pills because of magnesium" is news and a premise: the
        // correction answers it (below), whatever the profile notes.
        // So is "I'm on dialysis and I've been taking 500mg a day": magnesium already taken by
        // someone it may harm.
        // "Doc gave me cipro ... i take magnesium at night. problem?": the question is the new
        // medicine's. Answered as any question is when that answer is about the medicine (fitting
        // magnesium between doses of it, say), else by what the medicine means for magnesium.
        if isQuestion(understanding), !Self.isElliptical(understanding),
            Self.asksOnlyWhetherItMatters(understanding), !meansToStopAMedicine(understanding),
            !saysMagnesiumIsTakenAtRisk(understanding), !statesAPremiseToCorrect(understanding)
        {
            let medicines = understanding.topicIDs.filter(isProfileMedicine)
            var tried = context
            if let reply = designedReplyToEachQuestion(understanding, context: &tried),
                medicines.isEmpty || reply.topics.contains(where: medicines.contains)
            {
                context = tried
                return reply.noting(profileChanges)
            }
            if let reply = answerOnAMedicineJustNoted(understanding, context: &context) {
                return reply.noting(profileChanges)
            }
        }
        return nil
    }

    /// "And for my son, he's 13" carries on from the line just before, whatever answered it,
    /// unless that line only asked the question before it again for a group ("and
    /// breastfeeding?"): then that question is asked again (nil here).
    private func questionJustBefore(carriedOnBy understanding: Understanding) -> String? {
        guard Self.isElliptical(understanding), let lineBefore, lineBefore.asksSomething,
            !Self.namesOnlyAGroupAgain(lineBefore, graph: graph)
        else { return nil }
        return lineBefore.normalized
    }

    /// A line that tells something and asks nothing new: a medicine of one's own told with what it
    /// means for magnesium, or the question before asked again for someone just described.
    private mutating func answerToWhatWasJustTold(
        _ understanding: Understanding, profileChanges: [String], context: inout [String]
    ) -> TurnOutcome {
        let asksTheSameAgain = Self.asksTheSameAgain(understanding)
        // "And his sister is 6, how much could she have?" asks an amount of its own for her.
        if !profileChanges.isEmpty
            && (!isQuestion(understanding)
                || (Self.isElliptical(understanding)
                    && !Self.kindsAsked(understanding.tokens.map(\.text)).contains("amount"))
                || asksTheSameAgain)
            && !meansToStopAMedicine(understanding) && !saysMagnesiumIsTakenAtRisk(understanding)
            && !statesAPremiseToCorrect(understanding)
            // "I'm 72 and get cramps in my calves every night" is answered as asking what to do
            // about them, for that person; the profile note comes first all the same.
            && !reportsAComplaint(understanding)
        {
            // "The GP gave me ciprofloxacin": a medicine of one's own, just noted, is told with
            // what it means for magnesium, when an answer is written about it.
            if !isQuestion(understanding),
                var reply = answerOnAMedicineJustNoted(understanding, context: &context)
            {
                reply.note(profileChanges)
                // "Could that be connected?" next still asks about the statement itself.
                statementJustMade = StatementMade(text: understanding.normalized, answered: false)
                return .decided(reply)
            }
            let askedJustBefore = questionJustBefore(carriedOnBy: understanding)
            // "I take omeprazole" then "I'm pregnant": the answer before replied to what a
            // statement told about the person, which is no question to ask again.
            let answeredAStatement =
                lineBefore.map {
                    !$0.asksSomething && $0.normalized == designed?.question
                        && lastReply?.profileNote != nil
                } ?? false
            guard let previous = askedJustBefore ?? (answeredAStatement ? nil : designed?.question),
                understanding.tokens.count <= Thresholds.followUpLength || asksTheSameAgain
            else { return .decided(nil) }
            let namesAMedicine = understanding.topicIDs.contains {
                graph.kind(ofTopic: $0) == "medicine"
            }
            if !namesAMedicine
                && !understanding.topicIDs.contains(where: { !graph.isAudienceTopic($0) })
            {
                // "The nurse said my egfr is 40": the group just told is the news, its sentence
                // first.
                return .decided(
                    askedAgain(
                        previous, describedIn: understanding, profileChanges: profileChanges,
                        context: &context,
                        keeping: understanding.topicIDs.filter {
                            graph.kind(ofTopic: $0) == "group"
                                && (profile.groups.contains($0) || profile.otherGroups.contains($0))
                        }))
            }
        }
        return .notThisRule
    }

    /// The groups a short line asks the last question again for: it names groups (pregnancy,
    /// children, older adults) and no other subject, and either carries on from the line before
    /// ("what about in pregnancy?", "and for kids?") or asks whether it is different or the same
    /// for them ("would the answer be different if I were pregnant?"). Nil otherwise.
    func groupsAskedAbout(_ understanding: Understanding) -> [String]? {
        let words = understanding.tokens.map(\.text)
        guard words.count <= Thresholds.followUpLength else { return nil }
        let topics = understanding.topicIDs
        guard !topics.isEmpty, topics.allSatisfy(graph.isAudienceTopic) else { return nil }
        guard
            Self.isElliptical(understanding)
                || words.contains(where: Self.sameOrDifferentWords.contains)
        else { return nil }
        return topics
    }

    /// Words that ask whether something is different or the same for someone.
    static let sameOrDifferentWords: Set<String> = [
        "different", "differ", "difference", "change", "changes", "same", "otherwise",
    ]

    /// "Is that a problem?" shares only "is that" with "why is that?", and "how long apart then"
    /// nothing but its shape with "what then?": a follow-up of three words or more asks for a
    /// reason or for more in words that say so.
    static func asksForWhatItsIntentGives(_ understanding: Understanding, _ intent: String)
        -> Bool
    {
        let words = understanding.tokens.map(\.text)
        guard words.count >= 3 else { return true }
        let cues = intent == ReservedID.why ? reasonWords : moreWords
        return words.contains(where: cues.contains)
            || (intent == ReservedID.why
                && zip(words, words.dropFirst()).contains {
                    $0 == "how" && $1 == "come"
                })
    }

    /// Words that ask for a reason: "why's that?", "what's the reason", "explain that".
    static let reasonWords: Set<String> = [
        "why", "whys", "reason", "reasons", "reasoning", "rationale", "logic", "explain",
        "explanation", "makes", "matter", "matters", "because", "cause", "causes",
    ]
    /// Words that ask for more: "tell me more", "anything else?", "go on", "expand on that".
    static let moreWords: Set<String> = [
        "more", "else", "continue", "go", "carry", "elaborate", "expand", "detail", "details",
        "deeper", "further", "info", "information", "keep", "tell", "rest", "other", "another",
    ]

    /// The answer to "can I take magnesium with it?" for a medicine of the person's that the line
    /// names, if one is written about it: what the medicine means for magnesium, whatever words
    /// the statement tells it in ("I was put on synthroid" is no question of being put on).
    private mutating func answerOnAMedicineJustNoted(
        _ understanding: Understanding, context: inout [String]
    ) -> Reply? {
        let medicines = understanding.topicIDs.filter(isProfileMedicine)
        guard let medicine = medicines.first else { return nil }
        // A statement holds no premise to correct: "No: ..." would answer nothing said.
        func fits(_ entry: RankedAnswer) -> Bool {
            knowledge.answerAsks[entry.answer] != "correction"
                && knowledge.answerTopicIDs[entry.answer].contains(where: medicines.contains)
        }
        // "My legs ache on statins" tells more than the medicine: an answer about the medicine that
        // fits the line itself clearly is what it asks.
        let ranked: [RankedAnswer]
        if let own = understander.rankedAnswers(understanding).first, fits(own),
            own.score >= Thresholds.clearOnItsOwnScore,
            rareWords(of: understanding).contains(where: {
                understander.answer(own.answer, hasWord: $0.key)
            })
        {
            ranked = [own]
        } else {
            ranked = understander.rankedAnswers(
                understander.understand("can i take magnesium with " + selector.name(medicine)))
        }
        guard let best = ranked.first(where: fits), best.score >= Thresholds.designedAnswerScore
        else { return nil }
        return reply(
            for: graph.answers[best.answer], score: best.score, understanding: understanding,
            person: personFor(understanding), context: &context)
    }
}
