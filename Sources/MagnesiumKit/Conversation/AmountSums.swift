import MagnesiumText
import MagnesiumUnderstanding

/// Several amounts said together ("each cap has 120mg elemental and the drink has 250mg", "200 mg
/// plus the 150 mg in my multivitamin") are checked as the day's total: the limit is on all
/// supplemental magnesium together, and checking only the first amount would call a day over the
/// limit "within" it.
extension Session {
    /// The amounts added up: the total and how it was worked out ("3 × 120 mg + 250 mg").
    struct AddedAmounts: Equatable {
        var milligrams: Double
        var working: String
    }

    /// The sum of `amounts` when the line joins them as parts of one day ("and", "plus") rather
    /// than as choices or a range ("or", "to", "between"); nil otherwise. An amount said per
    /// capsule ("each cap has 120 mg") counts once for each capsule the person said they take, in
    /// this line or in `earlier` (the question before).
    static func addedUp(_ amounts: [Amount], in words: [String], earlier: [String]) -> AddedAmounts?
    {
        guard amounts.count >= 2, amounts.count <= maxAmountsAdded,
            // "The oxide says 500mg and the glycinate 100mg, oxide seems better value?" sets two
            // products side by side: neither is taken on top of the other.
            !words.contains(where: productComparingWords.contains)
        else { return nil }
        // "between 100 mg and 300 mg", "either 200 mg and ...": a choice, said before the first.
        let opening = words[max(0, amounts[0].wordIndex - 2)..<amounts[0].wordIndex]
        guard !opening.contains(where: alternativeWords.contains) else { return nil }
        for (first, second) in zip(amounts, amounts.dropFirst()) {
            let from = min(first.wordIndex + 2, second.wordIndex)
            let between = words[from..<second.wordIndex]
            guard between.contains(where: sumWords.contains),
                !between.contains(where: alternativeWords.contains)
            else { return nil }
        }
        var total = 0.0
        var parts: [String] = []
        for amount in amounts {
            let count = unitCount(for: amount, in: words, earlier: earlier)
            total += amount.milligrams * Double(count ?? 1)
            let shown = "\(Amounts.shown(amount.milligrams)) mg"
            parts.append(count.map { "\($0) × \(shown)" } ?? shown)
        }
        return AddedAmounts(milligrams: total, working: parts.joined(separator: " + "))
    }

    static let maxAmountsAdded = 6
    static let productComparingWords: Set<String> = [
        "vs", "versus", "compared", "compare", "comparing", "better", "worse", "cheaper",
        "dearer", "stronger", "weaker",
    ]
    /// "Mine already has 100mg, can I add a 300mg one on top?" joins them too.
    static let sumWords: Set<String> = [
        "and", "plus", "+", "also", "together", "&", "another", "add", "adding", "top", "extra",
        "alongside",
    ]
    static let alternativeWords: Set<String> = [
        "or", "to", "-", "vs", "versus", "between", "either", "than", "instead", "from",
    ]

    /// How many of a unit are taken when `amount` is said per unit ("each cap has 120 mg",
    /// "120 mg per tablet"): the count said of that unit ("3 caps a day"), else nil.
    static func unitCount(for amount: Amount, in words: [String], earlier: [String]) -> Int? {
        let window = words[max(0, amount.wordIndex - 4)..<min(words.count, amount.wordIndex + 5)]
        let perUnit = window.indices.dropLast().lazy.compactMap { index -> String? in
            guard perWords.contains(window[index]) else { return nil }
            return servingUnits[window[index + 1]]
        }.first
        // "2 tablets of 100mg each": "each" after the amount, the unit before it.
        let eachAfter =
            amount.wordIndex + 2 < words.count && words[amount.wordIndex + 2] == "each"
            ? words[max(0, amount.wordIndex - 3)..<amount.wordIndex].lazy
                .compactMap { servingUnits[$0] }.last : nil
        guard let unit = perUnit ?? eachAfter else { return nil }
        return count(of: unit, in: words) ?? count(of: unit, in: earlier)
    }

    static let perWords: Set<String> = ["each", "per", "every", "a", "one"]

    /// "3 magnesium glycinate caps a day": a number of units, the unit within the next 3 words.
    private static func count(of unit: String, in words: [String]) -> Int? {
        for (index, word) in words.enumerated() {
            guard let number = Int(word), (2...maxUnitsCounted).contains(number) else { continue }
            let after = words[(index + 1)..<min(words.count, index + 4)]
            // "3 g" is an amount, not a count.
            if let next = after.first, !Amounts.read(words: [word, next]).isEmpty { continue }
            if after.contains(where: { servingUnits[$0] == unit }) { return number }
        }
        return nil
    }

    static let maxUnitsCounted = 20
}
