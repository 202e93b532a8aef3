import MagnesiumKnowledge
import MagnesiumUnderstanding

/// "The article says X, is that true?": the claim is checked when one fits.
struct ArticleClaimRule: DialogueRule {
    func reply(to turn: inout DialogueTurn, in session: inout Session) -> Reply? {
        let understanding = turn.understanding
        guard session.quotesTheArticle(understanding),
            var reply = session.checkedClaim(
                understanding, confidence: max(turn.best.score, 0.7), context: &turn.context)
        else { return nil }
        // Unlike the leading question's, this reply lists only the topics the line names, not
        // the topic from earlier that the check was about (kept as it was).
        reply.topics = turn.mentioned
        return reply
    }
}
