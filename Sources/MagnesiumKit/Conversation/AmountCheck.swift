import MagnesiumKnowledge
import MagnesiumText
import MagnesiumUnderstanding

/// An amount named in a question, checked against the limits.
extension Session {
    /// Amounts named in the question ("700mg", "0.5 g", "1e3 mg", "-700 mg"), in order (read by
    /// ``Amounts``).
    /// The amounts of magnesium the line names: not "3 g glycine" or "50 mg of zinc", which
    /// measure something else.
    func amounts(in understanding: Understanding) -> [Amount] {
        Self.amountsRead(understanding.tokens).filter { !measuresSomethingElse($0, understanding) }
    }

    /// The places of the amounts in a line that names only amounts of something other than
    /// magnesium ("vitamin c, i take 1000mg for colds"): scored as words, "1000mg" found the
    /// answers on 1,000 mg of magnesium. Beside magnesium's own amount ("malic acid 800mg plus
    /// magnesium 200mg, is that a lot?") they are part of a label being read, and stay.
    func placesOfOtherAmounts(_ understanding: Understanding) -> Set<Int> {
        let read = Self.amountsRead(understanding.tokens)
        let others = read.filter { measuresSomethingElse($0, understanding) }
        guard others.count == read.count else { return [] }
        return Set(others.flatMap { [$0.wordIndex, $0.wordIndex + 1] })
    }

    /// "600?? Is that safe? I thought the max was 350" after a reply giving 600 mg: a number that
    /// opens the line with no unit is the amount of the reply before, read as such; nil otherwise.
    func readingABareNumberAsTheAmountJustGiven(_ understanding: Understanding) -> Understanding? {
        let words = understanding.tokens.map(\.text)
        guard let first = understanding.tokens.first, first.isNumber,
            words.count == 1 || !Amounts.isMassUnit(words[1]),
            Self.amountsRead(understanding.tokens).isEmpty,
            let before = lastReply?.text, before.contains(first.text + " mg")
        else { return nil }
        return understander.understand(
            ([first.text, "mg"] + words.dropFirst()).joined(separator: " "))
    }

    /// What ``Amounts/read(_:)`` reads in `tokens`, read only when a word before the last may be
    /// a number (an amount is a number and the unit after it): most lines name none, and reading
    /// copies out every word, for each of the several steps of a turn that asks.
    static func amountsRead(_ tokens: [Token]) -> [Amount] {
        mayNameANumber(tokens.dropLast()) ? Amounts.read(tokens) : []
    }

    /// Whether a word may be a number, by its first byte alone: a sign, a digit, or the start of a
    /// character outside ASCII (which may be a digit of another script). Every number starts so
    /// (``Token/isNumber``); reading a whole token costs ten times as much.
    static func mayNameANumber(_ tokens: ArraySlice<Token>) -> Bool {
        tokens.contains { token in
            guard let first = token.text.utf8.first else { return false }
            return first == UInt8(ascii: "-") || (0x30...0x39).contains(first) || first >= 0x80
        }
    }

    /// "100 mg of zinc", "omeprazole 20mg": the amount of something other than magnesium, named
    /// right after it or, for a medicine, right before it ("levothyroxine 100mcg").
    private func measuresSomethingElse(_ amount: Amount, _ understanding: Understanding) -> Bool {
        if let said = measuresSomethingElseByWhatIsNamedNextToIt(amount, understanding) {
            return said
        }
        // "2 mg of manganese", "manganese 2mg", "malic acid 1200mg": another nutrient no topic
        // names, right after the unit or right before the number.
        var after = amount.wordIndex + 2
        // "of", and the "l" of "l-theanine" as the normaliser splits it, come before the name.
        while after < understanding.tokens.count,
            ["of", "l"].contains(understanding.tokens[after].text)
        {
            after += 1
        }
        if after < understanding.tokens.count,
            Self.otherNutrients.contains(understanding.tokens[after].text)
        {
            return true
        }
        // "About 300mg from food": the limits are on supplements and medicines, and food does
        // not count toward them.
        let next = understanding.tokens[(amount.wordIndex + 2)...].prefix(4).map(\.text)
        if let from = next.firstIndex(where: { ["from", "in", "through", "via"].contains($0) }),
            from - next.startIndex <= 1,
            next[(from + 1)...].prefix(2).contains(where: Self.foodWords.contains)
        {
            return true
        }
        // "The melatonin I got off Amazon, it's 10mg": with no magnesium named, an amount after
        // another supplement is that supplement's.
        if !namesMagnesiumOrAProduct(understanding),
            understanding.tokens[..<amount.wordIndex].contains(where: {
                Self.otherNutrients.contains($0.text) || Self.otherThingsTaken.contains($0.text)
            })
        {
            return true
        }
        // "Potassium tablets (99mg)": the name comes before the word for what it comes as.
        var nameEnd = amount.wordIndex
        if nameEnd >= 2, case let unit = understanding.tokens[nameEnd - 1].text,
            Self.servingUnits[unit] != nil || Self.otherWordsForWhatIsTaken.contains(unit)
        {
            nameEnd -= 1
        }
        guard
            let before = understanding.mentions.first(where: { $0.range.upperBound == nameEnd })?
                .topicID
        else {
            // "Sertraline 50mg", "metformin 500 mg": a medicine no topic names, told by its stem.
            guard nameEnd > 0 else { return false }
            let word = understanding.tokens[nameEnd - 1].text
            return Self.namesAMedicine(word) || Self.otherNutrients.contains(word)
        }
        return graph.kind(ofTopic: before) == "medicine"
            || (graph.kind(ofTopic: before) == "substance" && before != ReservedID.magnesium)
            || Self.otherNutrients.contains(understanding.tokens[nameEnd - 1].text)
    }

