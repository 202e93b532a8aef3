import MagnesiumKnowledge
import MagnesiumUnderstanding

/// "So how much is in each capsule?", "and what percentage is that?", "what if I also take a
/// multivitamin with 100 mg?": a sum on the amounts the person said before is worked out, since
/// no written answer holds their label's figures; so is one asked in a line that gives both amounts
/// ("how many caps for 300 mg if each is 120 mg?").
struct LabelSum: DialogueRule {
    func reply(to turn: inout DialogueTurn, in session: inout Session) -> Reply? {
        session.unitsForAnAmount(turn.understanding, context: &turn.context)
            ?? session.labelArithmetic(turn.understanding, context: &turn.context)
    }
}
