import MagnesiumKnowledge
import MagnesiumUnderstanding

/// A reply to the clarifying question just asked ("the second one", "the dose"). A full question,
/// or one naming topics the clarification was not about, is new, not an answer.
struct AnswerToClarification: DialogueRule {
    func reply(to turn: inout DialogueTurn, in session: inout Session) -> Reply? {
        session.answerToClarification(&turn)
    }
}

extension Session {
    fileprivate mutating func answerToClarification(_ turn: inout DialogueTurn) -> Reply? {
        let understanding = turn.understanding
        let mentioned = turn.mentioned
        let pendingTopics: [String]
        switch pending {
        case .intent(let topic, _)?: pendingTopics = [topic]
        case .topic(_, let options)?: pendingTopics = options
        case nil: pendingTopics = []
        }
        let namesOtherTopics =
            !mentioned.isEmpty && !mentioned.contains(where: pendingTopics.contains)
        let isNewQuestion =
            (turn.best.score >= Thresholds.confidentScore && understanding.tokens.count > 3)
            || (namesOtherTopics && understanding.tokens.count > 2)
        let waiting = pending
        // Answered or not, the question asked is settled: any new one is asked afresh.
        pending = nil
        guard let waiting, !isNewQuestion else { return nil }
        switch waiting {
        case .intent(let topic, let options):
            if let chosen = choose(among: options, in: understanding) {
                turn.context.append("answering the question I asked about \(selector.name(topic))")
                return content(
                    intent: chosen, subjects: [topic], understanding: understanding,
                    confidence: 0.9, context: &turn.context)
            }
        case .topic(let intent, let options):
            if let chosen = options.first(where: { mentioned.contains($0) })
                ?? ordinalChoice(options, understanding)
            {
                turn.context.append("answering the question I asked")
                return content(
                    intent: intent, subjects: [chosen], understanding: understanding,
                    confidence: 0.9, context: &turn.context)
            }
        }
        return nil
    }
}
