import MagnesiumKnowledge
import MagnesiumUnderstanding

/// Answers written for one band of people: "a woman aged 31 or over needs 320 mg" is the answer
/// to "how much do I need?" from a 44-year-old woman, where the answer for everyone gives four
/// figures and leaves her to find her own.
extension Session {
    /// Notes the asker's own sex when they say it ("I'm a woman", "as a bloke"): it stays for the
    /// session, as an age does.
    mutating func noteOwnSex(_ understanding: Understanding) {
        let words = understanding.tokens.map(\.text)
        // "I'm a woman", "I am female", "as a bloke"; not "I have a boy of 6".
        for (index, word) in words.enumerated() {
            guard let sex = Self.filteredSexWords[word], index > 0 else { continue }
            var at = words[index - 1] == "a" && index > 1 ? index - 2 : index - 1
            // "I'm 15, a girl": the age may stand between.
            if at > 0, Int(words[at]) != nil { at -= 1 }
            if Self.ownSexOpeners.contains(words[at]) { profile.sex = sex }
        }
    }

    /// The sex of the person an answer is for: said in the line ("and a woman the same age?",
    /// "how much can she have?"), else the relative asked about, else the asker's own.
    func sexFor(_ understanding: Understanding, forOther: Bool) -> String? {
        let words = understanding.tokens.map(\.text)
        if let relative = words.lazy.compactMap({ Self.filteredRelativeSex[$0] }).first {
            return relative
        }
        if let said = Self.sexNamed(in: words) { return said }
        if forOther {
            if let pronoun = words.lazy.compactMap({ Self.filteredPronounSex[$0] }).first {
                return pronoun
            }
            return profile.otherPerson.flatMap { Self.relativeSex[$0] }
        }
        // Pregnancy and breastfeeding say it without a word for it.
        if profile.sex == nil, profile.groups.contains(where: Self.femaleGroups.contains) {
            return "female"
        }
        return profile.sex
    }

    /// The answer of `best`'s family (same topic, same kind of question) written for the band the
    /// person is in, or nil when no band answer fits them better than `best` does. With the age
    /// known the narrowest fitting band wins ("a man of 31 or over" before "a man"); without it,
    /// the widest ("a man").
    ///
    /// "What's my RDA?" asks a definition in words and an amount in intent: a question about
    /// oneself or someone named takes band answers of any kind on the topic.
    func answerForThePerson(
        _ best: DesignedAnswer, person: Person, asksForSomeone: Bool
    ) -> DesignedAnswer? {
        // Nothing known of the person and no band on the answer: nothing to swap, and the fit
        // (a look-up per topic) is not worked out for most questions.
        guard person.age != nil || person.sex != nil || best.ages != nil || best.sex != nil else {
            return nil
        }
        // A follow-up to an answer for the same sex ("and from 31 on?" after men's needs) goes on
        // about that sex.
        let sameSexAsBefore =
            best.sex != nil && designed.flatMap { graph.answer($0.answerID)?.sex } == best.sex
        // An answer for one band given to someone not known to be in it ("how much should I take?"
        // answered for women, with no sex said) is swapped for one that fits, a band-free one
        // included.
        let bestFit = sameSexAsBefore ? 0 : fit(of: best, for: person) ?? -1
        guard person.age != nil || person.sex != nil || bestFit < 0 else { return nil }
        // The family is walked by place in `graph.answers`: copying each answer (a large value)
        // to filter them cost more than the rest of the choice.
        let answers = graph.answers
        // Only a definition asked of a person is an amount for their band: "can my 4 year old take
        // it?" wants the verdict for children, "they said she'll be fine" what to do, before any
        // band's figures.
        let anyKind = asksForSomeone && best.asks == "definition"
        let family = (answersByTopic[best.topicID] ?? []).filter {
            answers[$0].asks == best.asks
                || anyKind && (answers[$0].ages != nil || answers[$0].sex != nil)
        }
        guard family.contains(where: { answers[$0].ages != nil || answers[$0].sex != nil })
        else { return nil }
        // Without the age, an answer for any age is the better fit: the narrowest band would guess.
        func width(_ ages: ClosedRange<Int>?) -> Int {
            let span = ages.map { $0.upperBound - $0.lowerBound } ?? Self.widestBand
            return person.age == nil ? -span : span
        }
        var chosen: (place: Int, fit: Int, width: Int)?
        for place in family {
            guard let fit = fit(of: answers[place], for: person), fit > 0 || bestFit < 0 else {
                continue
            }
            let answerWidth = width(answers[place].ages)
            if let current = chosen,
                current.fit > fit || (current.fit == fit && current.width <= answerWidth)
            {
                continue
            }
            chosen = (place, fit, answerWidth)
        }
        guard let chosen, answers[chosen.place].id != best.id,
            bestFit < chosen.fit || (bestFit == chosen.fit && chosen.width < width(best.ages))
        else { return nil }
        return answers[chosen.place]
    }

