import MagnesiumKnowledge
import MagnesiumUnderstanding

/// "why?", "tell me more", "source?" are short; "why does that happen?" or "what else could cause
/// them?" are questions about the subject, so a content intent that also fits takes them.
struct LongFollowUpIsAQuestion: RereadingRule {
    func reading(
        of turn: DialogueTurn, in session: Session
    ) -> (intent: String, score: Double)? {
        let best = turn.best
        guard [ReservedID.why, ReservedID.more, ReservedID.source].contains(best.intent),
            turn.understanding.tokens.count >= 4, best.score < 0.8,
            let content = turn.understanding.ranked.first(where: {
                session.graph.isContentIntent($0.intent)
            }),
            content.score >= Thresholds.confidentScore
        else { return nil }
        return content
    }
}
