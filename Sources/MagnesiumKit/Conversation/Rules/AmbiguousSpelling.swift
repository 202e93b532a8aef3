import MagnesiumKnowledge
import MagnesiumUnderstanding

/// A misspelling equally close to two topics ("glycinte": glycinate or glycine?): ask which.
struct AmbiguousSpelling: DialogueRule {
    func reply(to turn: inout DialogueTurn, in session: inout Session) -> Reply? {
        session.topicAmbiguity(turn.understanding, best: turn.best.intent)
    }
}
