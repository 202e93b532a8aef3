import MagnesiumKnowledge
import MagnesiumText
import MagnesiumUnderstanding

/// What the person has said their product or daily amount holds ("per 2 capsules: magnesium
/// 120 mg", "bisglycinate 1400 mg, of which magnesium 200 mg", "I take 300 mg"), kept for the sums
/// they ask about it afterwards: how much is in each capsule, what percentage that is, how many
/// capsules go over the limit, what a multivitamin on top adds up to.
struct StatedAmounts: Sendable, Equatable {
    /// Elemental magnesium in one serving, when the label says it.
    var elemental: Double?
    /// The compound's weight in one serving, when the label says it.
    var compound: Double?
    /// Capsules (or tablets, scoops) in one serving, and what they are called.
    var units: Int?
    var unitWord = "capsule"
    /// Elemental magnesium a day, as said or worked out.
    var daily: Double?
    /// The form the compound weight is of (its elemental share is in the graph).
    var form: String?
    /// Whether the line just before said an amount: "is that a lot?" asks about it.
    var saidLastTurn = false
    /// Whether the amount is what a capsule (tablet, scoop) or a serving holds, not the day's:
    /// "my capsule says 500 mg", not "I take 600 mg".
    var perServing = false
    /// A day's total a sum worked out on this line ("if i take 4 a day how much is that"), and on
    /// the line before: "is that too much?" asks about it.
    var sumWorkedOut: Double?
    var sumLastTurn: Double?
    /// How many of the units a one-unit label figure is for are taken a day, when said ("it says
    /// 160 mg per tablet" after "I take 3 of them"): ``daily`` counts them all.
    var takenADay: UnitsADay?
}

extension Session {
    /// Notes what a line says about a product's amounts; a line with no amount keeps the old
    /// figures, for a question about them a turn or two later.
    mutating func noteStatedAmounts(_ understanding: Understanding) {
        guard let note = statedAmounts(in: understanding) else {
            stated?.saidLastTurn = false
            let workedOut = stated?.sumWorkedOut
            stated?.sumLastTurn = workedOut
            stated?.sumWorkedOut = nil
            return
        }
        stated = note
    }

    /// What the line says its product or daily amount holds; nil when it names no amount.
    private func statedAmounts(in understanding: Understanding) -> StatedAmounts? {
        let words = understanding.tokens.map(\.text)
        let found = amounts(in: understanding).filter(\.isUsable)
        guard !found.isEmpty else { return nil }
        var note = StatedAmounts(saidLastTurn: true)
        note.form = formWithShare(understanding.topicIDs + focus)
        if let (count, word) =
            found.lazy.compactMap({ Self.servingSaidAfter($0, words) }).first
            ?? Self.unitsPerServing(words)
        {
            note.units = count
            note.unitWord = word
        }
        note.perServing = note.units != nil || Self.namesAServing(words)
        func weight(_ amount: Amount) -> WeightSaid? {
            Self.weightSaid(of: amount, in: words) ?? labelWeight(amount, words)
                ?? compoundNamedAfter(amount, understanding)
                ?? compoundByItsSize(amount, understanding)
        }
        let weights = found.count >= 2 ? found.map(weight) : []
        if found.count >= 2, words.contains(where: Self.holdingWords.contains) {
            // "1400 mg, of which magnesium 200 mg", "1500 mg bisglycinate providing 300 mg": the
            // whole, then the magnesium in it.
            note.compound = found.map(\.milligrams).max()
            note.elemental = found.map(\.milligrams).min()
        } else if let elemental = weights.firstIndex(of: .elemental),
            let compound = weights.firstIndex(of: .compound)
        {
            // "500 mg of glycinate, 70 mg elemental": each said for what it is.
            note.compound = found[compound].milligrams
            note.elemental = found[elemental].milligrams
        } else if let amount = found.first {
            switch weight(amount) {
            case .elemental: note.elemental = amount.milligrams
            case .compound: note.compound = amount.milligrams
            case nil: note.daily = amount.milligrams
            }
        }
        if let elemental = note.elemental {
            note.daily = elemental
            if let figure = found.first(where: { $0.milligrams == elemental }),
                let day = unitsADayForOneUnitsFigure(figure, words)
            {
                note.takenADay = day
                note.daily = elemental * Double(day.total)
            }
        } else if let compound = note.compound, let share = note.form.flatMap(elementalShare) {
            note.daily = (compound * share / 100).rounded()
        }
        return note
    }

