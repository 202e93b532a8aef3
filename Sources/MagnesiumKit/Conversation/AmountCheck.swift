import MagnesiumKnowledge
import MagnesiumText
import MagnesiumUnderstanding

/// An amount named in a question, checked against the limits.
extension Session {
    /// Amounts named in the question ("700mg", "0.5 g", "1e3 mg", "-700 mg"), in order (read by
    /// ``Amounts``).
    func amounts(in understanding: Understanding) -> [Amount] { Amounts.read(understanding.tokens) }

    /// "Is 700 mg too much?": the amount against the limits the intent names, read both as
    /// elemental magnesium and as the weight of the form being discussed. An amount no one can take
    /// is named and refused.
    func addAmountCheck(
        _ understanding: Understanding, intent: Intent, subjects: [String], person: Person,
        into builder: inout AnswerBuilder
    ) {
        guard let found = amounts(in: understanding).first, !intent.amountLimits.isEmpty else {
            return
        }
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
        let limits = intent.amountLimits.compactMap { limit in
            graph.property(limit.property, ofTopic: limit.topic)
        }
        .filter { $0.number != nil }
        guard !limits.isEmpty else { return }
        if found.isAbsurd {
            builder.add(
                "\(found.written) a day is not an amount anyone could take: it is far above the \(limitsName) (\(limits.map(\.value).joined(separator: "; "))). "
                    + builder.cite(limits.flatMap(\.sourceIDs)))
            return
        }
        let amount = found.milligrams
        let shown = Amounts.shown(amount)
        let above = limits.filter { amount > $0.number! }
        let within = limits.filter { amount <= $0.number! }
        var sentence = "Read as elemental magnesium, \(shown) mg a day is "
        if within.isEmpty {
            sentence +=
                "above the \(limitsName) (\(above.map(\.value).joined(separator: "; ")))"
        } else if above.isEmpty {
            sentence +=
                "within the \(limitsName) (\(within.map(\.value).joined(separator: "; ")))"
        } else {
            sentence +=
                "above the \(above.map(\.value).joined(separator: "; ")) limit but within the \(within.map(\.value).joined(separator: "; ")) limit for adults"
        }
        builder.add(sentence + ". " + builder.cite(limits.flatMap(\.sourceIDs)))
        let form = (subjects + focus).flatMap { selector.lineage($0) }.first { id in
            graph.property("elemental-share", ofTopic: id)?.number != nil
        }
        if let form, let share = graph.property("elemental-share", ofTopic: form),
            let percent = share.number
        {
            let elemental = Amounts.shown((amount * percent / 100).rounded())
            builder.add(
                "If \(shown) mg is the weight of \(selector.name(form)) (about \(String(percent)) % magnesium), it gives about \(elemental) mg of elemental magnesium. "
                    + builder.cite(share.sourceIDs))
        }
    }

    /// What the limits are called for someone of `age`: a teenager's are the adults'.
    private static func limitsName(forAge age: Int) -> String {
        age < Thresholds.adultAge
            ? "upper limits for supplements, the adult ones from age \(Thresholds.adultLimitsAge)"
            : "adult upper limits for supplements"
    }
}
