import MagnesiumKnowledge
import MagnesiumUnderstanding

/// A line naming no topic that matches nothing well, or the out-of-scope phrasings best, or is
/// mostly words we do not know: outside what the assistant knows.
struct OutOfScope: DialogueRule {
    func reply(to turn: inout DialogueTurn, in session: inout Session) -> Reply? {
        let understanding = turn.understanding
        let best = turn.best
        let outOfScope =
            best.intent == ReservedID.outOfScope || best.score < Thresholds.minimumScore
            || (turn.mentioned.isEmpty
                && understanding.unknownWords.count * 2 > max(understanding.tokens.count, 1)
                && best.score < 0.6)
        guard outOfScope && turn.mentioned.isEmpty else { return nil }
        return session.outOfScopeReply(understanding)
    }
}
