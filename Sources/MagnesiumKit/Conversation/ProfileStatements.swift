import MagnesiumKnowledge
import MagnesiumText
import MagnesiumUnderstanding

/// Reading what a person says about themselves, or about someone they ask for: groups, medicines
/// and ages.
extension Session {
    /// Reads what the person says about themselves; returns the changes in plain words.
    mutating func updateProfile(from understanding: Understanding) -> [String] {
        // "My 12 year old lab gets cramps": an animal's age or medicines are no person's.
        if animalAskedAbout(understanding) != nil { return [] }
        if namesTheBabyFed(understanding) { babyFedInTheConversation = true }
        let words = understanding.tokens.map(\.text)
        // Whom the line is about first: "my dad is 82 and on furosemide" notes the furosemide as
        // his.
        let aboutTheOther = noteOtherPersonsAge(understanding, words: words)
        var changes = noteGroupsAndMedicines(understanding, words: words)
        if changes.isEmpty { changes = noteNoMedicines(understanding, words: words) }
        // "I take levothyroxine", then "and omeprazole": a short line that carries on names what
        // is taken, as the line before said it, for whomever that line said it of.
        if changes.isEmpty, let before = lineBefore, words.count <= 4,
            let first = words.first, Self.carryingOnWords.contains(first),
            understanding.topicIDs.contains(where: { graph.kind(ofTopic: $0) == "medicine" }),
            let taking = before.tokens.firstIndex(where: { Self.takingWords.contains($0.text) })
        {
            // "My dad takes bisoprolol 5mg" then "and furosemide": "my dad takes furosemide".
            let said = before.tokens[...taking].map(\.text) + words.dropFirst()
            let together = understander.understand(said.joined(separator: " "))
            changes = noteGroupsAndMedicines(together, words: together.tokens.map(\.text))
        }
        // "I'm in my fifties": the middle of the decade.
        let decade =
            words.contains(where: ["i", "im"].contains)
            ? AgeWords.decadeAge(words, owners: ["my"]) : nil
        if let age = statedAge(words, own: true) ?? decade, profile.age != age {
            profile.age = age
            changes.append("you are \(age)")
        } else if let impossible = Amounts.impossibleAge(in: words) {
            // "I am -5 years old": named and kept out of the profile, never read as another age.
            changes.append("\(impossible) is not an age I can use, so I have not kept it")
        }
        return aboutTheOther + changes
    }

    /// "I don't take any medicines", "I'm not on any meds", "no medication": the person takes
    /// none, and any noted before are dropped. Only a denial of medicines in general: between the
    /// "not" and the word for medicines stand only words such as "take" and "any", so "I don't
    /// take the magnesium tablets" and "I don't know which medicines" note nothing.
    private mutating func noteNoMedicines(_ understanding: Understanding, words: [String])
        -> [String]
    {
        guard let medicines = words.firstIndex(where: Self.medicinesInGeneral.contains),
            !words.contains("if"),
            !understanding.topicIDs.contains(where: { graph.kind(ofTopic: $0) == "medicine" })
        else { return [] }
        let negations = understander.negationWords
        guard
            let denial = words[..<medicines].lastIndex(where: negations.contains),
            words[(denial + 1)..<medicines].allSatisfy(Self.wordsOfTakingNone.contains)
        else { return [] }
        let bareAnswer = denial == 0 && words.count <= medicines + 2
        guard bareAnswer || words[..<denial].contains(where: Self.firstPersonWords.contains)
        else { return [] }
        profile.medicines.removeAll()
        return ["you take no medicines"]
    }

    private static let medicinesInGeneral: Set<String> = [
        "medicine", "medicines", "medication", "medications", "meds", "drugs", "prescriptions",
        "pills", "tablets",
    ]
    private static let wordsOfTakingNone: Set<String> = [
        "do", "take", "taking", "on", "use", "using", "have", "any", "other", "regular", "daily",
        "prescription", "prescribed", "currently", "really", "need", "am",
    ]

    /// Words that carry a line on from the one before: "and omeprazole", "also metformin".
    static let carryingOnWords: Set<String> = ["and", "also", "plus"]