    /// "Magnesium 450mg zinc 30mg b6 10.5mg": in a label's list the name before an amount is its
    /// own, and the one after it belongs to the next amount; "b6", read as "b 6", is a vitamin's
    /// letter and number. False for magnesium's amount, true for a vitamin's, nil otherwise.
    private func saidInALabelsList(_ amount: Amount, _ understanding: Understanding) -> Bool? {
        if understanding.mentions.contains(where: {
            $0.range.upperBound == amount.wordIndex && $0.topicID == ReservedID.magnesium
        }) {
            return false
        }
        let tokens = understanding.tokens
        if amount.wordIndex >= 2, tokens[amount.wordIndex - 1].isNumber,
            Self.vitaminLetters.contains(tokens[amount.wordIndex - 2].text)
        {
            return true
        }
        return nil
    }

    /// What a name right beside an amount says it measures: another substance or a vitamin
    /// after it, or magnesium before or after it as the line's list puts names; nil when that
    /// does not settle it.
    private func measuresSomethingElseByWhatIsNamedNextToIt(
        _ amount: Amount, _ understanding: Understanding
    ) -> Bool? {
        // "30mg zinc 450mg magnesium 10.5mg b6": a list that names each thing after its amount
        // names magnesium's after it too, whatever ends just before it ("zinc", the last one's,
        // or "magnesium" before "10.5mg b6").
        let namesFollow = namesFollowAmounts(understanding)
        if !namesFollow, let said = saidInALabelsList(amount, understanding) { return said }
        let namedAfter = topicNamedAfter(amount, understanding)
        if let named = namedAfter,
            graph.kind(ofTopic: named) == "substance" && named != ReservedID.magnesium
        {
            return true
        }
        if namesFollow, let named = namedAfter,
            named == ReservedID.magnesium || elementalShare(named) != nil
        {
            return false
        }
        // "10.5mg b6", read as "b 6": a vitamin's letter and number after the unit.
        let tokens = understanding.tokens
        if amount.wordIndex + 3 < tokens.count,
            Self.vitaminLetters.contains(tokens[amount.wordIndex + 2].text),
            tokens[amount.wordIndex + 3].isNumber
        {
            return true
        }
        return nil
    }

    /// Whether the line names what its first amount measures after it, not before it: "30mg zinc,
    /// 450mg magnesium" against "zinc 30mg, magnesium 450mg".
    private func namesFollowAmounts(_ understanding: Understanding) -> Bool {
        guard let first = Self.amountsRead(understanding.tokens).first else { return false }
        // Only something an amount could measure counts before it: "the tub says 25mg zinc"
        // names the label there, not what the 25 mg is of.
        return topicNamedAfter(first, understanding) != nil
            && !understanding.mentions.contains {
                $0.range.upperBound == first.wordIndex
                    && Self.measuredKinds.contains(graph.kind(ofTopic: $0.topicID) ?? "")
            }
    }

    /// Kinds of topic an amount may be of.
    private static let measuredKinds: Set<String> = ["substance", "form", "medicine", "product"]

    /// The topic named right after an amount ("300 mg of zinc", "500 mg magnesium bisglycinate"),
    /// if any.
    func topicNamedAfter(_ amount: Amount, _ understanding: Understanding) -> String? {
        var next = amount.wordIndex + 2  // after the number and its unit
        if next < understanding.tokens.count, understanding.tokens[next].text == "of" { next += 1 }
        return understanding.mentions.first(where: { $0.range.lowerBound == next })?.topicID
    }

    /// Whether a word is a medicine's name by the ending medicines of its class share
    /// ("sertraline", "lisinopril", "atorvastatin"), or something else commonly taken beside
    /// magnesium with no such ending.
    static func namesAMedicine(_ word: String) -> Bool {
        guard word.count >= 6 else { return false }
        return otherThingsTaken.contains(word) || hasADrugNameEnding(word)
    }

    /// How many times a limit an amount told as taken must be to be called too much unasked.
    static let farAboveALimit = 2.0

