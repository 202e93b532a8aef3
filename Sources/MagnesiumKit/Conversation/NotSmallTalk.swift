import MagnesiumUnderstanding

extension Session {
    /// "It hasn't done much", "will it still help me go?": a line about "it" talks about what is
    /// taken, however much its few words ("done", "help me", "go") sound like leaving or asking
    /// what the assistant can do. The line without those readings; nil when it has neither first.
    func withoutLeavingOrHelpReadings(_ understanding: Understanding) -> Understanding? {
        guard let best = understanding.best?.intent, Self.leavingOrHelp.contains(best),
            understanding.tokens.contains(where: { Self.thingTakenPronouns.contains($0.text) })
        else { return nil }
        var reread = understanding
        reread.ranked.removeAll { Self.leavingOrHelp.contains($0.intent) }
        return reread
    }

    /// Goodbyes and "what can you help with?".
    private static let leavingOrHelp: Set<String> = ["goodbye", "capabilities"]
    /// Pronouns that stand for a thing, never for the assistant or the person.
    private static let thingTakenPronouns: Set<String> = ["it", "they", "them"]
}