    /// "Magnesium 120 mg (as bisglycinate)" names elemental magnesium, as a label's panel does;
    /// "how much real magnesium do I get from 1000 mg?" says the 1000 mg is the compound.
    private func labelWeight(_ amount: Amount, _ words: [String]) -> WeightSaid? {
        if let weight = Self.labelsMagnesiumLine(amount, words) { return weight }
        let asksForTheMagnesium = words.indices.contains { index in
            Self.realMagnesiumWords.contains(words[index]) && index + 1 < words.count
                && words[index + 1] == "magnesium"
        }
        return asksForTheMagnesium ? .compound : nil
    }

    private static let realMagnesiumWords: Set<String> = ["real", "actual", "elemental", "pure"]
    /// Words that put the magnesium a compound holds after the compound's weight.
    private static let holdingWords: Set<String> = [
        "which", "providing", "provides", "provide", "giving", "gives", "yielding", "yields",
        "equivalent", "equals", "supplying", "supplies", "delivering",
    ]

    /// "My capsule says 500 mg magnesium bisglycinate": an amount followed by a form's name is
    /// the compound's weight, as a product's front names it; a label's panel puts "magnesium" first
    /// ("magnesium 120 mg (as bisglycinate)").
    private func compoundNamedAfter(_ amount: Amount, _ understanding: Understanding)
        -> WeightSaid?
    {
        guard let named = topicNamedAfter(amount, understanding),
            graph.kind(ofTopic: named) == "form", elementalShare(named) != nil
        else { return nil }
        return .compound
    }

    /// "My bisglycinate says 500mg per capsule", "my powder is bisglycinate and the scoop is 2
    /// grams": a form named in the line and more in one capsule or scoop than anyone takes as
    /// magnesium in a day is the compound's weight.
    private func compoundByItsSize(_ amount: Amount, _ understanding: Understanding)
        -> WeightSaid?
    {
        guard Self.namesAServing(understanding.tokens.map(\.text)),
            amount.milligrams > Self.mostElementalInOneUnit,
            formWithShare(understanding.topicIDs) != nil
        else { return nil }
        return .compound
    }

    /// Whether the words say an amount is a serving's: a capsule, scoop or the like, "per" or
    /// "each".
    private static func namesAServing(_ words: [String]) -> Bool {
        words.contains { filteredServingUnits[$0] != nil || $0 == "per" || $0 == "each" }
    }

    /// "100mg magnesium per capsule", "300 mg per 3 caps": the serving an amount is said for,
    /// right after it. Searched before any count in the line, since "she ate 9 capsules" counts
    /// what was taken, not the serving.
    private static func servingSaidAfter(_ amount: Amount, _ words: [String]) -> (Int, String)? {
        let start = amount.wordIndex + 2
        let end = min(words.count, start + 4)
        guard start < end else { return nil }
        guard
            let index = (start..<end).first(where: {
                eachWords.contains(words[$0]) || words[$0] == "a"
            }), index + 1 < words.count
        else { return nil }
        if let unit = servingUnits[words[index + 1]] { return (1, unit) }
        return countedUnits(at: index + 1, words)
    }

    /// "per 2 capsules", "3 tablets": how many units one serving is.
    private static func unitsPerServing(_ words: [String]) -> (Int, String)? {
        words.indices.lazy.compactMap { countedUnits(at: $0, words) }.first
    }

