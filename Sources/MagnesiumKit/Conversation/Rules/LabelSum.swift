import MagnesiumKnowledge
import MagnesiumUnderstanding

/// "So how much is in each capsule?", "and what percentage is that?", "what if I also take a
/// multivitamin with 100 mg?": a sum on the amounts the person said before is worked out, since
/// no written answer holds their label's figures; so is one asked in a line that gives both amounts
/// ("how many caps for 300 mg if each is 120 mg?").
struct LabelSum: DialogueRule {
    func reply(to turn: inout DialogueTurn, in session: inout Session) -> Reply? {
        guard
            var reply = session.unitsForAnAmount(turn.understanding, context: &turn.context)
                ?? session.labelArithmetic(turn.understanding, context: &turn.context)
        else { return nil }
        // "Is that too much? I'm 34, no meds": what the line told is noted above the sum.
        if !turn.profileChanges.isEmpty { reply.note(turn.profileChanges) }
        // The sum is the last answer now: "and when, morning or night?" next leans on no
        // designed answer given before it.
        session.designed = nil
        return reply
    }
}
