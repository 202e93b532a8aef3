import MagnesiumKnowledge
import MagnesiumUnderstanding

/// A designed answer from `Knowledge/answers/` that fits the line, or a follow-up ("why?", "tell
/// me more") to the last one (see DesignedAnswering.swift).
struct DesignedAnswerRule: DialogueRule {
    func reply(to turn: inout DialogueTurn, in session: inout Session) -> Reply? {
        if let reply = session.designedTurn(
            turn.understanding, profileChanges: turn.profileChanges, context: &turn.context)
        {
            return reply
        }
        // Whatever answers now, "tell me more" and "why?" no longer refer to a designed answer.
        session.designed = nil
        return nil
    }
}