    /// "2 capsules" at `index`: a count from 1 to 99 and a unit a serving is counted in.
    private static func countedUnits(at index: Int, _ words: [String]) -> (Int, String)? {
        guard index + 1 < words.count, let count = Int(words[index]), count > 0, count < 100,
            let unit = servingUnits[words[index + 1]]
        else { return nil }
        return (count, unit)
    }

    /// Words for what a serving is counted in, by their singular.
    static let filteredServingUnits = FilteredWordTable(servingUnits)
    static let servingUnits: [String: String] = [
        "capsule": "capsule", "capsules": "capsule", "caps": "capsule", "cap": "capsule",
        "tablet": "tablet", "tablets": "tablet", "tabs": "tablet", "tab": "tablet",
        "softgel": "softgel", "softgels": "softgel", "gummy": "gummy", "gummies": "gummy",
        "scoop": "scoop", "scoops": "scoop",
    ]

    /// A sum about the amounts said before, or nil when the line asks none.
    mutating func labelArithmetic(_ understanding: Understanding, context: inout [String]) -> Reply?
    {
        if let reply = perUnitOfThisLabel(understanding, context: &context) { return reply }
        if let reply = servingCorrected(understanding, context: &context) { return reply }
        if let reply = verdictOnTheLastSum(understanding, context: &context) { return reply }
        guard let stated, understanding.tokens.count <= Thresholds.sumQuestionLength else {
            return nil
        }
        // A short line's words are searched in order, not hashed into a set first. A line with
        // amounts of its own to add ("mine has 120mg, can I add a 200mg one on top?") is summed
        // as it stands (see ``addedUp(_:in:earlier:)``), not on top of the amount said before.
        let sequence = understanding.tokens.map(\.text)
        let namesUnits = sequence.contains { Self.filteredServingUnits[$0] != nil }
        let newAmounts = amounts(in: understanding).filter(\.isUsable)
        var builder = AnswerBuilder()
        var workedOut: Double?
        defer { if let workedOut { self.stated?.sumWorkedOut = workedOut } }
        if newAmounts.isEmpty {
            workedOut = addSumAboutTheStatedAmounts(
                stated, sequence, namesUnits: namesUnits, asks: understanding.asksSomething,
                into: &builder)
        } else if let daily = stated.daily, newAmounts.count == 1, let added = newAmounts.first,
            Self.onTop.contains(where: { Self.contains($0, in: sequence) })
        {
            let total = daily + added.milligrams
            addAgainstLimits(
                total,
                saying:
                    "Together that is \(Amounts.shown(total)) mg of elemental magnesium a day (\(Amounts.shown(daily)) mg + \(Amounts.shown(added.milligrams)) mg), which is ",
                into: &builder)
        }
        guard !builder.isEmpty else { return nil }
        context.append("worked out from the amounts said before")
        return Reply(builder, intent: Self.amountCheckIntent, confidence: 1)
    }

