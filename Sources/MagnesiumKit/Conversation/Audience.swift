import MagnesiumKnowledge
import MagnesiumUnderstanding

/// Whom an answer is for: the profile, and the groups and ages a question names.
extension Session {
    /// The person an answer is for: profile plus groups and ages named in the question; `context`
    /// says whom.
    func personFor(_ understanding: Understanding, context: inout [String]) -> Person {
        let person = personFor(understanding)
        context += whomFor(person)
        return person
    }

    /// How `:why` says whom an answer is for. Apart from ``personFor(_:)``, since most answers
    /// never say it.
    func whomFor(_ person: Person) -> [String] {
        if answeringAgainFor != nil { return ["answer for: the person just described"] }
        var lines: [String] = []
        if !person.audience.isEmpty || person.age != nil {
            var parts = person.audience.map { selector.name($0) }
            if let age = person.age { parts.append("age \(age)") }
            lines.append("answer for: " + parts.joined(separator: ", "))
        }
        if let sex = person.sex { lines.append("sex: \(sex)") }
        return lines
    }

    /// The person an answer is for: profile plus groups and ages named in the question.
    func personFor(_ understanding: Understanding) -> Person {
        if var described = answeringAgainFor?.person {
            // "Sorry, I'm 25" keeps the sex the question said; someone else's is their own.
            if described.sex == nil, answeringAgainFor?.someoneElse == false {
                described.sex = sexFor(understanding, forOther: false)
            }
            return described
        }
        var audience = profile.audience(in: graph)
        let mentioned = understanding.topicIDs
        let herOwn = asksAboutHerOwnWhileCarryingOrFeeding(understanding)
        // "No kidney problems": a group named only to deny it is not the person's.
        var denied = groupsDenied(understanding)
        if Self.namesPregnancyOnlyAsAProduct(understanding) { denied.append(ReservedID.pregnancy) }
        for id in mentioned
        where graph.isAudienceTopic(id) && !audience.contains(id)
            && !(herOwn && id == ReservedID.children) && !denied.contains(id)
        {
            audience.append(id)
        }
        var age: Int? = profile.age
        var forOther = false
        let questionAge = statedQuestionAge(understanding)
        if let questionAge {
            age = questionAge
            addAgeGroup(of: questionAge, to: &audience)
            // "I'm breastfeeding, can I give my 3 month old drops?": a young child is not
            // pregnant or breastfeeding; that is the asker.
            if questionAge < Thresholds.adultLimitsAge {
                audience.removeAll {
                    $0 == ReservedID.pregnancy || $0 == ReservedID.breastfeeding
                }
            }
        } else if let other = profile.otherAge ?? askedAboutAge, refersToTheOther(understanding) {
            // The answer is for them: the asker's own situation and medicines do not carry over,
            // theirs do. A relative who cannot be that age ("is it safe for my grandma?" after "my
            // 4 year old") is someone else again, of an age not given.
            forOther = true
            audience = mentioned.filter { graph.isAudienceTopic($0) }
            if namesAnotherRelative(understanding, thanOneAged: other) {
                age = nil
            } else {
                age = other
                addAgeGroup(of: other, to: &audience)
                addTheirs(to: &audience, understanding)
            }
        } else if !(profile.otherGroups.isEmpty && profile.otherMedicines.isEmpty),
            pointsAtTheOther(understanding)
        {
            forOther = true
            audience = mentioned.filter { graph.isAudienceTopic($0) }
            age = nil
            addTheirs(to: &audience, understanding)
        }
        return Person(
            audience: audience, age: age, sex: sexFor(understanding, forOther: forOther))
    }

    /// "How much can he have?" after "my son is 6": the other person is meant.
    private func refersToTheOther(_ understanding: Understanding) -> Bool {
        understanding.topicIDs.contains(ReservedID.children)
            || understanding.tokens.contains {
                Self.filteredRelatives.contains($0.text)
                    || Self.filteredThirdPerson.contains($0.text)
            } || carriesOnAboutTheOther(understanding)
    }

