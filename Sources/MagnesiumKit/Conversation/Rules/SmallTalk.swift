import MagnesiumKnowledge
import MagnesiumUnderstanding

/// A greeting, thanks or goodbye gets its fixed reply. Small talk wins only when it is clearly
/// small talk: a question naming a topic is about that topic, and a line that only shares a word
/// or two with a goodbye ("I run marathons") is not one.
struct SmallTalk: DialogueRule {
    func reply(to turn: inout DialogueTurn, in session: inout Session) -> Reply? {
        session.smallTalk(turn)
    }
}

extension Session {
    fileprivate func smallTalk(_ turn: DialogueTurn) -> Reply? {
        let best = turn.best
        guard let index = graph.intentIndex[best.intent], graph.intents[index].reply != nil,
            best.score
                >= (turn.mentioned.isEmpty
                    ? Thresholds.smallTalkScore : Thresholds.smallTalkWithTopicScore)
        else { return nil }
        return conversational(graph.intents[index], score: best.score)
    }
}