    /// A sum about the amounts said before that the line asks with no amount of its own: counts of
    /// capsules against the limits, a share, how many to reach a limit, what one holds. The
    /// largest day's amount worked out, if any.
    private func addSumAboutTheStatedAmounts(
        _ stated: StatedAmounts, _ sequence: [String], namesUnits: Bool, asks: Bool,
        into builder: inout AnswerBuilder
    ) -> Double? {
        var workedOut: Double?
        if stated.perServing, let counts = Self.countsChosen(sequence),
            let serving = servingMagnesium(stated)
        {
            // "So should I do 2 caps or 4?" after the label: each count against the limits.
            let each = serving / Double(stated.units ?? 1)
            for (place, count) in counts.enumerated() {
                let total = (each * Double(count)).rounded()
                workedOut = max(workedOut ?? 0, total)
                let opening =
                    place == 0
                    ? "\(UnitsADay.counted(count, stated.unitWord)) a day, at about \(Amounts.shown(each.rounded())) mg of elemental magnesium each, is about \(Amounts.shown(total)) mg a day, which is "
                    : "\(UnitsADay.counted(count, stated.unitWord)) a day is about \(Amounts.shown(total)) mg, which is "
                addAgainstLimits(total, saying: opening, into: &builder)
            }
        } else if stated.perServing, Self.saysTaking(sequence),
            let units = UnitsADay.read(sequence, unitWord: stated.unitWord),
            let serving = servingMagnesium(stated)
        {
            // "I take 2 of them twice a day" after the label: every capsule counts.
            let each = serving / Double(stated.units ?? 1)
            let total = (each * Double(units.total)).rounded()
            workedOut = total
            addAgainstLimits(
                total,
                saying:
                    "\(units.said.prefix(1).uppercased() + units.said.dropFirst()), at about \(Amounts.shown(each.rounded())) mg of elemental magnesium each, is about \(Amounts.shown(total)) mg a day, which is ",
                into: &builder)
        } else if sequence.contains(where: Self.percentWords.contains) {
            addPercentage(stated, into: &builder)
        } else if Self.contains(["how", "many"], in: sequence), namesUnits {
            addUnitsToTheLimit(stated, into: &builder)
        } else if sequence.contains("each") || (namesUnits && sequence.contains("one")) {
            addPerUnit(stated, into: &builder)
        } else if stated.saidLastTurn, let daily = stated.daily, asks,
            sequence.contains(where: Self.howMuchWords.contains),
            sequence.contains("that") || sequence.contains("it")
                || (stated.takenADay != nil && sequence.contains(where: Self.gettingWords.contains))
        {
            if stated.takenADay != nil { workedOut = daily }
            addAgainstLimits(daily, saying: sayingTheStatedDay(stated, daily), into: &builder)
        }
        return workedOut
    }

    /// How the day's amount said before is put before its check: "How much actual magnesium is in
    /// that?" after "500 mg magnesium bisglycinate"; "so how much am I actually getting?" after
    /// the label's figure per tablet and the tablets a day.
    private func sayingTheStatedDay(_ stated: StatedAmounts, _ daily: Double) -> String {
        if let day = stated.takenADay, let each = stated.elemental {
            return
                "\(day.said.prefix(1).uppercased() + day.said.dropFirst()) at \(Amounts.shown(each)) mg of elemental magnesium each is \(Amounts.shown(daily)) mg a day, which is "
        }
        if stated.elemental == nil, let compound = stated.compound, let form = stated.form {
            return
                "\(Amounts.shown(compound)) mg of \(selector.name(form)) holds about \(Amounts.shown(daily)) mg of elemental magnesium; as a day's amount, that is "
        }
        return "As elemental magnesium, \(Amounts.shown(daily)) mg a day is "
    }

