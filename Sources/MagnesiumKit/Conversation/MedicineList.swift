import MagnesiumKnowledge
import MagnesiumUnderstanding

/// "She's on alendronic acid, furosemide, omeprazole and amlodipine": a list of medicines told
/// with no question is more than something to note. What each means for magnesium is the point
/// of telling it (one lowers magnesium, one needs spacing), so each medicine noted gets the
/// direct first sentence of the answer written about it and magnesium.
extension Session {
    /// One paragraph per medicine the line names and the profile now holds, each the first
    /// sentence of that medicine's best answer on taking magnesium with it; nil for fewer than
    /// two (one medicine told alone is answered whole by the designed answers).
    func whatEachMedicineMeans(_ understanding: Understanding, context: inout [String])
        -> (text: String, sources: [String])?
    {
        let taken = profile.medicines + profile.otherMedicines
        var medicines: [String] = []
        for topic in understanding.topicIDs
        where graph.kind(ofTopic: topic) == "medicine" && taken.contains(topic)
            && !medicines.contains(topic)
        {
            medicines.append(topic)
        }
        guard medicines.count >= 2 else { return nil }
        var builder = AnswerBuilder()
        var paragraphs: [String] = []
        var chosen: [String] = []
        for medicine in medicines.prefix(Self.medicinesSummedUp) {
            let asked = understander.understand(
                "can i take magnesium with \(selector.name(medicine))")
            guard
                let best = understander.rankedAnswers(asked).first(where: {
                    graph.answers[$0.answer].topicID == medicine
                }),
                let first = graph.answers[best.answer].says.first
            else { continue }
            paragraphs.append(sentence(first, &builder))
            chosen.append(graph.answers[best.answer].id)
        }
        guard !paragraphs.isEmpty else { return nil }
        context.append("each medicine's answer: " + chosen.joined(separator: ", "))
        return (paragraphs.joined(separator: "\n"), builder.sourceIDs)
    }

    /// Medicines summed up from one line: a longer list is noted, the first few answered.
    static let medicinesSummedUp = 5
}