    /// "I'm pregnant", "I take omeprazole", "I'm not on it any more": groups and medicines said in
    /// the first person, added or removed.
    private mutating func noteGroupsAndMedicines(
        _ understanding: Understanding, words: [String]
    ) -> [String] {
        // "my dad takes quinine" is about the father: "my" alone is first person only when no one
        // else is named.
        let namesSomeoneElse = words.contains(where: Self.filteredRelatives.contains)
        let firstPerson =
            words.contains { Self.firstPersonWords.contains($0) }
            || (!namesSomeoneElse && words.contains("my"))
        var changes: [String] = []
        let negations = understander.negationWords
        // "He" or "she" is the one asked for only once someone is: after "a woman the same
        // age?", "what if she's pregnant?" supposes.
        let namesAnother =
            namesSomeoneElse
            || (Self.relatives.contains(profile.otherPerson ?? "")
                && words.contains(where: { Self.filteredThirdPerson.contains($0) }))
        let relativeNamed = words.first { Self.filteredRelatives.contains($0) }
        var lastTakenMedicineEnd: Int?
        let affirmedTopics = topicsNotDenied(understanding, words: words)
        for mention in understanding.mentions where firstPerson || namesAnother {
            guard let topic = profileTopic(mentioned: mention) else { continue }
            let isMedicine = topic.isMedicine
            let before = words[max(0, mention.range.lowerBound - 4)..<mention.range.lowerBound]
            // "with omeprazole and ciprofloxacin": a medicine listed right after one taken is
            // taken too.
            let listedAfterATakenOne = Self.isListed(
                mention, afterATakenOneEndingAt: lastTakenMedicineEnd, in: words)
            if isMedicine && !listedAfterATakenOne
                && !before.contains(where: { Self.takingWords.contains($0) })
            {
                continue
            }
            if isMedicine { lastTakenMedicineEnd = mention.range.upperBound }
            // "if I were pregnant", "what if I was on spironolactone?" suppose; "pregnant women"
            // are people in general.
            if Self.isSupposedOrGeneral(words, mention.range, wordsBefore: before) { continue }
            if Self.namesAProductAfterTheBirth(words, mention.range) { continue }
            let negated = Self.isDenied(at: mention.range.lowerBound, in: words, by: negations)
            if negated && affirmedTopics.contains(topic.id) { continue }
            let (ofSomeoneElse, ownBeforeAnyoneNamed) = Self.whoseMention(
                mention, topicID: topic.id, in: words, namesAnother: namesAnother,
                relativeNamed: relativeNamed)
            if !ofSomeoneElse && !firstPerson && !ownBeforeAnyoneNamed { continue }
            // "My dad used to take quinine" is his past, not his medicine now.
            if ofSomeoneElse && before.contains("used") { continue }
            if let change = noteMentioned(
                id: topic.id, name: topic.name, isMedicine: isMedicine, negated: negated,
                ofSomeoneElse: ofSomeoneElse, relativeNamed: relativeNamed)
            {
                changes.append(change)
            }
        }
        return changes
    }

    /// "I meant levofloxacin, not cipro": both are quinolones, so the correction keeps the kind of
    /// medicine the line also says is taken. The topics mentioned with no negation just before.
    private func topicsNotDenied(_ understanding: Understanding, words: [String]) -> Set<String> {
        let negations = understander.negationWords
        return Set(
            understanding.mentions.filter { mention in
                !Self.isDenied(at: mention.range.lowerBound, in: words, by: negations)
            }.map(\.topicID))
    }

    /// Whether a negation up to 4 words before `start` denies what is named there: "not
    /// pregnant", "no kidney problems", "not pregnant or breastfeeding"; not past a contrast ("not
    /// pregnant but breastfeeding").
    static func isDenied(at start: Int, in words: [String], by negations: Set<String>) -> Bool {
        for index in stride(from: start - 1, through: max(0, start - 4), by: -1) {
            if contrastWords.contains(words[index]) { return false }
            if negations.contains(words[index]) { return true }
        }
        return false
    }

    private static let contrastWords: Set<String> = [
        "but", "though", "although", "however", "yet", "except", "just", "only",
    ]

    /// The group or medicine a mention names, as the profile notes it; nil for any other topic,
    /// and for children and older adults, said of others more often than of oneself.
    private func profileTopic(mentioned mention: TopicMention) -> (
        id: String, name: String, isMedicine: Bool
    )? {
        guard let topicIndex = graph.topicIndex[mention.topicID] else { return nil }
        let topic = graph.topics[topicIndex]
        let isMedicine = topic.kind == "medicine"
        guard isMedicine || graph.isAudienceTopic(topic.id) else { return nil }
        if topic.id == ReservedID.children || topic.id == ReservedID.olderAdults { return nil }
        return (topic.id, topic.name, isMedicine)
    }

    /// "With omeprazole and ciprofloxacin": a medicine listed right after one taken is taken too.
    private static func isListed(
        _ mention: TopicMention, afterATakenOneEndingAt lastTakenMedicineEnd: Int?,
        in words: [String]
    ) -> Bool {
        guard let end = lastTakenMedicineEnd, end <= mention.range.lowerBound else { return false }
        return words[end..<mention.range.lowerBound].allSatisfy {
            // "on clopidogrel, atorvastatin, bisoprolol and ramipril": a drug name the graph does
            // not know still carries the list on.
            Self.medicineListJoiners.contains($0) || Self.howATakenOneIsTaken.contains($0)
                || $0.first?.isNumber == true || ($0.count >= 7 && Session.hasADrugNameEnding($0))
        }
    }

