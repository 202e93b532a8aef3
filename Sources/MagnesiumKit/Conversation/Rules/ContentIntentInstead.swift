import MagnesiumKnowledge
import MagnesiumUnderstanding

/// A domain topic was named but the phrasing looked like something else (out of scope, small
/// talk, a follow-up): the line is reread as its best content intent.
struct ContentIntentInstead: RereadingRule {
    func reading(
        of turn: DialogueTurn, in session: Session
    ) -> (intent: String, score: Double)? {
        let best = turn.best.intent
        guard
            best == ReservedID.outOfScope || session.graph.hasFixedReply(best)
                || [
                    ReservedID.source, ReservedID.why, ReservedID.more, ReservedID.topicsList,
                    ReservedID.profile,
                ].contains(best)
        else { return nil }
        return turn.understanding.ranked.first { session.graph.isContentIntent($0.intent) }
            ?? (ReservedID.definition, 0.3)
    }
}