    /// "How many caps do I need to get 300 mg if each cap is 120mg elemental?": a line naming the
    /// amount wanted and what one capsule holds is answered with the count, both ways of rounding
    /// it, and the amount wanted against the limits. Nil when the line is not that question, or
    /// the capsule's amount is a compound of no known share.
    func unitsForAnAmount(_ understanding: Understanding, context: inout [String]) -> Reply? {
        let words = understanding.tokens.map(\.text)
        guard Self.contains(["how", "many"], in: words),
            words.contains(where: { Self.filteredServingUnits[$0] != nil })
        else { return nil }
        let found = amounts(in: understanding).filter(\.isUsable)
        guard found.count == 2 else { return nil }
        let heldByOne = found.filter { Self.saysOneUnitHolds($0, words) }
        guard heldByOne.count == 1, let perUnit = heldByOne.first,
            let wanted = found.first(where: { $0 != perUnit }), perUnit.milligrams > 0
        else { return nil }
        let unitWord = words.lazy.compactMap { Self.servingUnits[$0] }.first ?? "capsule"
        guard let (each, eachHolds) = whatOneUnitHolds(perUnit, understanding) else {
            return nil
        }
        let units = { (count: Int) in UnitsADay.counted(count, unitWord) }
        let exact = wanted.milligrams / each
        let fewer = Int(exact.rounded(.down))
        let more = Int(exact.rounded(.up))
        let wantedSaid = Amounts.shown(wanted.milligrams)
        var text: String
        if fewer == more {
            text =
                "\(units(fewer)): each holds \(eachHolds), so \(units(fewer)) \(fewer == 1 ? "gives" : "give") \(wantedSaid) mg."
        } else {
            let ratio = (exact * 10).rounded() / 10
            text =
                "Between \(fewer) and \(more): each \(unitWord) holds \(eachHolds), so \(wantedSaid) mg takes \(Amounts.shown(ratio)) \(UnitsADay.plural(unitWord)); \(units(fewer)) \(fewer == 1 ? "gives" : "give") \(Amounts.shown(Double(fewer) * each)) mg and \(units(more)) give \(Amounts.shown(Double(more) * each)) mg."
        }
        var builder = AnswerBuilder()
        builder.add(text)
        let largest = Double(more) * each
        addAgainstLimits(
            largest,
            saying: "As a day's amount, \(Amounts.shown(largest)) mg of elemental magnesium is ",
            into: &builder)
        // The smaller count is checked too only where the larger goes over a limit.
        let lowestLimit = amountLimits().compactMap(\.number).min() ?? .infinity
        if fewer != more, fewer > 0, largest > lowestLimit {
            addAgainstLimits(
                Double(fewer) * each,
                saying: "\(Amounts.shown(Double(fewer) * each)) mg is ", into: &builder)
        }
        context.append("worked out from the amounts in the line")
        return Reply(builder, intent: Self.amountCheckIntent, confidence: 1)
    }

    /// The elemental magnesium in one unit of a label's serving, and how the reply says it:
    /// "100mg per 2 caps" is a serving of two, so each capsule holds half of it; a compound's
    /// weight is its elemental share. Nil for a compound of no known share.
    private func whatOneUnitHolds(_ perUnit: Amount, _ understanding: Understanding)
        -> (each: Double, says: String)?
    {
        let words = understanding.tokens.map(\.text)
        let unitsInTheServing = Double(Self.servingSaidAfter(perUnit, words)?.0 ?? 1)
        let compoundInOne = perUnit.milligrams / unitsInTheServing
        let weight = Self.weightSaid(of: perUnit, in: words)
        guard
            weight == .compound || compoundNamedAfter(perUnit, understanding) != nil
                || (weight == nil && compoundByItsSize(perUnit, understanding) != nil)
        else {
            return (
                compoundInOne,
                weight == .elemental
                    ? "\(Amounts.shown(compoundInOne)) mg of elemental magnesium"
                    : "\(Amounts.shown(compoundInOne)) mg of magnesium (read as elemental magnesium, as a label's magnesium line gives it)"
            )
        }
        guard let form = formWithShare(understanding.topicIDs + focus),
            let share = elementalShare(form)
        else { return nil }
        let each = (compoundInOne * share / 100).rounded()
        return (
            each,
            "about \(Amounts.shown(each)) mg of elemental magnesium (\(Amounts.shown(compoundInOne)) mg of \(selector.name(form)))"
        )
    }

    /// "Each cap is 120mg", "120 mg per capsule", "120mg capsules": the amount is what one unit
    /// holds.
    private static func saysOneUnitHolds(_ amount: Amount, _ words: [String]) -> Bool {
        let before = words[max(0, amount.wordIndex - 4)..<amount.wordIndex]
        // "the scoop is 2 grams", "each cap has 120mg"
        let unitIsOrHolds = zip(before, before.dropFirst()).contains { unit, verb in
            filteredServingUnits[unit] != nil && holdingVerbs.contains(verb)
        }
        let after = words[
            min(words.count, amount.wordIndex + 2)..<min(words.count, amount.wordIndex + 5)]
        return unitIsOrHolds || before.contains(where: eachWords.contains)
            || after.first.map(eachWords.contains) ?? false
            // "120mg capsules", "500mg bisglycinate capsules"
            || after.prefix(2).contains { filteredServingUnits[$0] != nil }
            || (after.first == "a"
                && after.dropFirst().first.map { servingUnits[$0] != nil } ?? false)
    }