    /// A question about oneself or someone named ("what's my RDA?", "what does my wife need?").
    func asksForSomeone(_ understanding: Understanding) -> Bool {
        understanding.tokens.contains {
            $0.text == "my" || $0.text == "i" || Self.filteredRelativeSex[$0.text] != nil
                // "the RDA for a 25 year old man": someone named by sex.
                || Self.sexWords[$0.text] != nil
        }
    }

    /// How closely an answer's band fits the person (each age band, sex and group it names and
    /// the person has), or nil when it names one the person is not in.
    private func fit(of answer: DesignedAnswer, for person: Person) -> Int? {
        var fit = 0
        // An unknown age rules no band out; a known one must be in it.
        if let ages = answer.ages, let age = person.age {
            guard ages.contains(age) else { return nil }
            fit += 2
        }
        if let sex = answer.sex {
            guard sex == person.sex else { return nil }
            fit += 1
        }
        // Children and older adults follow from the age, which the band already says.
        for group in answer.alsoTopicIDs
        where graph.isAudienceTopic(group) && !Profile.groupsAnAgeImplies.contains(group) {
            guard person.audience.contains(group) else { return nil }
            fit += 2
        }
        return fit
    }

    /// An answer for any age spans more years than any band.
    private static let widestBand = 1_000
    /// Situations only a woman is in.
    private static let femaleGroups: Set<String> = [ReservedID.pregnancy, ReservedID.breastfeeding]
    private static let ownSexOpeners: Set<String> = ["im", "am", "as"]

    private static func sexNamed(in words: [String]) -> String? {
        words.lazy.compactMap { filteredSexWords[$0] }.first
    }

    /// The tables below, each searched through a ``WordFilter``: every word of a line is looked
    /// up in them.
    private static let filteredSexWords = FilteredWordTable(sexWords)
    private static let filteredPronounSex = FilteredWordTable(pronounSex)
    static let filteredRelativeSex = FilteredWordTable(relativeSex)

    private static let sexWords: [String: String] = [
        "woman": "female", "women": "female", "female": "female", "lady": "female",
        "girl": "female", "man": "male", "men": "male", "male": "male", "guy": "male",
        "bloke": "male", "boy": "male", "lad": "male",
    ]
    private static let pronounSex: [String: String] = [
        "she": "female", "her": "female", "shes": "female", "he": "male", "him": "male",
        "his": "male", "hes": "male",
    ]
    /// Relatives people ask for, by the sex the word names.
    static let relativeSex: [String: String] = [
        "wife": "female", "mum": "female", "mom": "female", "mother": "female", "mam": "female",
        "grandma": "female", "grandmother": "female", "granny": "female", "nan": "female",
        "nana": "female", "aunt": "female", "sister": "female", "daughter": "female",
        "granddaughter": "female", "girlfriend": "female",
        "husband": "male", "dad": "male", "father": "male", "grandpa": "male",
        "grandfather": "male", "grandad": "male", "uncle": "male", "brother": "male",
        "son": "male", "grandson": "male", "boyfriend": "male", "lad": "male",
    ]
}
