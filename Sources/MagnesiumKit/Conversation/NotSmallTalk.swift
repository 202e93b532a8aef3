import MagnesiumUnderstanding

extension Session {
    /// "It hasn't done much", "will it still help me go?": a line about "it" talks about what is
    /// taken, however much its few words ("done", "help me", "go") sound like leaving or asking
    /// what the assistant can do. "Who should I ask?" asks for a person to ask, not what the
    /// assistant can be asked ("what should I ask?"): a "who" question not about "you" is none.
    /// The line without those readings; nil when it has neither first.
    func withoutLeavingOrHelpReadings(_ understanding: Understanding) -> Understanding? {
        guard let best = understanding.best?.intent, Self.leavingOrHelp.contains(best) else {
            return nil
        }
        let words = understanding.tokens.map(\.text)
        guard
            words.contains(where: Self.thingTakenPronouns.contains)
                || (words.first == "who" && !words.contains(where: Self.assistantWords.contains))
        else { return nil }
        var reread = understanding
        reread.ranked.removeAll { Self.leavingOrHelp.contains($0.intent) }
        return reread
    }

    /// Goodbyes and "what can you help with?".
    private static let leavingOrHelp: Set<String> = ["goodbye", "capabilities"]
    /// Words for the assistant itself ("who are you?").
    private static let assistantWords: Set<String> = ["you", "u", "this", "bot"]
    /// Pronouns that stand for a thing, never for the assistant or the person.
    private static let thingTakenPronouns: Set<String> = ["it", "they", "them"]
}
