import MagnesiumKnowledge
import MagnesiumUnderstanding

extension Session {
    /// "What's the safe upper limit for zinc then?": an amount of another substance the graph
    /// knows (zinc, calcium, glycine), asked without magnesium, when the best answer does not give
    /// its amounts. Magnesium's limits, or how zinc and magnesium interact, would answer a
    /// different question as if it were the one asked.
    func amountOfAnotherSubstance(_ understanding: Understanding, best: RankedAnswer?) -> String? {
        // The topics first: most lines name no other substance, and reading the kind asked
        // costs more.
        guard
            let other = understanding.topicIDs.first(where: {
                graph.kind(ofTopic: $0) == "substance" && $0 != ReservedID.magnesium
            }),
            Self.kindsAsked(understanding.tokens.map(\.text)).contains("amount"),
            !namesMagnesium(understanding),
            !(best.map { writesAnAmount(of: other, graph.answers[$0.answer]) } ?? false)
        else { return nil }
        return graph.topic(other)?.name
    }

    private func writesAnAmount(of substance: String, _ answer: DesignedAnswer) -> Bool {
        answer.topicIDs.contains(substance) && answer.asks == "amount"
    }
}
