import MagnesiumKnowledge
import MagnesiumUnderstanding

/// "and citrate?", "what about for kids?", "and for someone 75?": the last question again with a
/// new topic or person. A line that is clearly its own question ("what is magnesium chloride",
/// "side effects?") is not an ellipsis.
struct EllipsisFollowUp: DialogueRule {
    func reply(to turn: inout DialogueTurn, in session: inout Session) -> Reply? {
        session.lastQuestionAgain(&turn)
    }
}

extension Session {
    fileprivate mutating func lastQuestionAgain(_ turn: inout DialogueTurn) -> Reply? {
        let understanding = turn.understanding
        let best = turn.best
        let opensAsFollowUp =
            ["and", "or", "also"].contains(understanding.tokens.first?.text ?? "")
            || Understander.opensWithWhatAbout(understanding.tokens.lazy.map(\.text))
        let ownQuestion =
            !opensAsFollowUp && graph.isContentIntent(best.intent)
            && best.score >= Thresholds.ownQuestionScore && best.intent != lastAnswer?.intent
        guard let last = lastAnswer, !ownQuestion,
            !turn.mentioned.isEmpty || statedQuestionAge(understanding) != nil,
            isEllipsis(understanding)
        else { return nil }
        var newSubjects = turn.subjects.filter { !graph.isAudienceTopic($0) }
        if newSubjects.isEmpty { newSubjects = last.topics }
        // "and citrate?" after a question on bisglycinate repeats the question; "what about
        // pumpkin seeds?" after a dose question asks about a different kind of thing, so it
        // gets that thing's short answer.
        let lastKinds = Set(
            (last.topics + (lastReply?.topics ?? [])).compactMap { graph.kind(ofTopic: $0) })
        if !newSubjects.contains(where: { lastKinds.contains(graph.kind(ofTopic: $0) ?? "") }) {
            return content(
                intent: ReservedID.definition, subjects: newSubjects, understanding: understanding,
                confidence: 0.6, context: &turn.context)
        }
        if !turn.groups.isEmpty {
            turn.context.append(
                "for: " + turn.groups.map { selector.name($0) }.joined(separator: ", "))
        }
        turn.context.append(
            "same question as before (\(last.intent)) about \(newSubjects.map { selector.name($0) }.joined(separator: ", "))"
        )
        return content(
            intent: last.intent, subjects: newSubjects, understanding: understanding,
            confidence: 0.8, context: &turn.context)
    }
}
