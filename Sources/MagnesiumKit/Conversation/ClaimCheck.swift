import MagnesiumKnowledge
import MagnesiumText
import MagnesiumUnderstanding

/// Checking a claim someone read ("the article says...") against the evidence.
extension Session {
    /// The claim checked, as a reply about the topics named (or the one under discussion) that
    /// follow-ups refer to; nil when no claim fits.
    mutating func checkedClaim(
        _ understanding: Understanding, confidence: Double, context: inout [String]
    ) -> Reply? {
        var builder = AnswerBuilder()
        guard claimCheck(understanding, into: &builder) else { return nil }
        shownFacts.formUnion(builder.factIDs)
        let mentioned = understanding.topicIDs
        let topics = mentioned.isEmpty ? Array(focus.prefix(1)) : mentioned
        lastAnswer = AnswerState(
            intent: ReservedID.articleClaim, topics: topics,
            person: personFor(understanding, context: &context))
        remember(topics)
        return Reply(
            builder, intent: ReservedID.articleClaim, topics: topics, confidence: confidence)
    }

    /// Whether the line quotes what someone read: "the article says...", "a blog claims...".
    func quotesTheArticle(_ understanding: Understanding) -> Bool {
        understanding.tokens.contains { Self.quotingWords.contains($0.text) }
    }

    static let quotingWords: Set<String> = ["article", "blog", "claim", "claims"]

    /// "The article says X; the evidence shows Y." Returns false when no claim fits.
    func claimCheck(_ understanding: Understanding, into builder: inout AnswerBuilder) -> Bool {
        guard let claim = claimFitting(understanding) else { return false }
        builder.add(selector.sentence(claim.claim))
        builder.add("What the evidence shows (\(verdictPhrase(claim.verdict))):")
        builder.add(facts: claim.evidenceFactIDs.compactMap(graph.fact).prefix(3).map { $0 })
        return true
    }

    /// The article's claim the line names: the best on its keywords found (each counting twice)
    /// and its topics named; nil when none fits.
    func claimFitting(_ understanding: Understanding) -> ArticleClaim? {
        let keys = Set(understanding.tokens.map(\.key))
        var best: (score: Int, claim: ArticleClaim)?
        let mentioned = understanding.topicIDs
        let about = mentioned.isEmpty ? Array(focus.prefix(1)) : mentioned
        for (index, claim) in graph.claims.enumerated() {
            let keywordHits = understander.claimKeywordKeys[index].filter { words in
                !words.isEmpty && words.allSatisfy(keys.contains)
            }.count
            let topicHits = claim.topicIDs.filter(about.contains).count
            let score = keywordHits * 2 + topicHits
            if score > 0 && (best == nil || score > best!.score) { best = (score, claim) }
        }
        guard let best, best.score >= 2 else { return nil }
        return best.claim
    }

    private func verdictPhrase(_ verdict: String) -> String {
        switch verdict {
        case "supported": "supported"
        case "partly-supported": "only partly supported"
        case "weak": "weak evidence"
        case "mixed": "mixed evidence"
        default: "not supported"
        }
    }
}