    /// The letters of vitamins named with a number ("b 6", as the normaliser leaves "b6").
    private static let vitaminLetters: Set<String> = ["a", "b", "c", "d", "e", "k"]
    /// Nutrients and supplement ingredients other than magnesium that labels give in milligrams,
    /// as the normaliser leaves them; "acid" stands for malic, folic or citric acid.
    private static let otherNutrients: Set<String> = [
        "manganese", "potassium", "sodium", "selenium", "copper", "chromium", "iodine", "acid",
        "theanine", "ashwagandha", "b6", "b12", "niacin", "biotin", "caffeine", "taurine",
        "boron", "molybdenum", "phosphorus", "inositol", "melatonin", "vitamin", "creatine",
        "iron", "calcium", "quinine",
    ]

    /// What a product comes as, said between its name and its amount, besides the units a
    /// serving is counted in (``servingUnits``).
    private static let otherWordsForWhatIsTaken: Set<String> = [
        "pill", "pills", "supplement", "supplements",
    ]

    /// What "300 mg from food" names: magnesium eaten, not taken as a supplement.
    private static let foodWords: Set<String> = [
        "food", "foods", "diet", "meals", "eating", "nuts",
    ]

    private static let otherThingsTaken: Set<String> = [
        "warfarin", "lithium", "digoxin", "insulin", "aspirin", "tramadol", "codeine",
        "allopurinol", "amiodarone", "citalopram", "escitalopram", "venlafaxine", "mirtazapine",
        "quinine", "methotrexate", "prednisone", "zopiclone", "melatonin", "creatine",
    ]

    /// "Is 700 mg too much?": the amount against the limits the intent names, read both as
    /// elemental magnesium and as the weight of the form being discussed. An amount no one can take
    /// is named and refused.
    func addAmountCheck(
        _ understanding: Understanding, intent: Intent, subjects: [String], person: Person,
        into builder: inout AnswerBuilder
    ) {
        // "She took the whole bottle, about 30 of the 250mg ones": in a line that reports an
        // emergency, an amount is what was swallowed, not a day's dose to check against a limit.
        guard understanding.redFlags.fired.isEmpty else { return }
        let named = amounts(in: understanding)
        guard let found = named.first, !intent.amountLimits.isEmpty else { return }
        if found.isNegative {
            builder.add(
                "\(found.written) is not an amount anyone can take: an amount cannot be below zero, so there is nothing to check against the limits."
            )
            return
        }
        // Younger children's limits are lower and depend on age; their own facts answer instead.
        let age = person.age ?? Thresholds.adultAge
        let limitsName = Self.limitsName(forAge: age)
        if age < Thresholds.adultLimitsAge
            || (person.age == nil && person.audience.contains(ReservedID.children))
        {
            return
        }
        let limits = limits(of: intent)
        guard !limits.isEmpty else { return }
        if found.isAbsurd {
            builder.add(
                "\(found.written) a day is not an amount anyone could take: it is far above the \(limitsName) (\(limits.map(\.value).joined(separator: "; "))). "
                    + builder.cite(limits.flatMap(\.sourceIDs)))
            return
        }
        let usable = named.filter(\.isUsable)
        let lineWords = understanding.tokens.map(\.text)
        if checkedSeveralAmounts(
            usable, lineWords: lineWords, limits: limits, limitsName: limitsName, into: &builder)
        {
            return
        }
        let amount = dailyAmount(found, lineWords: lineWords, into: &builder)
        addCheck(
            ofDaily: amount, found: found, understanding, subjects: subjects, limits: limits,
            limitsName: limitsName, into: &builder)
    }

    /// Several amounts in one line: a label's magnesium line checked, a stack added up and
    /// checked, or (true with nothing added) products whose figures are no one day's amount.
    /// False when the first amount is to be checked alone.
    private func checkedSeveralAmounts(
        _ usable: [Amount], lineWords: [String], limits: [Property], limitsName: String,
        into builder: inout AnswerBuilder
    ) -> Bool {
        // "The box says magnesium bisglycinate 2000 mg, of which magnesium 282 mg": the label's
        // magnesium line is the elemental figure, and the one checked.
        if usable.count >= 2,
            let labelled = usable.dropFirst().first(where: {
                Self.labelsMagnesiumLine($0, lineWords) == .elemental
            })
        {
            let day = unitsADayForOneUnitsFigure(labelled, lineWords)
            let daily = labelled.milligrams * Double(day?.total ?? 1)
            let taken =
                day.map {
                    "at the \($0.said) you take, that is \(Amounts.shown(daily)) mg a day, "
                } ?? "at one serving a day, that is "
            builder.add(
                "The label's magnesium figure, \(Amounts.shown(labelled.milligrams)) mg, is elemental magnesium: "
                    + taken + Self.against(daily, limits, limitsName: limitsName) + ". "
                    + builder.cite(limits.flatMap(\.sourceIDs) + Self.panelSourceIDs))
            return true
        }
        if usable.count >= 2,
            let added = Self.addedUp(
                usable, in: lineWords,
                earlier: designed.map { Normalizer.words($0.question) } ?? [])
        {
            builder.add(
                "Added together and read as elemental magnesium, that is \(Amounts.shown(added.milligrams)) mg a day (\(added.working)), which is "
                    + Self.against(added.milligrams, limits, limitsName: limitsName) + ". "
                    + builder.cite(limits.flatMap(\.sourceIDs)))
            return true
        }
        // "A multivitamin (magnesium 100mg), ZMA (450mg magnesium aspartate) and a powder (250mg
        // elemental)": three products' figures that are not one sum, so none of them alone is the
        // day's amount to check. The same figure said again ("200 mg: is that 200 mg of
        // magnesium?") is still one amount.
        if Set(usable.map(\.milligrams)).count >= Self.productsTooManyToCheckOne { return true }
        // "The oxide says 500mg and the glycinate 100mg, oxide seems better value?": two products
        // set side by side, neither of them the day's amount.
        return Set(usable.map(\.milligrams)).count >= 2
            && lineWords.contains(where: Self.productComparingWords.contains)
    }