    /// More elemental magnesium than any one capsule or scoop holds: the adult limit for a day.
    private static let mostElementalInOneUnit = 350.0

    private static let eachWords: Set<String> = ["each", "per", "every"]
    private static let holdingVerbs: Set<String> = [
        "is", "s", "has", "holds", "contains", "gives", "provides",
    ]

    /// "2 caps or 4", "3 or 4 tablets": two counts of units offered as a choice; nil otherwise.
    static func countsChosen(_ words: [String]) -> [Int]? {
        for index in words.indices
        where words[index] == "or" && index > 0 && index + 1 < words.count {
            var before = index - 1
            if Self.filteredServingUnits[words[before]] != nil, before > 0 { before -= 1 }
            guard let first = Int(words[before]), let second = Int(words[index + 1]),
                first != second,
                [first, second].allSatisfy({ (1...UnitsADay.mostUnits).contains($0) })
            else { continue }
            // "2 or 3 times a day", "3 or 4 weeks" count something else.
            let after = index + 2 < words.count ? words[index + 2] : ""
            guard Self.filteredServingUnits[after] != nil || !Self.countedOtherwise.contains(after)
            else { continue }
            return [first, second]
        }
        return nil
    }

    private static let countedOtherwise: Set<String> = [
        "times", "x", "hours", "hrs", "days", "weeks", "months", "years", "mg", "g", "mcg",
        "nights",
    ]

    /// The elemental magnesium in one serving of what the person said they take.
    private func servingMagnesium(_ stated: StatedAmounts) -> Double? {
        stated.compound.flatMap { compound in
            stated.form.flatMap(elementalShare).map { compound * $0 / 100 }
        } ?? stated.daily
    }

    /// Whether the words say something is taken, or how often: "I take 2 of them", "3 a day".
    static func saysTaking(_ words: [String]) -> Bool {
        words.contains { Self.takingWords.contains($0) }
            || Self.contains(["a", "day"], in: words) || words.contains("daily")
            // "can i go up to 4 caps", "increase to 3 tablets"
            || Self.contains(["up", "to"], in: words) || words.contains("increase")
    }

    private static let takingWords: Set<String> = [
        "take", "takes", "taking", "took", "have", "having", "had", "swallow", "use", "using",
    ]

    /// Whether `phrase` stands in `words`, its words next to each other: a plain scan, which costs
    /// far less than the standard library's search for a run of elements.
    static func contains(_ phrase: [String], in words: [String]) -> Bool {
        guard !phrase.isEmpty else { return true }
        guard phrase.count <= words.count else { return false }
        return (0...(words.count - phrase.count)).contains { start in
            phrase.indices.allSatisfy { words[start + $0] == phrase[$0] }
        }
    }

    private static let percentWords = FilteredWords(["percentage", "percent", "proportion"])
    private static let howMuchWords = FilteredWords([
        "lot", "much", "little", "enough", "barely", "high", "low", "big", "small",
    ])
    /// Words that add a second amount to the first ("I also take a multivitamin with 100 mg").
    private static let onTop: [[String]] = [
        ["also"], ["plus"], ["on", "top"], ["as", "well"], ["another"], ["multivitamin"],
        ["extra"], ["add"], ["both"], ["together"],
    ]

