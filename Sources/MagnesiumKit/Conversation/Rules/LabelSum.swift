import MagnesiumKnowledge
import MagnesiumUnderstanding

/// "So how much is in each capsule?", "and what percentage is that?", "what if I also take a
/// multivitamin with 100 mg?": a sum on the amounts the person said before is worked out, since
/// no written answer holds their label's figures.
struct LabelSum: DialogueRule {
    func reply(to turn: inout DialogueTurn, in session: inout Session) -> Reply? {
        session.labelArithmetic(turn.understanding, context: &turn.context)
    }
}
