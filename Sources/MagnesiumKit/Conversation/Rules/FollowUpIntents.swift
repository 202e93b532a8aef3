import MagnesiumKnowledge
import MagnesiumUnderstanding

/// "source?", "why?", "tell me more", "what topics do you know?": about the last answer or the
/// assistant itself, answered when clearly asked.
struct FollowUpIntents: DialogueRule {
    func reply(to turn: inout DialogueTurn, in session: inout Session) -> Reply? {
        let best = turn.best
        guard best.score >= Thresholds.confidentScore else { return nil }
        switch best.intent {
        case ReservedID.source: return session.sources(score: best.score)
        case ReservedID.why: return session.why(score: best.score, context: &turn.context)
        case ReservedID.more: return session.more(score: best.score, context: &turn.context)
        case ReservedID.topicsList: return session.topicsList()
        default: return nil
        }
    }
}
