import MagnesiumKnowledge
import MagnesiumUnderstanding

/// Two readings fit a topic almost equally and would answer differently: ask which was meant,
/// when the line's own words point to each apart ("and magnesium? she's a fussy eater" points
/// to neither interactions nor safety, and a menu of them would make no sense).
struct AskBetweenTwo: DialogueRule {
    func reply(to turn: inout DialogueTurn, in session: inout Session) -> Reply? {
        session.askBetweenTwo(&turn)
    }
}

extension Session {
    fileprivate mutating func askBetweenTwo(_ turn: inout DialogueTurn) -> Reply? {
        let best = turn.best
        guard let runnerUp = runnerUp(to: best.intent, in: turn.understanding),
            best.score < 0.6, best.score - runnerUp.score < 0.03,
            differentAnswers(best.intent, runnerUp.intent),
            understander.intents(
                best.intent, runnerUp.intent, wordedApartIn: turn.understanding),
            let topic = turn.subjects.first ?? focus.first
        else { return nil }
        awaitChoice(
            among: [best.intent, runnerUp.intent], about: topic, turn.understanding,
            context: &turn.context)
        let text =
            "About \(selector.name(topic)): do you mean \(label(best.intent)), or \(label(runnerUp.intent))?"
        return Reply(
            question: "", text: text, intent: DialogueIntent.unsure, topics: [topic],
            confidence: best.score)
    }
}
