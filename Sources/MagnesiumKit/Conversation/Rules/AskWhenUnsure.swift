import MagnesiumKnowledge
import MagnesiumUnderstanding

/// Unsure what is asked about a topic: ask instead of guessing, offering the best readings and the
/// usual questions. Not when the topic is the very thing the best intent is about ("how much can
/// she have?" while talking about the dose) and the runner-up would answer alike.
struct AskWhenUnsure: DialogueRule {
    func reply(to turn: inout DialogueTurn, in session: inout Session) -> Reply? {
        session.askWhenUnsure(&turn)
    }
}

extension Session {
    fileprivate mutating func askWhenUnsure(_ turn: inout DialogueTurn) -> Reply? {
        let best = turn.best
        let runnerUp = runnerUp(to: best.intent, in: turn.understanding)
        let topicIsHome =
            (turn.subjects.first ?? focus.first).map {
                graph.homeTopics(ofIntent: best.intent)?.contains($0) == true
            } ?? false
        let runnerUpAlike = runnerUp.map { !differentAnswers(best.intent, $0.intent) } ?? true
        guard best.score < Thresholds.confidentScore,
            !(topicIsHome && runnerUpAlike && best.score >= Thresholds.minimumScore),
            let topic = (turn.subjects.first ?? focus.first), !isEllipsis(turn.understanding)
        else { return nil }
        var options = [best.intent]
        if let runnerUp, runnerUp.score > 0.1 { options.append(runnerUp.intent) }
        for fallback in [ReservedID.definition, ReservedID.dose, ReservedID.safety]
        where !options.contains(fallback) && options.count < 3 { options.append(fallback) }
        awaitChoice(
            among: options, about: topic, turn.understanding, context: &turn.context)
        let labels = options.map(label)
        let text =
            "I'm not sure what you'd like to know about \(selector.name(topic)). Do you mean \(joinedOr(labels))?"
        var reply = Reply(
            question: "", text: text, intent: DialogueIntent.unsure, topics: [topic],
            confidence: best.score)
        reply.context =
            turn.subjects.isEmpty ? ["topic from earlier: \(selector.name(topic))"] : []
        return reply
    }
}
