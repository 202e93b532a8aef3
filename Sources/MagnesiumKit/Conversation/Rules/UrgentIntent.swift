import MagnesiumKnowledge
import MagnesiumUnderstanding

/// An emergency the matcher recognised: the reply is left empty here, for the emergency advice to
/// fill (EmergencyAdvice.swift). Not sure enough for that, the line is reread as the closest
/// question about the subject.
struct UrgentIntent: DialogueRule {
    func reply(to turn: inout DialogueTurn, in session: inout Session) -> Reply? {
        guard turn.best.intent == ReservedID.urgent else { return nil }
        if turn.best.score >= Thresholds.urgentScore {
            return Reply(
                question: "", text: "", intent: ReservedID.urgent, topics: turn.mentioned,
                confidence: turn.best.score)
        }
        turn.best = session.bestContentReading(of: turn)
        return nil
    }
}

extension Session {
    fileprivate func bestContentReading(of turn: DialogueTurn) -> (intent: String, score: Double) {
        turn.understanding.ranked.first { graph.isContentIntent($0.intent) } ?? (
            ReservedID.warningSigns, turn.best.score
        )
    }
}
