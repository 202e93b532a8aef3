import MagnesiumKnowledge
import MagnesiumUnderstanding

/// "Been on omeprazole for years, can it drain my magnesium?", "can I just take both together at
/// bedtime?" from someone on levothyroxine: the medicine is what the question turns on, and an
/// answer written about it says what matters. By their other words alone such lines fit a general
/// answer better (on diabetes medicines, on the time of day, on combining magnesium forms, which
/// opens "Yes, forms can be combined").
extension Session {
    /// Puts first the best answer written about a medicine the line names, or about one of the
    /// person's medicines when the line asks about taking things together and names nothing else
    /// to take, when the best answer is about neither and that one fits nearly as well.
    func answerAboutTheMedicine(_ ranked: inout [RankedAnswer], _ understanding: Understanding) {
        let named = understanding.topicIDs.filter { graph.kind(ofTopic: $0) == "medicine" }
        let beside = named.isEmpty ? medicinesTakenBeside(understanding) : []
        let medicines = beside.isEmpty ? named : beside
        func about(_ place: Int) -> Bool {
            knowledge.answerTopicIDs[place].contains(where: medicines.contains)
        }
        func writtenFor(_ place: Int) -> Bool { isWritten(forOneOf: medicines, answerAt: place) }
        guard !medicines.isEmpty, let first = ranked.first else { return }
        let firstIsAboutIt = about(first.answer)
        // A correction that names the medicine ("No: never stop your blood pressure tablets for
        // magnesium") stays first.
        if firstIsAboutIt && knowledge.answerAsks[first.answer] == "correction" { return }
        // The general one, which names no medicine, gives way only to an answer written for the
        // medicine that also says not to stop it, and is a correction or answers a complaint the
        // line names ("my statin gives me cramps, should I stop it?": tell the prescriber about
        // the cramps, and do not stop it). "He wants to stop the apixaban" is not answered by a
        // list of medicines that do not clash, nor "I don't need my statin" by statin cramps.
        let correctsInGeneral = first.answer == graph.answerIndex[ReservedID.notInPlaceOfAMedicine]
        let namesAComplaint = understanding.topicIDs.contains {
            !medicines.contains($0) && Self.complaintKinds.contains(graph.kind(ofTopic: $0) ?? "")
        }
        func correctsForTheMedicine(_ place: Int) -> Bool {
            writtenFor(place) && knowledge.answerSaysNotToStop[place]
                && (namesAComplaint || knowledge.answerAsks[place] == "correction")
        }
        if answerTheComplaintAboutTheMedicine(&ranked, understanding, medicines: medicines) {
            return
        }
        // A best answer that only lists the medicine among others ("the same spacing applies to
        // every form", about levothyroxine, tetracyclines and quinolones) gives way to one
        // written for it.
        guard !writtenFor(first.answer) else { return }
        // "I've ordered potassium tablets; I'm on lisinopril and spironolactone": the best answer
        // is written for what the line names besides the medicines, and speaks to them. Not when
        // the line asks how to take magnesium beside the person's medicines: "I take glycinate at
        // night for sleep, how far apart do I need them?" names sleep only as what it is for.
        if beside.isEmpty, let own = knowledge.answerTopicIDs[first.answer].first,
            own != ReservedID.magnesium,
            understanding.topicIDs.contains(own),
            !Self.kindsOfWhatIsTaken.contains(graph.kind(ofTopic: own) ?? "")
        {
            return
        }
        guard
            let index = ranked.prefix(Self.answersLookedAtForTheMedicine).firstIndex(where: {
                (correctsInGeneral
                    ? correctsForTheMedicine($0.answer)
                    : firstIsAboutIt ? writtenFor($0.answer) : about($0.answer))
                    && $0.score >= Thresholds.designedAnswerScore
                    && $0.score >= first.score * Self.shareOfTheBestForTheMedicine
            })
        else { return }
        let chosen = ranked.remove(at: index)
        ranked.insert(
            RankedAnswer(answer: chosen.answer, score: max(chosen.score, first.score)), at: 0)
    }

