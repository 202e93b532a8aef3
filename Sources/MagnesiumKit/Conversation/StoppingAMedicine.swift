import MagnesiumKnowledge
import MagnesiumText
import MagnesiumUnderstanding

/// "Can I stop my amlodipine if I take magnesium?", "I'd rather use magnesium, can I just quit
/// it?": a line that means to stop or replace a prescribed medicine gets the answer that corrects
/// that premise first, whatever else its words fit. Answered by words alone, "amlodipine" and
/// "blood pressure" fit the answer on spacing blood pressure tablets from magnesium, which opens
/// "Usually, after a pharmacist check" and reads as a yes.
extension Session {
    /// A line meaning to stop a medicine is answered first by the best-ranked answer that opens
    /// by saying not to stop it ("do not stop a prescribed PPI on your own"), else by the general
    /// correction.
    func correctStoppingAMedicine(_ ranked: inout [RankedAnswer], _ understanding: Understanding) {
        guard meansToStopAMedicine(understanding),
            let general = graph.answer(ReservedID.notInPlaceOfAMedicine),
            let generalPlace = graph.answerIndex[general.id]
        else { return }
        let top = ranked.first?.score ?? 0
        // A correction written for one medicine or condition (PPIs, blood pressure tablets)
        // answers only a line naming it; the general one answers the rest.
        let generalTopics = Set(general.topicIDs + [ReservedID.magnesium])
        let named = Set(understanding.topicIDs).subtracting(generalTopics)
        let found = ranked.firstIndex { entry in
            // A correction, not an answer on something else that also says not to stop ("tell
            // the doctor who prescribed it" about cramps from a new medicine).
            knowledge.answerAsks[entry.answer] == "correction"
                && (entry.answer == generalPlace
                    || knowledge.answerTopicIDs[entry.answer].contains(where: named.contains))
                && knowledge.answerSaysNotToStop[entry.answer]
        }
        let correcting: RankedAnswer
        if let found {
            correcting = ranked.remove(at: found)
        } else {
            ranked.removeAll { $0.answer == generalPlace }
            correcting = RankedAnswer(answer: generalPlace, score: 0)
        }
        // Given whatever else fits: the premise is what must be answered, and a tie put back
        // in order must not undo it.
        let score = max(correcting.score, top.nextUp, Thresholds.designedAnswerScore)
        ranked.insert(RankedAnswer(answer: correcting.answer, score: score), at: 0)
    }

    /// "I'm also on propranolol and topiramate, is it ok to add?": an answer that opens by saying
    /// not to stop a medicine answers a premise only a line with a word of stopping, swapping or
    /// preferring has; elsewhere, ranked first, it counts for less (it tied with the answer on
    /// those medicines).
    func setAsideCorrectionsOfAnUnsaidPremise(
        _ ranked: inout [RankedAnswer], _ understanding: Understanding
    ) {
        // Only the first answer matters, and the rest keep their order (ties put in order on
        // purpose among them); the line's words are read only when that answer is such a
        // correction, which few lines' are.
        guard let first = ranked.first, knowledge.answerAsks[first.answer] == "correction",
            knowledge.answerSaysNotToStop[first.answer]
        else { return }
        let words = understanding.tokens.map(\.text)
        guard
            !words.indices.contains(where: { Self.stoppingPhraseLength(words, at: $0) != nil }),
            !words.contains(where: {
                Self.preferringWords.contains($0) || Self.stoppedWords.contains($0)
                    || Self.premiseComparingWords.contains($0)
            })
        else { return }
        var demoted = ranked.removeFirst()
        demoted.score *= Thresholds.correctionOfAnUnsaidPremiseShare
        let place = ranked.firstIndex { RankedOrder.ranksBefore(demoted, $0) } ?? ranked.endIndex
        ranked.insert(demoted, at: place)
    }

    /// "Better than my triptan?", "as good as": a comparison may carry the premise too.
    private static let premiseComparingWords: Set<String> = ["than", "better", "instead", "as"]