    /// The day's amount an amount stands for, with how it was worked out as the answer's lead
    /// when it took a count or how often.
    private func dailyAmount(
        _ found: Amount, lineWords: [String], into builder: inout AnswerBuilder
    ) -> Double {
        var amount = found.milligrams
        // "1000mg magnesium bisglycinate per 2 caps ... i take 4 caps a day": the amount is a
        // serving's, and the day's is the share of every unit taken.
        if let serving = Self.servingOfSeveralUnits(found, in: lineWords),
            let units = UnitsADay.read(serving.wordsWithoutIt), units.total != serving.units
        {
            amount = amount / Double(serving.units) * Double(units.total)
            builder.lead =
                "That is \(units.said), at \(Amounts.shown(found.milligrams)) mg per \(serving.units) \(UnitsADay.plural(units.unitWord)): \(Amounts.shown(amount)) mg a day in all."
        } else if Self.isPerUnit(found, in: lineWords),
            let units = UnitsADay.read(
                lineWords, unitWord: lineWords.lazy.compactMap { Self.servingUnits[$0] }.first)
                ?? designed.flatMap({ UnitsADay.read(Normalizer.words($0.question)) }),
            units.total > 1
        {
            amount *= Double(units.total)
            builder.lead =
                "That is \(units.said), at \(Amounts.shown(found.milligrams)) mg each: \(Amounts.shown(amount)) mg a day in all."
        } else if case let times = UnitsADay.timesADay(
            Array(lineWords[min(lineWords.count, found.wordIndex + 2)...].prefix(Self.oftenReach))),
            times > 1
        {
            // "400mg mag glycinate twice a day": how often follows the amount itself.
            amount *= Double(times)
            builder.lead =
                "That is \(Amounts.shown(found.milligrams)) mg \(UnitsADay.often(times)): \(Amounts.shown(amount)) mg a day in all."
        }
        return amount
    }

    /// A day's amount against the limits, read as the compound's weight or as elemental
    /// magnesium as the line says or suggests.
    private func addCheck(
        ofDaily amount: Double, found: Amount, _ understanding: Understanding, subjects: [String],
        limits: [Property], limitsName: String, into builder: inout AnswerBuilder
    ) {
        let shown = Amounts.shown(amount)
        let weight = Self.weightSaid(in: understanding)
        let form = formNamedNearest(found, in: understanding) ?? formWithShare(subjects + focus)
        let share = form.flatMap { graph.property("elemental-share", ofTopic: $0) }
        // "It's 500 mg of the glycinate powder, not elemental": the compound's weight is what was
        // said, so its magnesium is what is checked, and the elemental reading is not offered.
        if weight == .compound, let form, let share, let percent = share.number {
            let elemental = (amount * percent / 100).rounded()
            builder.add(
                "As the weight of \(selector.name(form)) (about \(String(percent)) % magnesium), \(shown) mg gives about \(Amounts.shown(elemental)) mg of elemental magnesium a day, which is "
                    + Self.against(elemental, limits, limitsName: limitsName) + ". "
                    + builder.cite(share.sourceIDs + limits.flatMap(\.sourceIDs)))
            return
        }
        if weight != .compound, formNamedAfter(found, in: understanding) == nil,
            Self.saysADoctorAdvised(found, in: understanding.tokens.map(\.text)),
            limits.allSatisfy({ amount > ($0.number ?? .infinity) })
        {
            addDoctorsAmountAboveTheLimits(shown, limits: limits, into: &builder)
            return
        }
        // "Is 800 mg of magnesium glycinate too much?": the amount was given as the compound's, the
        // way shop labels and people name it, so that reading leads; but the magnesium line of a
        // Supplement Facts panel is elemental too, so the other reading follows in the same
        // paragraph, never held back.
        if weight == nil, let named = formWeighedFirst(found, amount, limits, understanding),
            let share = graph.property("elemental-share", ofTopic: named),
            let percent = share.number
        {
            let elemental = (amount * percent / 100).rounded()
            let sourceIDs = share.sourceIDs + limits.flatMap(\.sourceIDs) + Self.panelSourceIDs
            builder.add(
                "As the weight of \(selector.name(named)) (about \(String(percent)) % magnesium), \(shown) mg gives about \(Amounts.shown(elemental)) mg of elemental magnesium a day, which is "
                    + Self.against(elemental, limits, limitsName: limitsName)
                    + ". If \(shown) mg is already elemental magnesium, as the magnesium line of a Supplement Facts panel is, it is "
                    + Self.againstTheSame(amount, limits) + ". "
                    + builder.cite(sourceIDs))
            return
        }
        if weight == .elemental,
            addedTooMuch(amount, understanding, limits: limits, limitsName: limitsName, &builder)
        {
            return
        }
        builder.add(
            "Read as elemental magnesium, \(shown) mg a day is "
                + Self.against(amount, limits, limitsName: limitsName) + ". "
                + builder.cite(limits.flatMap(\.sourceIDs)))
        if weight != .elemental, let form, let share, let percent = share.number {
            let elemental = Amounts.shown((amount * percent / 100).rounded())
            builder.add(
                "If \(shown) mg is the weight of \(selector.name(form)) (about \(String(percent)) % magnesium), it gives about \(elemental) mg of elemental magnesium. "
                    + builder.cite(share.sourceIDs))
        }
    }

