import MagnesiumKnowledge
import MagnesiumUnderstanding

/// "Can I just take both together at bedtime?" from someone on levothyroxine: "both" are the
/// medicine and magnesium, and the answer that matters is how far apart to take them. Its words
/// alone fit the answer on combining magnesium forms, which opens "Yes, forms can be combined".
extension Session {
    /// Puts first the best answer written about one of the person's medicines when the line asks
    /// about taking things together and names nothing else to take.
    func takeTogetherWithTheMedicine(_ ranked: inout [RankedAnswer], _ understanding: Understanding)
    {
        let words = understanding.tokens.map(\.text)
        guard !profile.medicines.isEmpty,
            words.contains(where: Self.togetherWords.contains)
                || Self.contains(["same", "time"], in: words)
        else { return }
        // "Citrate and glycinate together": the things named are what is taken together.
        let namesSomethingTaken = understanding.topicIDs.contains { topic in
            topic != ReservedID.magnesium
                && ["form", "substance", "product"].contains(graph.kind(ofTopic: topic))
        }
        guard !namesSomethingTaken, let first = ranked.first,
            !graph.answers[first.answer].topicIDs.contains(where: profile.medicines.contains),
            let index = ranked.prefix(Self.answersLookedAtForTheMedicine).firstIndex(where: {
                graph.answers[$0.answer].topicIDs.contains(where: profile.medicines.contains)
                    && $0.score >= Thresholds.designedAnswerScore
            })
        else { return }
        let chosen = ranked.remove(at: index)
        ranked.insert(
            RankedAnswer(answer: chosen.answer, score: max(chosen.score, first.score)), at: 0)
    }

    private static let togetherWords: Set<String> = ["together", "both", "simultaneously"]
    /// How far down the ranking the medicine's answer may be found.
    private static let answersLookedAtForTheMedicine = 10
}