    private func addPercentage(_ stated: StatedAmounts, into builder: inout AnswerBuilder) {
        guard let elemental = stated.elemental, let compound = stated.compound, compound > 0 else {
            return
        }
        let percent = (elemental / compound * 1000).rounded() / 10
        var text =
            "\(Amounts.shown(elemental)) mg of magnesium in \(Amounts.shown(compound)) mg of the compound is about \(Amounts.shown(percent)) % elemental magnesium."
        if let form = stated.form, let share = elementalShare(form) {
            let fits = abs(percent - share) <= Thresholds.shareTolerance
            text +=
                fits
                ? " That is what pure \(selector.name(form)) gives (about \(Amounts.shown(share)) %). "
                : " Pure \(selector.name(form)) is about \(Amounts.shown(share)) %, so this product is not pure \(selector.name(form)): "
                    + (percent > share
                        ? "a higher share usually means another form, such as oxide, is mixed in (buffered). "
                        : "a lower share can mean a hydrated form or added ingredients. ")
            text += builder.cite(graph.property("elemental-share", ofTopic: form)?.sourceIDs ?? [])
        }
        builder.add(text)
    }

    /// "Serving size 2 tablets, magnesium 200mg ... is that 200 in each tablet or what": a label
    /// and the question of what one unit holds, in the same line. Nil when the line is not that.
    private func perUnitOfThisLabel(_ understanding: Understanding, context: inout [String])
        -> Reply?
    {
        let words = understanding.tokens.map(\.text)
        guard Self.asksWhatOneUnitHolds(words), let label = statedAmounts(in: understanding),
            let units = label.units, units > 1, let perServing = label.elemental ?? label.daily
        else { return nil }
        var builder = AnswerBuilder()
        addPerUnit(label, into: &builder)
        addAgainstLimits(
            perServing,
            saying:
                "One serving (\(units) \(UnitsADay.plural(label.unitWord)), \(Amounts.shown(perServing)) mg) a day is ",
            into: &builder)
        context.append("worked out from the label in the line")
        return Reply(builder, intent: Self.amountCheckIntent, confidence: 1)
    }

    /// "Wait, sorry, it's per 4 capsules not 2": the serving of the label said before, corrected,
    /// and what one unit then holds. Nil when the line is not that.
    private mutating func servingCorrected(_ understanding: Understanding, context: inout [String])
        -> Reply?
    {
        let words = understanding.tokens.map(\.text)
        guard var label = stated, label.elemental ?? label.daily != nil,
            words.contains(where: Self.correctionWords.contains),
            let (count, unitWord) = Self.unitsPerServing(words), count != label.units,
            amounts(in: understanding).filter(\.isUsable).isEmpty
        else { return nil }
        label.units = count
        label.unitWord = unitWord
        label.perServing = true
        stated = label
        var builder = AnswerBuilder()
        addPerUnit(label, into: &builder)
        addUnitsToTheLimit(label, into: &builder)
        guard !builder.isEmpty else { return nil }
        context.append("the serving said before, corrected")
        return Reply(builder, intent: Self.amountCheckIntent, confidence: 1)
    }

    private static let correctionWords: Set<String> = [
        "not", "sorry", "actually", "meant", "wait", "oops", "correction", "misread",
    ]

    /// "Is that too much? I'm 34, no meds" right after a sum of the day's capsules: the verdict on
    /// that total, and how many capsules stay within the limits. Nil when the line is not that.
    private mutating func verdictOnTheLastSum(
        _ understanding: Understanding, context: inout [String]
    ) -> Reply? {
        let words = understanding.tokens.map(\.text)
        guard let total = stated?.sumLastTurn, let stated,
            words.prefix(4).contains(where: Self.sumStandIns.contains),
            words.prefix(6).contains(where: { Self.verdictAskingWords.contains($0) }),
            amounts(in: understanding).filter(\.isUsable).isEmpty
        else { return nil }
        let limits = amountLimits()
        guard let lowest = limits.compactMap(\.number).min() else { return nil }
        var builder = AnswerBuilder()
        // "Is that too much?" is answered yes when it is over; "is that fine?" no.
        let asksIfAllRight = words.prefix(6).contains(where: Self.allRightWords.contains)
        addAgainstLimits(
            total,
            saying: ((total > lowest) != asksIfAllRight ? "Yes: " : "No: ")
                + "about \(Amounts.shown(total)) mg of elemental magnesium a day is ",
            into: &builder)
        if total > lowest { addUnitsToTheLimit(stated, into: &builder) }
        self.stated?.sumLastTurn = nil
        context.append("the sum worked out the line before, checked")
        return Reply(builder, intent: Self.amountCheckIntent, confidence: 1)
    }