    /// "My neurologist said 600 mg a day for migraines, but the bottle says don't exceed 350": the
    /// limits are for magnesium taken on one's own, not for an amount a doctor advises and follows,
    /// so the doctor's advice is not undercut.
    private func addDoctorsAmountAboveTheLimits(
        _ shown: String, limits: [Property], into builder: inout AnswerBuilder
    ) {
        builder.add(
            "Both can be right: \(shown) mg a day is above the limits for magnesium taken on your own (\(limits.map(\.value).joined(separator: "; "))), but those limits do not apply to magnesium a doctor advises for a medical reason and keeps an eye on, so follow your doctor's advice, and ask them before changing the dose. "
                + builder.cite(limits.flatMap(\.sourceIDs) + ["nih-ods-hp"]))
        builder.add(
            "Diarrhoea is the usual sign of too much, and kidney disease makes a build-up more likely: tell the doctor about either. "
                + builder.cite(Self.excessSourceIDs))
    }

    /// "The neurologist said take 600mg", "my GP put me on 400 mg", "prescribed 800 mg",
    /// "neurologist suggested magnesium for migraine prevention, 400 to 600mg a day": an amount
    /// a doctor advised, the advice said a few words before it ("my GP said it's fine, so
    /// 1000mg?" is no such amount).
    static func saysADoctorAdvised(_ amount: Amount, in words: [String]) -> Bool {
        let before = words[max(0, amount.wordIndex - advisedWithin)..<amount.wordIndex]
        // "said it's fine, so 1000mg": a word that draws the person's own conclusion between.
        if let advice = before.lastIndex(where: advisingWords.contains),
            words[advice..<amount.wordIndex].contains(where: ownConclusionWords.contains)
        {
            return false
        }
        guard before.contains(where: advisingWords.contains) else { return false }
        return before.contains("prescribed")
            || words[..<amount.wordIndex].contains(where: doctorWords.contains)
    }

    /// How many words before an amount the advice may be said.
    private static let advisedWithin = 7
    private static let ownConclusionWords: Set<String> = ["so", "then", "but", "therefore"]

    private static let doctorWords: Set<String> = [
        "doctor", "doctors", "gp", "neurologist", "neuro", "consultant", "specialist",
        "cardiologist", "nephrologist", "dr", "physician", "prescriber", "gastroenterologist",
    ]
    private static let advisingWords: Set<String> = [
        "said", "says", "told", "recommended", "recommends", "advised", "advises", "put",
        "wants", "suggested", "prescribed", "take",
    ]

    /// "I'm going to take 1500mg elemental a day to catch up, good plan?": an amount said as
    /// elemental magnesium, above every limit, called too much; false, and nothing added, when it
    /// is not.
    private func addedTooMuch(
        _ amount: Double, _ understanding: Understanding, limits: [Property], limitsName: String,
        _ builder: inout AnswerBuilder
    ) -> Bool {
        // "I'm going to take 1500mg elemental a day to catch up, good plan?": said as elemental
        // magnesium and above every limit, it is too much, and more is not better. "Too much"
        // answers "is it ok?" and "is it too much?" alike, where "No" would answer one wrongly.
        // "I've been doing 3000mg elemental a day": told, not asked, an amount far above every
        // limit is still too much.
        guard
            understanding.asksSomething
                || limits.allSatisfy({ amount > Self.farAboveALimit * ($0.number ?? .infinity) }),
            limits.allSatisfy({ amount > ($0.number ?? .infinity) })
        else { return false }
        let shown = Amounts.shown(amount)
        builder.add(
            "Too much: \(shown) mg of elemental magnesium a day is "
                + Self.against(amount, limits, limitsName: limitsName) + ". "
                + builder.cite(limits.flatMap(\.sourceIDs)))
        builder.add(
            "More is not better: the limits are set where diarrhoea starts, which carries the extra magnesium out unused, and with weak kidneys magnesium can build up to dangerous levels; go above the limits only on a doctor's advice. "
                + builder.cite(Self.excessSourceIDs))
        return true
    }