    /// "On atorvastatin, my legs ache and cramp at night, will magnesium fix this?": what the line
    /// says is wrong (a kind of cramp, a symptom) is what an answer about the medicine must speak
    /// to; one written for the medicine that does beats the best, whether that is written for the
    /// medicine (grapefruit with statins) or for the complaint alone (night cramps in general).
    /// Whether it put one first.
    private func answerTheComplaintAboutTheMedicine(
        _ ranked: inout [RankedAnswer], _ understanding: Understanding, medicines: [String]
    ) -> Bool {
        guard let first = ranked.first else { return false }
        let complaintKinds = Set(
            understanding.topicIDs.compactMap { topic -> String? in
                guard !medicines.contains(topic), let kind = graph.kind(ofTopic: topic),
                    Self.complaintKinds.contains(kind)
                else { return nil }
                return kind
            })
        guard !complaintKinds.isEmpty else { return false }
        func writtenFor(_ place: Int) -> Bool { isWritten(forOneOf: medicines, answerAt: place) }
        func speaksToTheComplaint(_ place: Int) -> Bool {
            knowledge.answerTopicIDs[place].contains {
                graph.kind(ofTopic: $0).map(complaintKinds.contains) ?? false
            }
        }
        guard !(writtenFor(first.answer) && speaksToTheComplaint(first.answer)),
            let index = ranked.prefix(Self.answersLookedAtForTheMedicine).firstIndex(where: {
                writtenFor($0.answer) && speaksToTheComplaint($0.answer)
                    && $0.score >= first.score * Self.shareOfTheBestForTheMedicine
            })
        else { return false }
        let chosen = ranked.remove(at: index)
        ranked.insert(
            RankedAnswer(answer: chosen.answer, score: max(chosen.score, first.score)), at: 0)
        return true
    }

    /// Whether the answer at `place` is written for one of `medicines` (its own topic is one).
    private func isWritten(forOneOf medicines: [String], answerAt place: Int) -> Bool {
        knowledge.answerTopicIDs[place].first.map(medicines.contains) ?? false
    }

    /// Topics of what is taken (magnesium's forms, the product, medicines, foods, groups of
    /// people): an answer written for one of them still gives way to one written for the medicine
    /// ("am I still allowed yoghurt?" on ciprofloxacin asks about the antibiotic, not the
    /// magnesium in yoghurt).
    private static let kindsOfWhatIsTaken: Set<String> = [
        "form", "product", "substance", "medicine", "group", "food",
    ]

    /// "Sorry, it's actually ciprofloxacin not doxy": the medicines said with "not" just before
    /// them in a line that names another medicine without it, which the line sets aside, whether
    /// or not the profile held them.
    func medicinesSaidNotToBeMeant(_ understanding: Understanding) -> Set<String> {
        let words = understanding.tokens.map(\.text)
        let medicines = understanding.mentions.filter {
            graph.kind(ofTopic: $0.topicID) == "medicine"
        }
        guard medicines.count >= 2 else { return [] }
        func saidNot(_ mention: TopicMention) -> Bool {
            words[max(0, mention.range.lowerBound - 2)..<mention.range.lowerBound].contains("not")
        }
        let denied = Set(medicines.filter(saidNot).map(\.topicID))
        // "It's cipro this time, not doxy; the doxy was last year": a medicine said not to be meant
        // is not meant, wherever else the line names it; withdrawn only when another is meant.
        let anotherMeant = medicines.contains { !denied.contains($0.topicID) }
        return anotherMeant ? denied : []
    }

    /// "How far apart?", "when should she take it?": the medicines of whom the line is about,
    /// when it asks about taking magnesium together with them or when to take it; empty
    /// otherwise.
    func medicinesTakenBeside(_ understanding: Understanding) -> [String] {
        guard
            asksAboutTakingThemTogether(understanding) || Self.asksWhenToTakeIt(understanding)
                || Self.asksWhatIsAllowed(understanding)
        else { return [] }
        let taken = pointsAtTheOther(understanding) ? profile.otherMedicines : profile.medicines
        return taken.isEmpty ? medicineTalkedAboutLast(understanding).map { [$0] } ?? [] : taken
    }

    /// "Can I swap my amlodipine for magnesium?", then "ok, what if I take both then?": the
    /// medicine talked about last, though never said to be taken, when the line names nothing
    /// and nothing else taken (a form of magnesium, another supplement) was talked about since.
    /// Nil when the person has said what they take: "them" are then magnesium and those.
    func medicineTalkedAboutLast(_ understanding: Understanding) -> String? {
        guard profile.medicines.isEmpty, profile.otherMedicines.isEmpty,
            understanding.topicIDs.isEmpty,
            understanding.tokens.contains(where: { Self.pairWords.contains($0.text) }),
            let taken = focus.prefix(Self.recentTopicsForTheOtherOfTwo).first(where: {
                Self.takenKinds.contains(graph.kind(ofTopic: $0) ?? "")
            }),
            graph.kind(ofTopic: taken) == "medicine"
        else { return nil }
        return taken
    }

