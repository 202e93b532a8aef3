import MagnesiumKnowledge
import MagnesiumText
import MagnesiumUnderstanding

/// What the shape of a line says: a question, a leading question, an ellipsis ("and citrate?").
extension Session {
    /// Words that say a bare question ("how many mg?") is about the supplement under discussion.
    static let doseUnits: Set<String> = [
        "mg", "milligram", "milligrams", "g", "gram", "grams", "capsule", "capsules", "pill",
        "pills", "tablet", "tablets", "dose", "doses", "supplement", "supplements",
    ]
    /// Words that refer back to something said before.
    static let pronouns: Set<String> = [
        "it", "its", "that", "this", "they", "them", "these", "those", "one", "he", "she", "him",
        "her", "his",
    ]
    /// Words that open a question.
    static let questionWords = FilteredWords([
        "what", "why", "how", "when", "which", "where", "who", "can", "could", "should", "is",
        "are", "does", "do", "will", "would",
    ])

    /// True when the line is only topics and filler words: "and citrate?", "what about for kids?".
    func isEllipsis(_ understanding: Understanding) -> Bool {
        var restCount = 0
        for (position, token) in understanding.tokens.enumerated()
        where !understanding.mentions.contains(where: { $0.range.contains(position) }) {
            restCount += 1
            guard restCount <= 6,
                Self.ellipsisFiller.contains(token.text)
                    || Self.ellipsisAgeWords.contains(token.text) || Int(token.text) != nil
            else { return false }
        }
        return true
    }

    private static let ellipsisFiller: Set<String> = [
        "and", "what", "about", "how", "for", "with", "the", "a", "an", "then", "also", "in", "or",
        "is", "it", "ok", "okay", "so", "instead", "same", "question", "if", "my", "of", "i", "am",
        "re", "are", "you", "your", "s", "now", "was", "were", "be", "case", "say", "though", "too",
        "as", "well", "taking", "take", "on",
    ]
    private static let ellipsisAgeWords: Set<String> = [
        "someone", "somebody", "person", "aged", "age", "year", "years", "old", "yo",
    ]

    func isFollowUpAudience(_ understanding: Understanding) -> Bool {
        lastAnswer != nil && isEllipsis(understanding)
    }

    /// Whether the line asks an open question and no yes-or-no one: it opens with "what", "how",
    /// "why" and the like (or asks for a difference), and no clause of it opens as a yes-or-no
    /// question does or puts a premise for agreement.
    func asksOnlyAnOpenQuestion(_ understanding: Understanding) -> Bool {
        let tokens = understanding.tokens
        guard let first = tokens.first,
            Self.openQuestionWords.contains(first.text)
                || tokens.contains(where: { Self.differenceWords.contains($0.text) })
        else { return false }
        let clauseStarts = understanding.clauses.map(\.lowerBound) + [0]
        return !clauseStarts.contains { start in
            start < tokens.count && Self.yesOrNoOpeners.contains(tokens[start].text)
        } && !isLeading(understanding)
    }

    /// Whether the line only says something about the one typing ("I take magnesium glycinate",
    /// "my doctor put me on it"): it opens as a statement about oneself and asks nothing, not even
    /// indirectly ("I wonder if ...").
    func saysOnlyAStatement(_ understanding: Understanding) -> Bool {
        guard !understanding.asksSomething, let first = understanding.tokens.first,
            Understander.statementOpeners.contains(first.text)
        else { return false }
        return !understanding.tokens.contains { Self.indirectQuestionWords.contains($0.text) }
    }

    private static let indirectQuestionWords: Set<String> = [
        "if", "whether", "wonder", "wondering",
    ]

    private static let openQuestionWords: Set<String> = [
        "what", "how", "why", "which", "when", "where", "who", "explain",
    ]
    private static let differenceWords: Set<String> = ["difference", "vs", "versus"]
    /// The reader's yes-or-no openers, and those that open a question only at a clause's start.
    private static let yesOrNoOpeners = Understander.yesNoOpeners.union([
        "did", "has", "have", "was", "were", "isnt", "arent", "any",
    ])