    /// Whether an amount is what one capsule (tablet, gummy) holds: "500 mg capsules", "capsules
    /// of 500 mg", "500 mg each".
    static func isPerUnit(_ amount: Amount, in words: [String]) -> Bool {
        let after = amount.wordIndex + 2
        // "500mg tablets", "1500mg magnesium citrate tablets": the unit, after the product's name.
        let named = words[min(words.count, after)...].prefix(3).prefix(while: namesAForm).count
        let unitAfter = words[min(words.count, after + named)..<min(words.count, after + named + 2)]
            .contains { servingUnits[$0] != nil || $0 == "each" }
        // "tabs of 500mg", "2 tabs of magnesium oxide 500mg": the unit and "of" before the
        // amount, the product's name between them.
        var of = amount.wordIndex - 1
        while of >= 0, amount.wordIndex - of <= 3, namesAForm(words[of]) { of -= 1 }
        let unitBefore = of >= 1 && words[of] == "of" && servingUnits[words[of - 1]] != nil
        // "each is 120mg", "each cap has 120 mg", "one tablet contains 120 mg"
        let before = words[max(0, amount.wordIndex - 3)..<amount.wordIndex]
        let eachBefore =
            before.contains("each")
            || zip(before, before.dropFirst()).contains {
                servingUnits[$0] != nil && holdingWords.contains($1)
            }
        // "each gummy is 'Magnesium (as citrate) 75mg'": "each" and the unit a few words back,
        // a label's line between.
        let wider = words[max(0, amount.wordIndex - 7)..<amount.wordIndex]
        let eachUnitBefore = zip(wider, wider.dropFirst()).contains {
            $0 == "each" && servingUnits[$1] != nil
        }
        return unitAfter || unitBefore || eachBefore || eachUnitBefore
    }

    /// "1000 mg per 2 caps", "for 3 tablets": the amount of a serving of several units, how many,
    /// and the line's words without that phrase (whose count is no count taken). Nil when the
    /// amount is not said per a number of units.
    static func servingOfSeveralUnits(_ amount: Amount, in words: [String]) -> (
        units: Int, wordsWithoutIt: [String]
    )? {
        let start = amount.wordIndex + 2
        // A serving takes three words after the amount's unit ("per 2 caps").
        guard start + 2 < words.count else { return nil }
        for place in start..<min(words.count - 2, start + 5)
        where servingWords.contains(words[place]) {
            let count = AgeWords.number(words[place + 1])
            guard let count, count >= 2, servingUnits[words[place + 2]] != nil else { continue }
            var rest = words
            rest.removeSubrange(place...(place + 2))
            return (count, rest)
        }
        return nil
    }

    /// Words that put a number of units after an amount as its serving ("per 2 caps").
    private static let servingWords: Set<String> = ["per", "for", "in", "every"]

    /// How many different amounts, not said as one sum, are too many to check the first as the
    /// day's.
    static let productsTooManyToCheckOne = 3

    /// How many words after an amount's unit may say how often it is taken ("400 mg of the
    /// glycinate twice a day").
    static let oftenReach = 6

    /// "A cap has", "each tablet contains": what comes between a unit and the amount it holds.
    private static let holdingWords: Set<String> = ["has", "contains", "holds", "is"]

    /// How a second reading of an amount compares with limits just named: "above them".
    static func againstTheSame(_ milligrams: Double, _ limits: [Property]) -> String {
        let above = limits.filter { milligrams > $0.number! }
        if above.isEmpty { return "within them too" }
        if above.count == limits.count { return "above them" }
        return "above the \(above.map(\.value).joined(separator: "; ")) limit"
    }

    /// Why an amount above the limits does no good: the limits rest on diarrhoea (IOM), and
    /// magnesium builds up when the kidneys are weak (NIH ODS).
    static let excessSourceIDs = ["iom-dri-1997", "nih-ods-hp"]

    /// The rule that the magnesium line of a US Supplement Facts panel gives elemental magnesium.
    static let panelSourceIDs = ["fda-21-cfr-101-36"]