    /// The person's one medicine, when the line asks how far apart to take things ("what gap do
    /// I leave between them?") and names no medicine itself, and the answer best fitting its own
    /// words (`best`) is not about that medicine ("does the form change that gap?" is answered
    /// by one that is); nil otherwise.
    func theOneMedicineToSpaceFrom(_ understanding: Understanding, best: RankedAnswer?)
        -> String?
    {
        let words = understanding.tokens.map(\.text)
        guard Self.asksHowFarApart(words),
            !understanding.topicIDs.contains(where: { graph.kind(ofTopic: $0) == "medicine" }),
            case let beside = medicinesTakenBeside(understanding), beside.count == 1,
            !(best.map { knowledge.answerTopicIDs[$0.answer].contains(beside[0]) } ?? false)
        else { return nil }
        return beside[0]
    }

    /// "Both together", "at the same time", "how far apart", naming nothing to take but
    /// magnesium.
    func asksAboutTakingThemTogether(_ understanding: Understanding) -> Bool {
        let words = understanding.tokens.map(\.text)
        guard
            words.contains(where: Self.togetherWords.contains)
                || Self.contains(["same", "time"], in: words)
                // "so what's the timing with magnesium?", "how far apart should I take them?"
                || Self.asksHowFarApart(words)
                // "How long should I wait?" from someone on an antibiotic; not "how long should I
                // wait for it to work?", which asks when it takes effect.
                || (words.contains("wait") && !words.contains(where: Self.effectWords.contains))
        else { return false }
        // "Citrate and glycinate together", "iron and magnesium together": the things named are
        // what is taken together. One form of magnesium named alone is the magnesium taken ("I
        // take glycinate at night, how far apart do I need them?").
        let named = understanding.topicIDs.filter { $0 != ReservedID.magnesium }
        let substances = named.filter { graph.kind(ofTopic: $0) == "substance" }
        let formsOfMagnesium = named.filter {
            ["form", "product"].contains(graph.kind(ofTopic: $0))
        }
        return substances.isEmpty && formsOfMagnesium.count < 2
    }

    /// "Am I still allowed yoghurt?", "can I still have milk in my tea?" from someone on an
    /// antibiotic: whether the medicine allows it.
    static func asksWhatIsAllowed(_ understanding: Understanding) -> Bool {
        let words = understanding.tokens.map(\.text)
        return words.contains(where: allowingWords.contains)
            || zip(words, words.dropFirst()).contains { $0 == "still" && stillTaking.contains($1) }
    }

    private static let allowingWords = FilteredWords(["allowed", "allow", "permitted"])
    private static let stillTaking: Set<String> = ["have", "eat", "drink", "take", "use"]

    // Filtered: every word of nearly every line is asked about, and few are any of these.
    private static let togetherWords = FilteredWords(["together", "both", "simultaneously"])
    private static let spacingWords = FilteredWords([
        "timing", "gap", "apart", "spacing", "space", "interval", "separate",
    ])
    /// Words that make "between" a time: "how long should I leave between them?", "how many
    /// hours between?". Without one, "the difference between cramps and spasms" spaces nothing.
    private static let timeBetweenWords = FilteredWords([
        "long", "leave", "hour", "hours", "hrs", "wait", "minutes", "time",
    ])

    /// Whether the line asks how far apart to take things.
    private static func asksHowFarApart(_ words: [String]) -> Bool {
        words.contains(where: spacingWords.contains)
            || (words.contains("between") && words.contains(where: timeBetweenWords.contains))
    }
    /// Words of something taking effect.
    private static let effectWords = FilteredWords([
        "work", "works", "working", "worked", "effect", "effects", "results", "kick", "kicks",
        "help", "helps", "helping", "notice", "difference", "improve", "better",
    ])
    /// How far down the ranking the medicine's answer may be found, and how close to the best
    /// it must fit: further down, or fitting much worse, the line asks something else of which
    /// the medicine is only part of the story.
    private static let answersLookedAtForTheMedicine = 10
    /// How many of the topics talked about last "both" may reach back to: further back, the
    /// conversation has moved on.
    private static let recentTopicsForTheOtherOfTwo = 4
    /// Kinds of topic that are something taken.
    private static let takenKinds: Set<String> = ["medicine", "form", "substance", "product"]
    private static let shareOfTheBestForTheMedicine = 0.75
}
