import MagnesiumKnowledge
import MagnesiumUnderstanding

/// "why?", "tell me more", "source?" are short; "why does that happen?" or "what else could cause
/// them?" are questions about the subject, so a content intent that also fits takes them.
/// Rereads the line; never answers itself.
struct LongFollowUpIsAQuestion: DialogueRule {
    func reply(to turn: inout DialogueTurn, in session: inout Session) -> Reply? {
        if let question = session.contentReadingOfLongFollowUp(turn) { turn.best = question }
        return nil
    }
}

extension Session {
    fileprivate func contentReadingOfLongFollowUp(
        _ turn: DialogueTurn
    ) -> (intent: String, score: Double)? {
        let best = turn.best
        guard [ReservedID.why, ReservedID.more, ReservedID.source].contains(best.intent),
            turn.understanding.tokens.count >= 4, best.score < 0.8,
            let content = turn.understanding.ranked.first(where: {
                graph.isContentIntent($0.intent)
            }),
            content.score >= Thresholds.confidentScore
        else { return nil }
        return content
    }
}