    /// Whether a group or medicine is said of someone else, and whether a pregnancy is the
    /// asker's though someone else is named after it.
    private static func whoseMention(
        _ mention: TopicMention, topicID: String, in words: [String], namesAnother: Bool,
        relativeNamed: String?
    ) -> (ofSomeoneElse: Bool, ownBeforeAnyoneNamed: Bool) {
        // "For me it's fine, but my dad is 82 and on furosemide": said of whoever was named last
        // before it. A baby is not pregnant or breastfeeding: "once the baby's here and she's
        // breastfeeding" is said of the mother.
        let motherhood = topicID == ReservedID.pregnancy || topicID == ReservedID.breastfeeding
        // Nor is a man or a grandmother: "29 weeks pregnant ... my husband thought something
        // awful had happened. is magnesium ok in pregnancy" is not said of the husband.
        let ofSomeoneElse =
            namesAnother && saidOfSomeoneElse(mention, in: words)
            && !(motherhood
                && (words.contains { childWords.contains($0) }
                    || neverExpecting.contains(
                        whoIsMeant(personNamedBefore(mention, in: words), relativeNamed))))
        // "29 weeks pregnant with my 2nd, ... my husband ...": pregnancy said before anyone else
        // is named, and not of the one named right after it ("pregnant wife"), is the asker's.
        let ownBeforeAnyoneNamed =
            motherhood && !ofSomeoneElse
            && personNamedBefore(mention, in: words) == nil
            && !words[mention.range.upperBound..<min(words.count, mention.range.upperBound + 3)]
                .contains(where: {
                    filteredRelatives.contains($0) || filteredThirdPerson.contains($0)
                })
        return (ofSomeoneElse, ownBeforeAnyoneNamed)
    }

    /// A group or medicine noted in the profile, the asker's or someone else's, and how the reply
    /// says so; nil when the profile already said as much.
    private mutating func noteMentioned(
        id: String, name: String, isMedicine: Bool, negated: Bool, ofSomeoneElse: Bool,
        relativeNamed: String?
    ) -> String? {
        guard ofSomeoneElse else {
            return isMedicine
                ? Self.note(
                    id, negated: negated, in: &profile.medicines,
                    saying: Self.medicineSayings(name, whose: "you", takes: "take"))
                : Self.note(
                    id, negated: negated, in: &profile.groups,
                    saying: Self.groupSayings(name, to: "", added: "you"))
        }
        // "My mum takes digoxin" after a question about a son: someone else now.
        if let relativeNamed, !Self.samePerson(profile.otherPerson, relativeNamed) {
            profile.askingFor(relativeNamed)
        }
        let whose = profile.otherNamed
        return isMedicine
            ? Self.note(
                id, negated: negated, in: &profile.otherMedicines,
                saying: Self.medicineSayings(name, whose: whose, takes: "takes"))
            : Self.note(
                id, negated: negated, in: &profile.otherGroups,
                saying: Self.groupSayings(name, to: " to \(whose)", added: whose))
    }

    /// How a reply says a medicine was added, denied or removed for someone ("you take", "your
    /// dad takes").
    private static func medicineSayings(_ name: String, whose: String, takes: String) -> (
        removed: String, denied: String, added: String
    ) {
        let does = takes == "take" ? "do" : "does"
        return (
            removed: "\(whose) no longer \(takes) \(name)",
            denied: "\(whose) \(does) not take \(name)", added: "\(whose) \(takes) \(name)"
        )
    }

    /// How a reply says a situation was added, denied or removed: "... applies to you", "...
    /// no longer applies to your dad".
    private static func groupSayings(_ name: String, to: String, added whom: String) -> (
        removed: String, denied: String, added: String
    ) {
        (
            removed: "\(name) no longer applies\(to)", denied: "\(name) does not apply\(to)",
            added: "\(name) applies to \(whom)"
        )
    }

    /// Whether the person named last before a mention is someone else ("my dad", "he") rather
    /// than the asker ("I", "me", "my" before no relative): "he has kidney problems, stage 3 i
    /// think" names "he" before the kidneys.
    static func saidOfSomeoneElse(_ mention: TopicMention, in words: [String]) -> Bool {
        personNamedBefore(mention, in: words) != nil
    }

    /// The relative or "he"/"she" named last before a mention, or nil when the asker speaks of
    /// themselves first ("I", "me", "my" before no relative) or no one is named.
    static func personNamedBefore(_ mention: TopicMention, in words: [String]) -> String? {
        for index in stride(from: mention.range.lowerBound - 1, through: 0, by: -1) {
            let word = words[index]
            if filteredRelatives.contains(word) || filteredThirdPerson.contains(word) {
                return word
            }
            if firstPersonWords.contains(word)
                || (word == "my"
                    && !(index + 1 < words.count && filteredRelatives.contains(words[index + 1])))
            {
                return nil
            }
        }
        return nil
    }

    /// The relative a mention is said of: the word found before it, or for "he" or "she" ("my
    /// grandma says baths helped her"), the relative the line names.
    static func whoIsMeant(_ found: String?, _ relativeNamed: String?) -> String {
        guard let found else { return "" }
        return filteredThirdPerson.contains(found) ? relativeNamed ?? found : found
    }

