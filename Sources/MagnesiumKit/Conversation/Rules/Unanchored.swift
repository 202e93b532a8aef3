import MagnesiumKnowledge
import MagnesiumUnderstanding

/// A question that names nothing we know and leans on nothing said before needs a clear match.
/// "it" with nothing said before means the product this assistant is about, so it anchors too. In
/// a conversation already under way, a bare "how much?" or "which is better?" leans on it too.
struct Unanchored: DialogueRule {
    func reply(to turn: inout DialogueTurn, in session: inout Session) -> Reply? {
        let understanding = turn.understanding
        let leansOnContext =
            session.focus.first != nil
            || understanding.tokens.contains {
                Session.pronouns.contains($0.text) || Session.doseUnits.contains($0.text)
            }
        guard
            turn.mentioned.isEmpty && !leansOnContext
                && turn.best.score < Thresholds.unanchoredScore
        else { return nil }
        return session.outOfScopeReply(understanding)
    }
}