    /// Whether the line means to stop, or put magnesium in place of, a medicine: a stopping word
    /// whose object is a medicine ("stop my tablets", "come off lamotrigine", "quit it" after
    /// naming one), or a line naming a medicine that would "rather" or "prefer" something else.
    func meansToStopAMedicine(_ understanding: Understanding) -> Bool {
        let words = understanding.tokens.map(\.text)
        // The wording first: few lines stop or prefer anything, and looking for a medicine in
        // every word costs more.
        let prefers = words.contains(where: Self.preferringWords.contains)
        // "I stopped my blood pressure pills because magnesium lowers it": a medicine already
        // stopped for magnesium is the same premise, acted on. Stopped with no magnesium named, it
        // is only news for the profile.
        let stoppedForMagnesium =
            words.contains(where: Self.stoppedWords.contains) && namesMagnesium(understanding)
        let stops = words.indices.filter {
            Self.stoppingPhraseLength(words, at: $0) != nil
                || (stoppedForMagnesium && Self.stoppedWords.contains(words[$0]))
        }
        // "I already stopped it": "it" may stand for the medicine the line before named last.
        func medicineNamedBefore() -> Bool {
            lineBefore.map { lastNamedIsAMedicine(before: $0.tokens.count, $0) } ?? false
        }
        guard prefers || !stops.isEmpty,
            words.indices.contains(where: { isMedicine(at: $0, understanding) })
                || (words.contains(where: Self.thingPronouns.contains) && medicineNamedBefore())
        else { return false }
        if prefers { return true }
        for start in stops where !Self.saysWhatItIsTakenFor(words, stoppingAt: start) {
            guard
                let length = Self.stoppingPhraseLength(words, at: start)
                    ?? (stoppedForMagnesium ? 1 : nil)
            else { continue }
            var place = start + length
            while place < words.count, Self.objectFillers.contains(words[place]) { place += 1 }
            guard place < words.count else { continue }
            if Self.thingPronouns.contains(words[place]) {
                // "Does the PPI stop it working?": a medicine right before the stopping word is
                // what stops, and "it" is something named before that.
                let subject =
                    start > 0 && isMedicine(at: start - 1, understanding) ? start - 1 : start
                if lastNamedIsAMedicine(before: subject, understanding)
                    || (!namesAnythingTaken(before: start, understanding) && medicineNamedBefore())
                {
                    return true
                }
                continue
            }
            // "stop my blood pressure tablets": the medicine may come a few words on, but not
            // after magnesium ("stop my magnesium tablets").
            for object in place..<min(words.count, place + Self.objectReach) {
                if Self.supplementWords.contains(words[object]) { break }
                if isMedicine(at: object, understanding) { return true }
            }
        }
        return false
    }

    /// Whether the word at `place` names a medicine: a medicine the graph knows, a word for
    /// medicines, or a drug's name by its ending.
    private func isMedicine(at place: Int, _ understanding: Understanding) -> Bool {
        if let mention = understanding.mentions.first(where: { $0.range.contains(place) }) {
            return graph.kind(ofTopic: mention.topicID) == "medicine"
                && mention.topicID != ReservedID.quinine
        }
        let word = understanding.tokens[place].text
        if Self.pillWords.contains(word) {
            // "my tablets", "his blood pressure tablets" are a medicine; "instead of taking
            // tablets" may well be magnesium's own. "Stop the tablets" from someone who has said
            // which medicine they take is that medicine.
            let before = understanding.tokens[..<place].suffix(Self.objectReach).map(\.text)
            return before.contains(where: Self.possessives.contains)
                || (!profile.medicines.isEmpty
                    && before.last.map(Self.determiners.contains) == true)
        }
        return Self.medicineWords.contains(word)
            || (word.count >= 7 && Self.hasADrugNameEnding(word))
    }

    /// Whether a word ends as a class of prescription medicines' names do ("lisinopril",
    /// "atorvastatin", "sertraline").
    static func hasADrugNameEnding(_ word: String) -> Bool {
        drugNameEndings.contains { word.hasSuffix($0) }
    }

    /// Whether "it" before `place` stands for a medicine: the nearest medicine or supplement
    /// named before it is a medicine ("I'm on sertraline, should I stop it", not "I take
    /// magnesium and want to stop it").
    private func lastNamedIsAMedicine(before place: Int, _ understanding: Understanding) -> Bool {
        for earlier in stride(from: place - 1, through: 0, by: -1) {
            if isMedicine(at: earlier, understanding) { return true }
            if Self.supplementWords.contains(understanding.tokens[earlier].text) { return false }
        }
        return false
    }

    /// Whether a medicine or a supplement is named before `place` in the line.
    private func namesAnythingTaken(before place: Int, _ understanding: Understanding) -> Bool {
        (0..<place).contains {
            isMedicine(at: $0, understanding)
                || Self.supplementWords.contains(understanding.tokens[$0].text)
        }
    }

    /// "Can I take Imodium to stop it?": a medicine taken "to stop" something is what stops it,
    /// not what is stopped.
    private static func saysWhatItIsTakenFor(_ words: [String], stoppingAt start: Int) -> Bool {
        start >= 2 && words[start - 1] == "to"
            && words[max(0, start - 5)..<(start - 1)].contains(where: takingVerbs.contains)
    }