    /// Words for a man or boy, or a grandmother, whom pregnancy and breastfeeding are never said
    /// of ("my nan says tonic water, is that safe in pregnancy?").
    static let neverExpecting: Set<String> = [
        "husband", "dad", "father", "grandpa", "grandfather", "grandad", "uncle", "brother",
        "boyfriend", "lad", "son", "boy", "grandson", "he", "him", "his", "hes", "nan", "nana",
        "granny", "grandma", "grandmother",
    ]

    /// Whether a relative word names the one already asked for: the same word, or two words for
    /// a child ("my 6 year old" is the son named next).
    static func samePerson(_ known: String?, _ named: String) -> Bool {
        guard let known else { return false }
        return known == named || (childWords.contains(known) && childWords.contains(named))
    }

    /// One group or medicine said to apply or not: added to or removed from the profile's list.
    /// Returns what changed in plain words; nil when it was already noted.
    private static func note(
        _ id: String, negated: Bool, in list: inout [String],
        saying words: (removed: String, denied: String, added: String)
    ) -> String? {
        if negated, let index = list.firstIndex(of: id) {
            list.remove(at: index)
            return words.removed
        }
        if negated { return words.denied }
        guard !list.contains(id) else { return nil }
        list.append(id)
        return words.added
    }

    /// "my son is 6", "she's 10", "he's 13 not 3": the age of the person asked for.
    private mutating func noteOtherPersonsAge(
        _ understanding: Understanding, words: [String]
    ) -> [String] {
        var changes: [String] = []
        let statedOther = statedOtherAge(understanding)
        // "And his sister, she's 7" after the son's age: another child, not the son's age put right.
        if statedOther == nil, let (other, at) = anotherChildNamed(words),
            let age = Self.ageSaid(after: at, in: words) ?? restatedOtherAge(words)
        {
            profile.askingFor(other)
            profile.otherAge = age
            changes.append("you are asking for your \(other), aged \(age)")
            return changes
        }
        if profile.otherAge != nil, statedOther == nil,
            let corrected = restatedOtherAge(words), corrected != profile.otherAge
        {
            profile.otherAge = corrected
            profile.otherAgeSpoken = nil
            changes.append("your \(profile.otherPerson ?? "relative") is \(corrected)")
        } else if profile.otherAge == nil, statedOther == nil,
            // A longer line just after the child's age was asked ("How old is your son?" then
            // "he's 11, big for his age"): only then is "he" surely that child.
            words.count <= 6 || justAskedTheChildsAge,
            let age = restatedOtherAge(words),
            let pronoun = words.first(where: Self.filteredThirdPerson.contains)
        {
            // "she's 10" after a question about a child: the age of the person asked about.
            profile.otherAge = age
            profile.otherAgeSpoken = nil
            profile.otherPerson =
                profile.otherPerson ?? (age < Thresholds.adultAge ? "child" : "relative")
            let who = ["he", "him", "his", "hes"].contains(pronoun) ? "he" : "she"
            changes.append("\(who) is \(age)")
        }
        if let (relative, age) = statedOther,
            profile.otherAge != age.years || profile.otherPerson != relative
                || profile.otherAgeSpoken != age.spoken
        {
            if profile.otherPerson != relative { profile.askingFor(relative) }
            profile.otherAge = age.years
            profile.otherAgeSpoken = age.spoken
            changes.append(
                "you are asking for your \(relative), aged \(age.spoken ?? String(age.years))")
        }
        return changes
    }

    /// The child a line names who cannot be the child asked for so far: the sister or brother
    /// of that child ("his sister" is a daughter), or a child of the other sex ("my daughter"
    /// after "my son"), with where the line names them. Nil when no child is being asked for,
    /// or the line names no other.
    private func anotherChildNamed(_ words: [String]) -> (child: String, at: Int)? {
        guard let current = profile.otherPerson, Self.childWords.contains(current) else {
            return nil
        }
        for (index, word) in words.enumerated() {
            if let sibling = Self.siblingAsChild[word], index > 0,
                Self.siblingsOwners.contains(words[index - 1])
            {
                return (sibling, index)
            }
            if let sex = Self.childSex[word], let currentSex = Self.childSex[current],
                sex != currentSex
            {
                return (word, index)
            }
        }
        return nil
    }

    private static let siblingAsChild = ["sister": "daughter", "brother": "son"]
    private static let siblingsOwners: Set<String> = ["his", "her", "their"]
    private static let childSex = [
        "son": "male", "boy": "male", "grandson": "male",
        "daughter": "female", "girl": "female", "granddaughter": "female",
    ]

    // Word lists checked word by word are built once here: an array literal in a loop is built anew
    // each time round.
    private static let firstPersonWords = ["i", "me", "im", "myself", "we"]