    private static let allRightWords: Set<String> = ["ok", "okay", "safe", "fine", "alright"]
    /// "How much am I actually getting?": what the person takes in.
    private static let gettingWords: Set<String> = ["getting", "taking", "having"]

    /// "Is that", "is it": words standing for the sum worked out the line before.
    private static let sumStandIns: Set<String> = ["that", "thats", "it"]

    /// "Too much", "a lot", "ok", "safe": words that ask for a verdict on an amount.
    private static let verdictAskingWords: Set<String> = [
        "too", "lot", "ok", "okay", "safe", "fine", "alright", "over", "much",
    ]

    /// "In each tablet", "per capsule", "one cap": the line asks what a single unit holds.
    private static func asksWhatOneUnitHolds(_ words: [String]) -> Bool {
        zip(words, words.dropFirst()).contains { first, second in
            oneUnitWords.contains(first) && !second.hasSuffix("s")
                && servingUnits[second].map(countedUnits.contains) == true
        }
    }

    private static let oneUnitWords: Set<String> = ["each", "per", "one", "a"]
    /// Units of which one can be asked about (not a scoop, which is measured, not counted).
    private static let countedUnits: Set<String> = ["capsule", "tablet", "softgel", "gummy"]

    private func addPerUnit(_ stated: StatedAmounts, into builder: inout AnswerBuilder) {
        guard let units = stated.units, units > 1, let perServing = stated.elemental ?? stated.daily
        else { return }
        let each = perServing / Double(units)
        builder.add(
            "Each \(stated.unitWord) has about \(Amounts.shown((each * 10).rounded() / 10)) mg of elemental magnesium: \(Amounts.shown(perServing)) mg divided by \(units) \(UnitsADay.plural(stated.unitWord))."
        )
    }

    private func addUnitsToTheLimit(_ stated: StatedAmounts, into builder: inout AnswerBuilder) {
        guard let perServing = stated.elemental ?? stated.daily, perServing > 0 else { return }
        let each = perServing / Double(stated.units ?? 1)
        let limits = amountLimits()
        guard !limits.isEmpty else { return }
        let parts = limits.compactMap { limit -> String? in
            guard let number = limit.number else { return nil }
            let within = Int((number / each).rounded(.down))
            return
                "\(UnitsADay.counted(within, stated.unitWord)) (\(Amounts.shown(Double(within) * each)) mg) \(within == 1 ? "stays" : "stay") within \(limit.value), and \(within + 1) (\(Amounts.shown(Double(within + 1) * each)) mg) go over it"
        }
        builder.add(
            "At \(Amounts.shown((each * 10).rounded() / 10)) mg of elemental magnesium a \(stated.unitWord): "
                + parts.joined(separator: "; ") + ". " + builder.cite(limits.flatMap(\.sourceIDs)))
    }

    private func addAgainstLimits(
        _ milligrams: Double, saying opening: String, into builder: inout AnswerBuilder
    ) {
        let limits = amountLimits()
        guard !limits.isEmpty else { return }
        builder.add(
            opening
                + Self.against(
                    milligrams, limits, limitsName: Self.limitsName(forAge: Thresholds.adultAge))
                + ". " + builder.cite(limits.flatMap(\.sourceIDs)))
    }

    /// The adult limits an amount is checked against, as `intents.yaml` names them for doses.
    private func amountLimits() -> [Property] {
        graph.intent(Self.amountCheckIntent).map(limits(of:)) ?? []
    }
}