    /// "She's 4", then "how much": a few words that name no one and nothing, just after a line
    /// about the one asked for, are still about them ("magnesium needs by age" asks in general).
    private func carriesOnAboutTheOther(_ understanding: Understanding) -> Bool {
        guard understanding.tokens.count <= Self.wordsThatCarryOnAboutTheOther,
            understanding.topicIDs.isEmpty,
            // "And with food?" carries on the question before, not the person.
            !Self.carryingOnWords.union(["or"]).contains(understanding.tokens.first?.text ?? ""),
            !understanding.tokens.contains(where: { Self.ownWords.contains($0.text) }),
            let before = lineBefore
        else { return false }
        return before.tokens.contains {
            Self.filteredRelatives.contains($0.text) || Self.filteredThirdPerson.contains($0.text)
        }
    }

    /// How short a line that carries on about the one asked for is.
    static let wordsThatCarryOnAboutTheOther = 3
    /// Words by which a line is about the asker.
    static let ownWords: Set<String> = ["i", "im", "me", "my", "myself", "mine", "we", "us", "our"]

    /// The groups and medicines said of the one asked for, when the line points at them ("he",
    /// "her", "my dad"); "and children?" after a question about a mum is not about her.
    private func addTheirs(to audience: inout [String], _ understanding: Understanding) {
        guard pointsAtTheOther(understanding) else { return }
        for id in profile.otherGroups + profile.otherMedicines where !audience.contains(id) {
            audience.append(id)
        }
    }

    /// Whether the line points at the one asked for: "he", "her", or the word they were named by
    /// ("my dad"); "my toddler" after a question about a mum points at someone else.
    func pointsAtTheOther(_ understanding: Understanding) -> Bool {
        let named = understanding.tokens.first { Self.filteredRelatives.contains($0.text) }
        if let named { return Self.samePerson(profile.otherPerson, named.text) }
        return understanding.tokens.contains { Self.filteredThirdPerson.contains($0.text) }
    }

    /// Whether the line names a relative of another generation than someone aged `age` (a
    /// grandparent or parent for a child, a child for an adult) and no "he" or "she".
    private func namesAnotherRelative(_ understanding: Understanding, thanOneAged age: Int)
        -> Bool
    {
        // "he" or "she" still means the one known ("once the baby's here and she's
        // breastfeeding?").
        guard !understanding.tokens.contains(where: { Self.filteredThirdPerson.contains($0.text) }),
            let relative = understanding.tokens.first(where: {
                Self.filteredRelatives.contains($0.text)
            })?.text
        else { return false }
        return age < Thresholds.adultAge
            ? Self.adultRelatives.contains(relative) : Self.youngRelatives.contains(relative)
    }

    /// Relatives who are young whoever asks ("son" and "daughter" may be grown up).
    static let youngRelatives: Set<String> = [
        "child", "kid", "baby", "toddler", "infant", "newborn", "children", "kids", "teen",
        "teenager",
    ]

    /// Relatives who are grown up whatever the asker's age.
    static let adultRelatives: Set<String> = [
        "dad", "father", "mum", "mom", "mother", "mam", "husband", "wife", "grandma", "grandmother",
        "grandpa", "grandfather", "grandad", "granny", "nan", "nana", "aunt", "uncle", "parent",
        "parents",
    ]

    /// The group an age puts someone in (children, older adults), when the graph has it.
    private func addAgeGroup(of age: Int, to audience: inout [String]) {
        let group =
            age < Thresholds.adultAge
            ? ReservedID.children : age >= Thresholds.olderAdultAge ? ReservedID.olderAdults : nil
        if let group, graph.hasTopic(group), !audience.contains(group) { audience.append(group) }
    }