    /// "9 weeks postpartum ... still taking my pregnancy multivitamin": a product named for
    /// pregnancy, in a line that says the baby is born, is no pregnancy now.
    private static func namesAProductAfterTheBirth(_ words: [String], _ mention: Range<Int>)
        -> Bool
    {
        mention.upperBound < words.count && productWords.contains(words[mention.upperBound])
            && words.contains(where: afterTheBirthWords.contains)
    }

    /// Whether the line names pregnancy only as a product's after the birth (see
    /// ``namesAProductAfterTheBirth(_:_:)``), so no answer to it is for pregnancy either.
    static func namesPregnancyOnlyAsAProduct(_ understanding: Understanding) -> Bool {
        guard understanding.topicIDs.contains(ReservedID.pregnancy) else { return false }
        let words = understanding.tokens.map(\.text)
        let mentions = understanding.mentions.filter { $0.topicID == ReservedID.pregnancy }
        return !mentions.isEmpty
            && mentions.allSatisfy { namesAProductAfterTheBirth(words, $0.range) }
    }

    private static let productWords: Set<String> = [
        "vitamin", "vitamins", "multivitamin", "multivitamins", "multi", "supplement",
        "supplements", "tablets", "pills",
    ]
    private static let afterTheBirthWords: Set<String> = [
        "postpartum", "postnatal", "breastfeeding", "breastfeed", "breastfed", "nursing",
    ]

    /// A group or medicine named in a supposition ("would it be different if I were pregnant?",
    /// "if I get pregnant", "what if I was on spironolactone?") or of people in general ("a study
    /// in pregnant women"): nothing about the person.
    private static func isSupposedOrGeneral(
        _ words: [String], _ mention: Range<Int>, wordsBefore before: ArraySlice<String>
    ) -> Bool {
        let supposes =
            before.contains("if") && before.contains(where: Self.supposingVerbs.contains)
        // The people may be part of the name ("pregnant women" is one of pregnancy's).
        let general = words[mention.lowerBound..<min(words.count, mention.upperBound + 1)]
            .contains(where: Self.peopleInGeneral.contains)
        return supposes || general
    }

    private static let supposingVerbs: Set<String> = [
        "were", "was", "become", "became", "get", "got", "took", "started", "went",
    ]
    private static let peopleInGeneral: Set<String> = [
        "women", "woman", "mothers", "mums", "moms", "people", "ladies", "patients",
        "mothers-to-be",
    ]
    /// Verbs before a medicine that say the person takes it ("I take", "I'm on", "prescribed").
    private static let takingWords = [
        "take", "takes", "taking", "took", "on", "uses", "use", "using", "prescribed", "started",
        "stopped", "have", "has", "am",
        // "The GP gave me ciprofloxacin", "I've been given alendronate".
        "gave", "given",
        // "I meant digoxin, not doxycycline": a correction names the medicine taken.
        "meant",
    ]
    /// What may stand between two medicines of one list: "omeprazole and ciprofloxacin", "ramipril
    /// plus my amlodipine".
    private static let medicineListJoiners: Set<String> = [
        "and", "or", "plus", "also", "my", "his", "her", "their", "the", "some",
    ]
    /// How much and how often a listed medicine is taken, which carries the list on too:
    /// "alendronic acid 70 mg once a week, furosemide, omeprazole".
    private static let howATakenOneIsTaken: Set<String> = [
        "once", "twice", "a", "day", "daily", "week", "weekly", "month", "monthly", "every",
        "each", "morning", "night", "nightly", "mg", "mcg", "micrograms", "g", "ml", "tablet",
        "tablets", "dose",
    ]
    private static let yearWords = ["year", "years", "yr", "yrs"]
    /// What follows an age that names a person by it: "my 15 year old", "my 12 yo".
    private static let yearsOldWords = [
        ["year", "old"], ["years", "old"], ["yr", "old"], ["yrs", "old"], ["yo"],
    ]
    private static let someoneWords = ["someone", "somebody", "person", "aged", "age"]
    /// Who may be named by an age after "of" ("a man of 40"); not a baby, whose "of 6" is months.
    private static let namedByAge: Set<String> = relatives.subtracting(YoungAge.babyWords).union([
        "man", "woman", "men", "women", "lady", "guy", "person", "adult", "someone", "patient",
    ])
    static let childWords: Set<String> = [
        "son", "daughter", "child", "kid", "boy", "girl", "baby", "toddler", "grandson",
        "granddaughter", "children", "kids", "teen", "teenager", "infant", "newborn",
    ]
    /// People someone asks on behalf of.
    static let relatives: Set<String> = childWords.union([
        "dad", "father", "mum", "mom", "mother", "mam", "husband", "wife", "partner", "grandma",
        "grandmother", "grandpa",
        "grandfather", "grandad", "granny", "nan", "nana", "aunt", "uncle", "brother", "sister",
        "friend", "parent", "parents", "lad", "boyfriend", "girlfriend",
    ])
    static let thirdPerson: Set<String> = ["he", "she", "him", "her", "his", "hes", "shes"]
    /// ``relatives`` and ``thirdPerson`` searched through a ``WordFilter``, for the checks of
    /// every word of a line.
    static let filteredRelatives = FilteredWords(relatives)
    static let filteredThirdPerson = FilteredWords(thirdPerson)
    static let filteredBabyWords = FilteredWords(YoungAge.babyWords)
    /// "my baby", "our newborn", "a baby", "for the baby": words before a baby that make it one
    /// the line is about.
    private static let babyOwnerWords = ["my", "our", "a", "for"]
    /// "stage 4 kidney disease", "type 2 diabetes", "week 30": a number its word before names as
    /// something other than an age.
    private static func isLabelled(_ index: Int, in words: [String]) -> Bool {
        index > 0 && numberLabels.contains(words[index - 1])
    }

