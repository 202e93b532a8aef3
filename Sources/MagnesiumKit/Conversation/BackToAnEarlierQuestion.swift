import MagnesiumUnderstanding

extension Session {
    /// "Ambulance came, he's ok now. Back to my question about metformin": after an emergency
    /// the line before held a question that went unanswered, and the person returns to it. The
    /// question of the line before (its last sentence that asks something), read afresh; nil
    /// when the line does not say it returns to a question or the line before asked none.
    func backToAnEarlierQuestion(_ understanding: Understanding) -> Understanding? {
        let words = understanding.tokens.map(\.text)
        func says(_ phrase: [String]) -> Bool {
            words.indices.contains { start in
                start + phrase.count <= words.count
                    && zip(words[start...], phrase).allSatisfy { $0 == $1 }
            }
        }
        guard
            Self.returningPhrases.contains(where: says)
                || (understanding.topicIDs.isEmpty && Self.missedPhrases.contains(where: says)),
            let before = lineBefore, before.asksSomething
        else { return nil }
        let sentences = Self.sentences(of: before)
        guard
            let asked = sentences.last(where: {
                $0.first.map(Self.questionOpeners.contains) == true
            }) ?? sentences.last, !asked.isEmpty
        else { return nil }
        return understander.understand(asked.joined(separator: " ") + "?")
    }

    /// The words of each sentence of a line, in order.
    private static func sentences(of understanding: Understanding) -> [[String]] {
        var sentences: [[String]] = [[]]
        for (index, token) in understanding.tokens.enumerated() {
            if index > 0, index < understanding.breaks.count,
                understanding.breaks[index] == .sentence
            {
                sentences.append([])
            }
            sentences[sentences.count - 1].append(token.text)
        }
        return sentences.filter { !$0.isEmpty }
    }

    /// How people say they return to what they asked (as the normaliser leaves them).
    private static let returningPhrases: [[String]] = [
        "back to my question", "back to my original question", "back to my first question",
        "back to my earlier question", "back to my other question", "back to the question",
        "back to what i asked", "my question was", "my original question",
        "what i asked before", "what i asked earlier", "answer my question",
    ].map { $0.split(separator: " ").map(String.init) }

    /// How people say the last reply missed their question ("that's not what I asked, yes or
    /// no?"): a return to it only in a line that names nothing of its own ("yes or no for
    /// pregnancy?" asks a question of its own).
    private static let missedPhrases: [[String]] = [
        "not what i asked", "yes or no", "straight answer",
    ].map { $0.split(separator: " ").map(String.init) }

    /// "Is magnesium glycinate good for constipation?", then "sorry i meant citrate not glycinate":
    /// the question before, asked again of the thing meant. The question before with the thing it
    /// named replaced (the one the line says was not meant, else the one of the same kind), read
    /// afresh; nil when the line corrects nothing or the question before named neither. Medicines
    /// and groups are left to the profile, which a correction of them changes.
    /// Words that end what was meant in a correction ("..., not citrate", "instead of").
    private static let notMeantWords: Set<String> = ["not", "instead", "rather"]

    func earlierQuestionCorrected(_ understanding: Understanding) -> Understanding? {
        let words = understanding.tokens.map(\.text)
        guard let meant = words.firstIndex(of: "meant"), words.count <= 12,
            let before = lineBefore, before.asksSomething,
            let replacement = understanding.mentions.first(where: {
                $0.range.lowerBound > meant
            })
        else { return nil }
        let kind = graph.kind(ofTopic: replacement.topicID)
        guard kind != "medicine", !graph.isAudienceTopic(replacement.topicID) else { return nil }
        let notMeant = understanding.mentions.first {
            $0.range.lowerBound > replacement.range.lowerBound && $0.topicID != replacement.topicID
        }
        guard
            let replaced = before.mentions.first(where: { mention in
                mention.topicID != replacement.topicID
                    && (notMeant.map { mention.topicID == $0.topicID }
                        ?? (graph.kind(ofTopic: mention.topicID) == kind))
            })
        else { return nil }
        // "My calcium magnesium zinc tablet, not just magnesium": the product as typed, up to what
        // was not meant, stands in the question; a topic's own name would lose the rest of it.
        let end =
            words[replacement.range.lowerBound...].firstIndex(where: Self.notMeantWords.contains)
            ?? notMeant?.range.lowerBound ?? words.count
        var text = before.tokens.map(\.text)
        text.replaceSubrange(
            replaced.range,
            with: end > replacement.range.upperBound
                ? Array(words[replacement.range.lowerBound..<end])
                : [selector.name(replacement.topicID)])
        return understander.understand(text.joined(separator: " ") + "?")
    }
}