    /// The form named just after an amount ("800 mg of magnesium glycinate", "500mg glycinate"),
    /// when its share of magnesium is known.
    func formNamedAfter(_ amount: Amount, in understanding: Understanding) -> String? {
        var next = amount.wordIndex + 2  // after the number and its unit
        if next < understanding.tokens.count, understanding.tokens[next].text == "of" { next += 1 }
        var mention = understanding.mentions.first { $0.range.lowerBound == next }
        // "500 mg magnesium glycinate" may be read as magnesium, then the form.
        if let plain = mention, plain.topicID == ReservedID.magnesium {
            mention = understanding.mentions.first { $0.range.lowerBound == plain.range.upperBound }
        }
        guard let topic = mention?.topicID, topic != ReservedID.magnesium else { return nil }
        return elementalShare(topic) != nil ? topic : nil
    }

    /// The form whose weight an amount is first read as: one named just after it ("800 mg of
    /// magnesium glycinate"), or a tub's front ("magnesium glycinate 1000mg") where the two
    /// readings disagree, above the limits as elemental; below them the elemental reading leads,
    /// as most products that small give the magnesium itself.
    private func formWeighedFirst(
        _ found: Amount, _ daily: Double, _ limits: [Property], _ understanding: Understanding
    ) -> String? {
        formNamedAfter(found, in: understanding)
            ?? (limits.allSatisfy { daily > ($0.number ?? .infinity) }
                ? formNamedRightBefore(found, in: understanding) : nil)
    }

    /// The form named just before an amount, the way a tub's front names it ("magnesium
    /// bisglycinate 1000mg"), when its share of magnesium is known. Not a panel's line, which
    /// names magnesium and then the form it is "as" (elemental).
    func formNamedRightBefore(_ amount: Amount, in understanding: Understanding) -> String? {
        let words = understanding.tokens.map(\.text)
        guard !Self.namesTheFormBefore(amount, words),
            let topic = understanding.mentions.first(where: {
                $0.range.upperBound == amount.wordIndex
            })?.topicID, topic != ReservedID.magnesium
        else { return nil }
        return elementalShare(topic) != nil ? topic : nil
    }

    /// The form with a known share of magnesium named nearest an amount, before or after it:
    /// "does glycinate upset you less? I tried an oxide one (400mg tabs)" weighs the 400 mg as
    /// oxide, not as the glycinate the line opens with. Nil when the line names none.
    func formNamedNearest(_ amount: Amount, in understanding: Understanding) -> String? {
        let amountEnd = amount.wordIndex + 2  // after the number and its unit
        func distance(_ range: Range<Int>) -> Int {
            range.upperBound <= amount.wordIndex
                ? amount.wordIndex - range.upperBound : max(0, range.lowerBound - amountEnd)
        }
        return understanding.mentions
            .filter { $0.topicID != ReservedID.magnesium && elementalShare($0.topicID) != nil }
            .min { distance($0.range) < distance($1.range) }?.topicID
    }

    /// How an amount compares with the limits: "above the adult upper limits … (US 350 mg …)".
    static func against(
        _ milligrams: Double, _ limits: [Property], limitsName: String
    ) -> String {
        let above = limits.filter { milligrams > $0.number! }
        let within = limits.filter { milligrams <= $0.number! }
        if within.isEmpty {
            return "above the \(limitsName) (\(above.map(\.value).joined(separator: "; ")))"
        }
        if above.isEmpty {
            return "within the \(limitsName) (\(within.map(\.value).joined(separator: "; ")))"
        }
        return
            "above the \(above.map(\.value).joined(separator: "; ")) limit but within the \(within.map(\.value).joined(separator: "; ")) limit for adults"
    }

    /// Which weight the line says an amount is: the compound's ("500 mg of the glycinate powder",
    /// "not elemental") or elemental magnesium ("500 mg elemental"); nil when it does not say.
    /// Only the words just after the amount count: "I read about the 'elemental' bit" elsewhere
    /// in the line says nothing about it.
    enum WeightSaid { case compound, elemental }

    static func weightSaid(in understanding: Understanding) -> WeightSaid? {
        let words = understanding.tokens.map(\.text)
        guard let amount = Amounts.read(words: words).first else { return nil }
        return weightSaid(of: amount, in: words) ?? labelsMagnesiumLine(amount, words)
    }

    /// "My label says magnesium 150 mg (as bisglycinate)": a label's magnesium line is elemental
    /// magnesium (21 CFR 101.36 in the US, "of which magnesium" in the EU).
    static func labelsMagnesiumLine(_ amount: Amount, _ words: [String]) -> WeightSaid? {
        guard amount.wordIndex > 0,
            words[amount.wordIndex - 1] == "magnesium"
                || namesTheFormBefore(amount, words) || givesTheMagnesiumIn(amount, words),
            words.contains(where: labelWords.contains)
        else { return nil }
        return .elemental
    }