    private static let numberLabels: Set<String> = [
        "stage", "type", "grade", "level", "step", "phase", "class", "week", "day", "number",
        "size", "page", "vitamin", "omega",
        // A vitamin's letter ("adcal-d3", "k2", "b12" as the normaliser splits them); never "a".
        "b", "c", "d", "e", "k",
    ]

    /// "In his forties": words that give someone else's age by decade.
    private static let othersOwners: Set<String> = ["his", "her", "their"]

    /// Verbs a number after which counts what was eaten or taken.
    private static let countingVerbs: Set<String> = [
        "ate", "eaten", "eats", "had", "has", "took", "taken", "takes", "swallowed", "chewed",
        "drank", "drunk",
    ]

    private static let notAges: Set<String> = [
        "mg", "g", "mcg", "ml", "milligram", "milligrams", "gram", "grams", "mmol", "percent",
        "tablets", "tablet", "capsules", "capsule", "pills", "times", "hours", "hour", "minutes",
        "days", "weeks", "months", "am", "pm", "oz", "cup", "cups",
        // "on dialysis 3x a week": "x" after a number counts times.
        "x",
        // a weight or a height: "my wife who is like 55kg"
        "kg", "kgs", "kilo", "kilos", "kilogram", "kilograms", "lb", "lbs", "pound", "pounds",
        "stone", "st", "cm", "ft", "feet", "foot", "inches",
        // the heat or a distance: "ran a half marathon today, 29 degrees", "did 13 miles"
        "degrees", "degree", "celsius", "fahrenheit", "km", "k", "miles", "mile",
        "mins", "min", "secs", "seconds",
    ]

    /// "I'm 72", "I am 45 years old".
    private func statedAge(_ words: [String], own: Bool) -> Int? {
        for (index, word) in words.enumerated() {
            guard let value = AgeWords.number(word), (0...120).contains(value),
                !Self.isLabelled(index, in: words)
            else { continue }
            let before = words[max(0, index - 3)..<index]
            let after = words[(index + 1)..<min(words.count, index + 4)]
            if let unit = after.first, Self.notAges.contains(unit) { continue }
            // "I'm 5'5": a height, feet then inches, is two numbers in a row.
            if let next = after.first, AgeWords.number(next) != nil { continue }
            // "I'm 15, a girl": a word after "a" describes the speaker, not someone else.
            let aboutSomeoneElse =
                before.contains(where: Self.relatives.contains)
                || after.indices.contains { position in
                    Self.relatives.contains(words[position])
                        && !(position > 0 && words[position - 1] == "a")
                }
            if !aboutSomeoneElse
                && (Array(before.suffix(2)) == ["i", "am"] || before.last == "im"
                    || (before.contains("i") && after.starts(with: ["years", "old"])))
            {
                return value
            }
        }
        return nil
    }

    /// Whether the reply before asked how old the child asked about is
    /// (``askTheChildsAge(_:person:_:)``).
    private var justAskedTheChildsAge: Bool {
        lastReply.map {
            $0.intent == DialogueIntent.unsure && $0.topics == [ReservedID.children]
        } ?? false
    }

    /// "he's 13 not 3", "she is 7": a new age for the person already asked about (the first
    /// number). Only words that say an age may stand between: "he ate like 15 of them" gives a
    /// count, not an age.
    private func restatedOtherAge(_ words: [String]) -> Int? {
        for (index, word) in words.enumerated() where Self.filteredThirdPerson.contains(word) {
            if let age = Self.ageSaid(after: index, in: words) { return age }
        }
        return nil
    }

    /// The age said of the person named at `index`: "he is 7", "his sister's 6".
    private static func ageSaid(after index: Int, in words: [String]) -> Int? {
        for (offset, candidate) in words[(index + 1)..<min(words.count, index + 4)].enumerated() {
            if let value = Int(candidate), (0...120).contains(value) {
                let after = index + 1 + offset + 1
                guard after >= words.count || !countedWords.contains(words[after]) else {
                    return nil
                }
                return value
            }
            guard wordsBeforeAnAge.contains(candidate) else { break }
        }
        return nil
    }

