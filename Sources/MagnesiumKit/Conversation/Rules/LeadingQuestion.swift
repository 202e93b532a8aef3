import MagnesiumKnowledge
import MagnesiumUnderstanding

/// "It cures cramps for good, right?": a leading question gets the evidence, not agreement: the
/// claim checked when one fits, otherwise the evidence about the subject.
struct LeadingQuestion: DialogueRule {
    func reply(to turn: inout DialogueTurn, in session: inout Session) -> Reply? {
        guard session.isLeading(turn.understanding),
            !turn.mentioned.isEmpty || session.focus.first != nil
        else { return nil }
        if let reply = session.checkedClaim(
            turn.understanding, confidence: max(turn.best.score, 0.6), context: &turn.context)
        {
            return reply
        }
        return session.content(
            intent: ReservedID.evidence, subjects: turn.subjects,
            understanding: turn.understanding, confidence: max(turn.best.score, 0.5),
            context: &turn.context)
    }
}