    private static let takingVerbs: Set<String> = [
        "take", "taking", "use", "using", "give", "have",
    ]

    /// The number of words of a stopping phrase starting at `start`, or nil.
    private static func stoppingPhraseLength(_ words: [String], at start: Int) -> Int? {
        // Asked at every word of every line: one lookup rules out most words before each phrase
        // is compared.
        guard stoppingFirstWords.contains(words[start]) else { return nil }
        for phrase in stoppingPhrases
        where start + phrase.count <= words.count
            && zip(words[start..<(start + phrase.count)], phrase).allSatisfy({ $0 == $1 })
        {
            return phrase.count
        }
        return nil
    }

    /// Words that tell a medicine was stopped: a premise acted on only when magnesium is named.
    private static let stoppedWords: Set<String> = ["stopped", "ditched", "dropped", "quit"]

    /// Words and phrases that stop or replace what follows them. Not "stopped": "I stopped taking
    /// omeprazole" tells what was done, and the profile notes it.
    private static let stoppingPhrases: [[String]] = [
        ["come", "off"], ["get", "off"], ["go", "off"], ["wean", "off"], ["cut", "out"],
        ["give", "up"], ["instead", "of"], ["rather", "than"], ["in", "place", "of"],
        ["alternative", "to"], ["substitute", "for"], ["not", "need"], ["stop"], ["stopping"],
        ["quit"], ["quitting"], ["ditch"], ["drop"], ["bin"], ["replace"],
        ["replacing"], ["swap"], ["swapping"], ["dont", "need"], ["no", "longer", "need"],
        // "Is magnesium as good as my blood pressure tablets?": set against the medicine, it is
        // meant to stand in for it ("as well as" alone only adds one to the other).
        ["as", "good", "as"], ["better", "than"], ["as", "effective", "as"],
        ["works", "as", "well", "as"], ["work", "as", "well", "as"],
    ]
    private static let stoppingFirstWords = FilteredWords(Set(stoppingPhrases.map { $0[0] }))
    /// "I'd rather use magnesium", "I prefer natural things" in a line naming a medicine.
    private static let preferringWords = FilteredWords(["rather", "prefer"])
    /// Words between a stopping word and its object: "stop taking all my ...".
    private static let objectFillers: Set<String> = [
        "my", "the", "taking", "using", "on", "all", "of", "these", "those", "her", "his",
        "their", "your", "our", "just", "completely", "a", "any",
    ]
    private static let thingPronouns: Set<String> = ["it", "them", "they"]
    /// How many words on a stopping word's object may come, and a pill word's owner before it.
    private static let objectReach = 3
    /// Words for pills, a medicine only when someone's ("my tablets").
    private static let pillWords: Set<String> = ["tablets", "tablet"]
    private static let possessives: Set<String> = ["my", "his", "her", "their", "your", "our"]
    private static let determiners: Set<String> = ["the", "these", "those"]
    private static let supplementWords: Set<String> = [
        "magnesium", "mag", "glycinate", "bisglycinate", "supplement", "supplements", "citrate",
        "oxide",
    ]
    /// Words for a medicine, after the lexicon's synonyms ("meds" reads as "medicine", "pills" as
    /// "tablets").
    private static let medicineWords: Set<String> = [
        "medicine", "medicines", "medication", "medications", "prescription",
        "prescribed", "antidepressant", "antidepressants", "inhaler", "insulin", "statin",
        "statins", "ppi", "ppis",
    ]
    /// Endings of common prescription drug names: ACE inhibitors, sartans, calcium-channel and
    /// beta blockers, statins, PPIs, SSRIs and SNRIs, benzodiazepines, triptans, diuretics,
    /// diabetes and epilepsy medicines, antibiotics, bisphosphonates, painkillers, steroids,
    /// antipsychotics and antifungals.
    private static let drugNameEndings: [String] = [
        "pril", "sartan", "dipine", "olol", "alol", "statin", "prazole", "oxetine", "traline",
        "alopram", "azepam", "azolam", "zolam", "triptan", "semide", "thiazide", "formin",
        "gliptin", "gliflozin", "trigine", "iracetam", "amate", "pentin", "gabalin", "xaparin",
        "farin", "oxaban", "xaban", "thyroxine", "cycline", "floxacin", "mycin", "cillin",
        "tidine", "dronate", "profen", "coxib", "olone", "isone", "pramine", "triptyline",
        "apine", "idone", "conazole", "etamol", "tadine",
    ]
}