    /// Words that may stand between "he" or "she" and an age: "he is 7", "she's only 10", "he just
    /// turned 13".
    private static let wordsBeforeAnAge: Set<String> = [
        "is", "s", "was", "turned", "turns", "just", "only", "actually", "now", "aged", "nearly",
        "almost",
    ]
    /// Words after a number that make it a count or an amount: "15 of them", "3 tablets".
    private static let countedWords: Set<String> = [
        "of", "tablets", "tablet", "pills", "pill", "capsules", "capsule", "caps", "gummies", "mg",
        "times", "hours", "minutes", "mins", "days", "weeks",
    ]

    /// "my dad has type 2 diabetes and is 70": an age said of a relative named earlier in the line,
    /// however far back, when "is" or "turned" comes straight before it and nothing measured ("his
    /// level is 70") stands between.
    private static func relativeSaidToBe(_ value: Int, at index: Int, in words: [String])
        -> String?
    {
        guard index > 0, Self.sayingAnAge.contains(words[index - 1]) else { return nil }
        let before = words[..<(index - 1)]
        guard !before.contains(where: Self.measuredWords.contains),
            let position = before.lastIndex(where: Self.relatives.contains),
            position > 0, ["my", "our"].contains(words[position - 1])
        else { return nil }
        return words[position]
    }

    /// "my dad's egfr is 45", "her level was 0.6": the number is what was measured.
    private static func givesAMeasure(at index: Int, in words: [String]) -> Bool {
        index > 1 && ["is", "was", "s"].contains(words[index - 1])
            && words[max(0, index - 4)..<(index - 1)].contains(where: Self.measuredWords.contains)
    }

    private static let sayingAnAge: Set<String> = ["is", "turned", "turns", "aged"]
    /// Words whose value an "is" after them gives instead of an age.
    private static let measuredWords: Set<String> = [
        "level", "levels", "dose", "reading", "result", "score", "count", "weight", "pressure",
        "sugar", "egfr", "gfr", "number", "temperature",
    ]

    /// An age in whole years, with the words it was said in when they were not years.
    struct StatedAge: Equatable {
        var years: Int
        var spoken: String?
    }

    /// A baby named without a number ("my newborn", "our baby"), unless the line is about pregnancy
    /// or breastfeeding, where "my baby" is the asker's own situation.
    private func unnumberedBaby(_ understanding: Understanding) -> String? {
        if understanding.topicIDs.contains(where: {
            $0 == ReservedID.pregnancy || $0 == ReservedID.breastfeeding
        }) {
            return nil
        }
        // The tokens read in place: asked of every line, and few name a baby at all.
        let tokens = understanding.tokens
        for index in tokens.indices where Self.filteredBabyWords.contains(tokens[index].text) {
            let before = tokens[max(0, index - 3)..<index]
            if before.contains(where: { Self.babyOwnerWords.contains($0.text) }) {
                let word = tokens[index].text
                return word.hasSuffix("s") ? String(word.dropLast()) : word
            }
        }
        return nil
    }

    /// "my son is 6", "my 6 year old", "my dad is 85", "for my son, he's 8", "my 3 month old
    /// daughter", "my newborn": who and how old.
    private func statedOtherAge(_ understanding: Understanding) -> (String, StatedAge)? {
        let words = understanding.tokens.map(\.text)
        for (index, word) in words.enumerated() {
            guard let value = AgeWords.number(word), (0...120).contains(value),
                !Self.isLabelled(index, in: words)
            else { continue }
            let young = YoungAge.at(index, in: words).map {
                StatedAge(years: $0.years, spoken: $0.spoken)
            }
            // "my wife took two of her pills", "my husband is 100 kg"
            if young == nil, index + 1 < words.count,
                Self.notAges.contains(words[index + 1])
                    || Self.countedWords.contains(words[index + 1])
            {
                continue
            }
            // "my toddler ate 4 or 5 of them", "my son had 3 bananas": a count.
            if young == nil, index > 0, Self.countingVerbs.contains(words[index - 1]) { continue }
            if young == nil, let relative = Self.relativeSaidToBe(value, at: index, in: words) {
                return (relative, StatedAge(years: value))
            }
            if Self.givesAMeasure(at: index, in: words) { continue }
            // "my 15 year old", "my 12 yo son": the age names the person, whoever the line
            // named before ("my husband's tablets ... my 2 year old").
            if index > 0, ["my", "our"].contains(words[index - 1]),
                let yearsOld = Self.yearsOldWords.first(where: words[(index + 1)...].starts(with:))
            {
                let after = min(words.count, index + 1 + yearsOld.count)
                let named = words[after..<min(words.count, after + 2)].first(
                    where: Self.relatives.contains)
                let person = named ?? (value < Thresholds.adultAge ? "child" : "relative")
                return (person, young ?? StatedAge(years: value))
            }
            let window = words[max(0, index - 5)..<min(words.count, index + 4)]
            guard window.contains("my") || window.contains("our") else { continue }
            if let relative = window.first(where: Self.relatives.contains) {
                return (relative, young ?? StatedAge(years: value))
            }
        }
        let owned = understanding.tokens.contains(where: { $0.text == "my" || $0.text == "our" })
        if let young = understanding.youngAge, owned,
            let relative = words.first(where: {
                Self.relatives.contains($0) && !YoungAge.babyWords.contains($0)
            }) ?? unnumberedBaby(understanding)
        {
            return (relative, StatedAge(years: young.years, spoken: young.spoken))
        }
        if owned, let baby = unnumberedBaby(understanding) {
            return (baby, StatedAge(years: 0, spoken: "under 1 year"))
        }
        return nil
    }