    /// "You can't overdose on it, can you?", "it doesn't interact, does it?": a negative
    /// statement with a positive tag at the clause's end `end` ("how much is it?" holds no
    /// negation, so it asks).
    private static func endsWithAPositiveTag(_ tokens: [Token], at end: Int) -> Bool {
        guard end >= 4, end <= tokens.count,
            positiveTags.contains([tokens[end - 2].text, tokens[end - 1].text])
        else { return false }
        return tokens[..<(end - 2)].contains { negations.contains($0.text) }
    }

    private static let positiveTags: Set<[String]> = [
        ["can", "you"], ["can", "it"], ["can", "i"], ["is", "it"], ["is", "there"], ["does", "it"],
        ["do", "they"], ["will", "it"], ["are", "they"], ["would", "it"],
    ]
    /// Not the lexicon's negations, which hold "stopped" and "quit": "I stopped it, can I?" puts
    /// no premise.
    private static let negations: Set<String> = ["not", "no", "never", "nothing"]

    /// A statement put for agreement: "..., right?" at the end of the line, or at the end of a
    /// sentence or comma clause inside it ("glycinate is a strong laxative right, so ...").
    func isLeading(_ understanding: Understanding) -> Bool {
        let ends =
            [understanding.tokens.count]
            + understanding.breaks.indices.filter {
                understanding.breaks[$0].rawValue >= RedFlagReader.Break.clause.rawValue
            }
        let tokens = understanding.tokens
        if ends.contains(where: { Self.endsWithAPositiveTag(tokens, at: $0) }) { return true }
        // Most lines end no clause on a word a tag ends on: one filter rules them out before
        // every tag is compared at every end.
        let tagEnds = ends.filter { end in
            end < 2 || end > tokens.count || leadingTagLastWords.contains(tokens[end - 1].text)
        }
        guard !tagEnds.isEmpty else { return false }
        return understander.leadingTagWords.contains { tagWords in
            tagEnds.contains { end in
                end > tagWords.count + 1
                    && tagWords.indices.allSatisfy {
                        tokens[end - tagWords.count + $0].text == tagWords[$0]
                    }
            }
        }
    }

    /// A question mark, a question's opening words, or a statement ending "..., right" that asks
    /// for agreement.
    func isQuestion(_ understanding: Understanding) -> Bool {
        understanding.asksSomething || isLeading(understanding)
    }

    /// Whether the line names magnesium itself or one of its forms.
    func namesMagnesium(_ understanding: Understanding) -> Bool {
        understanding.topicIDs.contains {
            $0 == ReservedID.magnesium || graph.kind(ofTopic: $0) == "form"
        }
    }

    /// Whether the line names magnesium, one of its forms or a product of it: an amount with none
    /// of them named may be another supplement's or medicine's.
    func namesMagnesiumOrAProduct(_ understanding: Understanding) -> Bool {
        understanding.topicIDs.contains {
            $0 == ReservedID.magnesium
                || ["form", "product"].contains(graph.kind(ofTopic: $0) ?? "")
        }
    }

    /// Kinds of topic that say what is wrong: a kind of cramp, a symptom.
    static let complaintKinds: Set<String> = ["cramp-kind", "symptom"]

    /// "I'm 72 and my calves cramp every night": a line that asks nothing yet says what is wrong
    /// (a kind of cramp, a symptom) wants to know what to do about it. One that names magnesium
    /// ("I started glycinate for my night cramps", "I keep hearing about it for cramps") is about
    /// the magnesium.
    /// The topics are looked at first: most lines name no complaint, and reading whether a line
    /// asks (its tags and clause ends) costs more.
    func reportsAComplaint(_ understanding: Understanding) -> Bool {
        understanding.topicIDs.contains {
            graph.kind(ofTopic: $0).map(Self.complaintKinds.contains) ?? false
        } && !namesMagnesiumOrAProduct(understanding) && !isQuestion(understanding)
    }

    /// A medicine the person said they take (a line naming it is about them, not a new subject).
    func isProfileMedicine(_ id: String) -> Bool {
        graph.kind(ofTopic: id) == "medicine" && profile.medicines.contains(id)
    }
}