    /// "It says 160mg magnesium per tablet" after "I take 3 of them a day": how many of the units
    /// the figure is for the person takes a day, said on this line or the one before; nil unless
    /// the figure is one unit's ("per tablet", "each capsule").
    func unitsADayForOneUnitsFigure(_ figure: Amount, _ lineWords: [String]) -> UnitsADay? {
        // The unit named within a few words after the figure's unit: "160mg magnesium per tablet".
        let after = lineWords[min(lineWords.count, figure.wordIndex + 2)...].prefix(4)
        guard
            let unit = zip(after, after.dropFirst()).first(where: {
                ["per", "each", "a"].contains($0.0) && Session.servingUnits[$0.1] != nil
            }).flatMap({ Session.servingUnits[$0.1] })
        else { return nil }
        if let day = UnitsADay.read(lineWords, unitWord: unit), day.total > 1 { return day }
        // The line before is read only when this one gives no count.
        guard let before = lineBefore,
            let day = UnitsADay.read(before.tokens.map(\.text), unitWord: unit), day.total > 1
        else { return nil }
        return day
    }

    /// "Magnesium citrate 1000mg, providing 160mg magnesium": the magnesium a compound holds, said
    /// after the compound's weight.
    private static func givesTheMagnesiumIn(_ amount: Amount, _ words: [String]) -> Bool {
        let after = amount.wordIndex + 2
        return after < words.count && words[after] == "magnesium"
            && labelHoldingWords.contains(words[amount.wordIndex - 1])
    }

    static let labelHoldingWords: Set<String> = [
        "providing", "provides", "giving", "gives", "yielding", "yields", "supplying", "supplies",
        "delivering", "delivers", "containing", "contains", "with",
    ]

    /// "Magnesium (as magnesium bisglycinate chelate) 140 mg": the panel's line names the form
    /// between "magnesium" and its amount.
    private static func namesTheFormBefore(_ amount: Amount, _ words: [String]) -> Bool {
        let before = words[max(0, amount.wordIndex - 6)..<amount.wordIndex]
        return zip(before, before.dropFirst()).contains { $0 == "magnesium" && $1 == "as" }
    }

    /// Words that say the amounts are read off a product.
    static let labelWords: Set<String> = [
        "label", "labels", "says", "reads", "panel", "box", "tub", "bottle", "pack", "packet",
        "jar", "facts", "serving",
    ]

    static func weightSaid(of amount: Amount, in words: [String]) -> WeightSaid? {
        let after = words[min(words.count, amount.wordIndex + 2)...].prefix(6)
        // "Magnesium 450mg as aspartate", "200 mg magnesium (as magnesium glycinate)": a Supplement
        // Facts panel's way of naming the form of an elemental figure.
        if let asAt = after.prefix(2).firstIndex(of: "as"), asAt + 1 < words.count,
            Self.namesAForm(words[asAt + 1])
        {
            return .elemental
        }
        for (offset, word) in zip(after.indices, after) {
            if compoundWords.contains(word) { return .compound }
            if word == "elemental" {
                // "400mg magnesium glycinate, is that elemental?" asks which weight it is.
                let asked =
                    offset > 1
                    && (["mean", "means"].contains(words[offset - 1])
                        || Self.standInsAsked.contains(words[offset - 1])
                            && Self.askingVerbs.contains(words[offset - 2]))
                if asked { return nil }
                let negated =
                    offset > 0 && ["not", "isnt", "nt", "non"].contains(words[offset - 1])
                return negated ? .compound : .elemental
            }
        }
        return nil
    }

    /// "Is that elemental", "is it elemental": the words before "elemental" that ask ("does it
    /// mean elemental" asks with "mean" alone).
    static let standInsAsked: Set<String> = ["that", "it", "this"]
    static let askingVerbs: Set<String> = ["is", "was", "isnt"]

    /// "Magnesium", or a salt's name ("aspartate", "oxide", "bisglycinate").
    private static func namesAForm(_ word: String) -> Bool {
        // "oxide" has five letters.
        word == "magnesium" || (word.count >= 5 && (word.hasSuffix("ate") || word.hasSuffix("ide")))
    }

    /// Words that say an amount is the weight of the whole compound.
    static let compoundWords: Set<String> = ["compound", "powder", "salt"]

    /// The limits, with their figures, that an intent checks amounts against (`intents.yaml`).
    func limits(of intent: Intent) -> [Property] {
        intent.amountLimits.compactMap { graph.property($0.property, ofTopic: $0.topic) }
            .filter { $0.number != nil }
    }

    /// The form among `topics` (or what they are forms of) whose share of magnesium is known.
    func formWithShare(_ topics: [String]) -> String? {
        topics.flatMap { selector.lineage($0) }.first { elementalShare($0) != nil }
    }

    func elementalShare(_ form: String) -> Double? {
        graph.property("elemental-share", ofTopic: form)?.number
    }

    /// What the limits are called for someone of `age`: a teenager's are the adults'.
    static func limitsName(forAge age: Int) -> String {
        age < Thresholds.adultAge
            ? "upper limits for supplements, the adult ones from age \(Thresholds.adultLimitsAge)"
            : "adult upper limits for supplements"
    }
}