    /// An age asked about in this line: "for a 6 year old", "a 6-year-old", "someone 75", "aged
    /// 80", "a 3 month old", "for a newborn" (under one year: 0).
    func statedQuestionAge(_ understanding: Understanding) -> Int? {
        guard let age = ageSaid(understanding) ?? bareAgeAskedAfter(understanding) else {
            return nil
        }
        // "Breastfeeding my 3 month old, is it ok to take glycinate?": the baby is why she asks;
        // she is the one who takes it, unless the line gives it to the baby.
        if age < 2, asksAboutHerOwnWhileCarryingOrFeeding(understanding) { return nil }
        return age
    }

    /// "Breastfeeding my 3 month old, can I keep taking my glycinate?": pregnancy or
    /// breastfeeding named, something taken and nothing given, so the baby is why she asks, not
    /// whom the answer is for.
    func asksAboutHerOwnWhileCarryingOrFeeding(_ understanding: Understanding) -> Bool {
        understanding.topicIDs.contains(where: {
            $0 == ReservedID.breastfeeding || $0 == ReservedID.pregnancy
        })
            && !understanding.tokens.contains(where: { Self.givingWords.contains($0.text) })
            && understanding.tokens.contains(where: { Self.takingItWords.contains($0.text) })
    }

    private static let givingWords: Set<String> = ["give", "giving", "gave", "drops"]
    private static let takingItWords: Set<String> = ["take", "taking", "use", "using"]

    /// "And at 16?", "what about 9": a child's age alone, asked again of an answer given for an
    /// age, is another age. Only when an age is already in play and the line holds nothing else,
    /// so "can I take it at 10?" is a time of day.
    private func bareAgeAskedAfter(_ understanding: Understanding) -> Int? {
        guard profile.age != nil || profile.otherAge != nil || askedAboutAge != nil else {
            return nil
        }
        return Self.bareChildsAge(understanding)
    }

    /// The number of "and at 16?", "what about 9": a child's age with nothing else said.
    static func bareChildsAge(_ understanding: Understanding) -> Int? {
        var words = understanding.tokens.map(\.text)[...]
        while let first = words.first, askingAgainWords.contains(first) {
            words = words.dropFirst()
        }
        while let last = words.last, askingAgainEndings.contains(last) {
            words = words.dropLast()
        }
        guard words.count == 1, let value = AgeWords.number(words[words.startIndex]),
            (1..<Thresholds.adultAge).contains(value)
        else { return nil }
        return value
    }

    /// Words that may come before the number of "and at 16?", "what about for a 9?".
    private static let askingAgainWords: Set<String> = [
        "and", "or", "what", "about", "how", "at", "for", "age", "aged", "if", "they", "he", "she",
        "were", "was", "is", "are",
    ]
    /// Words that may come after it: "and 14 then?", "at 12 though".
    private static let askingAgainEndings: Set<String> = ["then", "though", "instead", "now"]

    /// The age the line says, of whomever it names.
    private func ageSaid(_ understanding: Understanding) -> Int? {
        let words = understanding.tokens.map(\.text)
        for (index, word) in words.enumerated() {
            guard let value = AgeWords.number(word), (0...120).contains(value),
                !Self.isLabelled(index, in: words)
            else { continue }
            if let young = YoungAge.at(index, in: words) { return young.years }
            let next = index + 1 < words.count ? words[index + 1] : ""
            let previous = index > 0 ? words[index - 1] : ""
            let afterNext = index + 2 < words.count ? words[index + 2] : ""
            // "a 6 year old", "6yo", "someone 75", "aged 80"; not "for 2 years" (a duration).
            let yearsOld = Self.yearWords.contains(next) && afterNext == "old"
            // "A woman of 28", "a girl of 12": a person named by their age.
            let personOfAge =
                previous == "of" && index >= 2 && Self.namedByAge.contains(words[index - 2])
            if yearsOld || next == "yo"
                || (Self.someoneWords.contains(previous) || personOfAge)
                    && !Self.notAges.contains(next)
            {
                return value
            }
        }
        if let young = understanding.youngAge { return young.years }
        if let decade = AgeWords.decadeAge(words, owners: Self.othersOwners) {
            return decade
        }
        return unnumberedBaby(understanding) == nil ? nil : 0
    }

}