    /// While pregnant, "the baby" is the one on the way: "is it safe for the baby?" asks about
    /// magnesium in pregnancy, not about giving it to an infant. Nil when the line says an age or
    /// a birth, or the conversation is about someone else.
    func readingTheBabyAsThePregnancy(_ understanding: Understanding) -> Understanding? {
        let words = understanding.tokens.map(\.text)
        guard profile.groups.contains(ReservedID.pregnancy), profile.otherAge == nil,
            profile.otherPerson == nil, understanding.youngAge == nil,
            words.contains(where: Self.unbornBabyWords.contains),
            !words.contains(where: { Self.bornWords.contains($0) || Int($0) != nil })
        else { return nil }
        let read = words.map { Self.unbornBabyWords.contains($0) ? ReservedID.pregnancy : $0 }
        return understander.understand(read.joined(separator: " "))
    }

    /// While the conversation is about a child, "can he take magnesium?" asks about the child:
    /// the line with "he", "she", "him" and "her" read as "my child". Nil when the conversation is
    /// about no child, or the line names someone (a relative, a child) itself. (Not asked of the
    /// line that first names the child: that line says who is meant.)
    ///
    /// A mother feeding the baby she named ("breastfeeding my 4 month old") asks for herself, so
    /// the baby is no one asked for; "can I give him some too?" still gives it to the baby:
    /// there "him" and "her" read as "my baby".
    func readingThePronounAsTheChild(_ understanding: Understanding) -> Understanding? {
        let pronouns: [String: String]
        if isAboutAChild {
            pronouns = Self.childPronouns
        } else if babyFedInTheConversation, profile.otherPerson == nil {
            pronouns = Self.fedBabyPronouns
        } else {
            return nil
        }
        let words = understanding.tokens.map(\.text)
        guard words.contains(where: { pronouns[$0] != nil }),
            !words.contains(where: Self.relatives.contains)
        else { return nil }
        let read = words.map { pronouns[$0] ?? $0 }
        return understander.understand(read.joined(separator: " "))
    }

    /// Whether the line names a baby its asker feeds or carries ("breastfeeding my 4 month
    /// old"), who stays the one "him" or "her" means in later lines.
    func namesTheBabyFed(_ understanding: Understanding) -> Bool {
        understanding.topicIDs.contains(ReservedID.breastfeeding)
            && (understanding.youngAge.map { $0.years < 1 } == true
                || understanding.tokens.contains { YoungAge.babyWords.contains($0.text) })
    }

    private static let fedBabyPronouns: [String: String] = ["him": "my baby", "her": "my baby"]

    /// Whether the conversation is about someone else who is a child.
    var isAboutAChild: Bool { profile.otherAge.map { $0 < Thresholds.adultAge } ?? false }

    private static let childPronouns: [String: String] = [
        "he": "my child", "she": "my child", "him": "my child", "her": "my child",
        "hes": "my child is", "shes": "my child is",
    ]

    /// "The nurse said my egfr is 40": an eGFR below 60 (mL/min/1.73 m², kept up for 3 months)
    /// is chronic kidney disease, so the line is read as naming kidney disease too, for the
    /// profile and for the answer. Nil when it gives no eGFR below 60 or names kidney disease
    /// already.
    func readingALowEGFRAsKidneyDisease(_ understanding: Understanding) -> Understanding? {
        let words = understanding.tokens.map(\.text)
        guard let at = words.firstIndex(where: { $0 == "egfr" || $0 == "gfr" }),
            !understanding.topicIDs.contains(ReservedID.kidneyDisease),
            let value = words[(at + 1)..<min(words.count, at + 5)].lazy.compactMap({ Double($0) })
                .first,
            value > 0, value < Self.kidneyDiseaseEGFR
        else { return nil }
        return understander.understand(understanding.normalized + " , kidney disease")
    }

    /// The eGFR below which kidney function is reduced enough to count as kidney disease.
    static let kidneyDiseaseEGFR = 60.0

    private static let unbornBabyWords: Set<String> = ["baby", "babies", "bump"]
    /// Words that put a baby after birth: its age, feeding, a newborn.
    private static let bornWords: Set<String> = [
        "born", "newborn", "breastfed", "breastfeeding", "formula", "month", "months", "week",
        "weeks", "old", "infant",
    ]
}
