import MagnesiumKnowledge
import MagnesiumUnderstanding

/// "Which is better?" names nothing to compare and nothing was discussed before: not a
/// comparison. Rereads the line as its best other content intent; never answers itself.
struct NothingToCompare: DialogueRule {
    func reply(to turn: inout DialogueTurn, in session: inout Session) -> Reply? {
        if let other = session.readingOtherThanComparison(turn) { turn.best = other }
        return nil
    }
}

extension Session {
    fileprivate func readingOtherThanComparison(
        _ turn: DialogueTurn
    ) -> (intent: String, score: Double)? {
        guard turn.best.intent == ReservedID.comparison,
            turn.subjects.filter({ !graph.isAudienceTopic($0) }).count + max(focus.count, 1) < 2
        else { return nil }
        return turn.understanding.ranked.first(where: {
            graph.isContentIntent($0.intent) && $0.intent != ReservedID.comparison
        })
    }
}
