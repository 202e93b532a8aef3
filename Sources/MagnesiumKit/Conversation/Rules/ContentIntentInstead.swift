import MagnesiumKnowledge
import MagnesiumUnderstanding

/// A domain topic was named but the phrasing looked like something else (out of scope, small
/// talk, a follow-up): the line is reread as its best content intent. Never answers itself.
struct ContentIntentInstead: DialogueRule {
    func reply(to turn: inout DialogueTurn, in session: inout Session) -> Reply? {
        if let content = session.contentReadingInstead(of: turn) { turn.best = content }
        return nil
    }
}

extension Session {
    fileprivate func contentReadingInstead(
        of turn: DialogueTurn
    ) -> (intent: String, score: Double)? {
        let best = turn.best.intent
        guard
            best == ReservedID.outOfScope || graph.hasFixedReply(best)
                || [
                    ReservedID.source, ReservedID.why, ReservedID.more, ReservedID.topicsList,
                    ReservedID.profile,
                ].contains(best)
        else { return nil }
        return turn.understanding.ranked.first { graph.isContentIntent($0.intent) }
            ?? (ReservedID.definition, 0.3)
    }
}
