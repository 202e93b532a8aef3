import MagnesiumKnowledge
import MagnesiumUnderstanding

/// "Which is better?" names nothing to compare and nothing was discussed before: not a
/// comparison, but the best other content intent.
struct NothingToCompare: RereadingRule {
    func reading(
        of turn: DialogueTurn, in session: Session
    ) -> (intent: String, score: Double)? {
        guard turn.best.intent == ReservedID.comparison,
            turn.subjects.filter({ !session.graph.isAudienceTopic($0) }).count
                + max(session.focus.count, 1) < 2
        else { return nil }
        return turn.understanding.ranked.first(where: {
            session.graph.isContentIntent($0.intent) && $0.intent != ReservedID.comparison
        })
    }
}
