import MagnesiumKnowledge
import MagnesiumText
import MagnesiumUnderstanding

/// The caution an answer about taking magnesium ends with.
extension Session {
    /// A short note to ask a professional, once per situation, where it matters.
    mutating func addCaution(
        intent: String, person: Person, into builder: inout AnswerBuilder
    ) {
        guard ["dose", "safety", "interactions", "timing", "upper-limit"].contains(intent) else {
            return
        }
        let situation = person.audience.sorted().joined(separator: ",")
        guard !cautionedFor.contains(situation) else { return }
        cautionedFor.insert(situation)
        if person.audience.isEmpty {
            builder.add(
                "If you take prescription medicines or have a health condition, check with a pharmacist or doctor before starting."
            )
        } else {
            let names = person.audience.map { selector.name($0) }
            // A midwife only for those she cares for: not a child, not an older man on diuretics.
            let carers =
                person.audience.contains {
                    $0 == ReservedID.pregnancy || $0 == ReservedID.breastfeeding
                }
                ? "doctor, midwife or pharmacist" : "doctor or pharmacist"
            builder.add(
                "Please check with your \(carers) before starting magnesium (this matters for: \(names.joined(separator: ", ")))."
            )
        }
    }
}
