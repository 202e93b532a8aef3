import MagnesiumKnowledge
import MagnesiumText
import MagnesiumUnderstanding

/// "What's glycinate and how's it different from citrate?", "is it safe and how much should I
/// take?": two questions in one line, each answered by the answer that fits it, in the order
/// asked. One answer for the whole line would answer one of them and drop the other.
extension Session {
    /// The designed reply to the line: for two questions, both answers one after the other, when
    /// an answer fits each clearly and the line's own answer is one of them (otherwise the
    /// questions, read apart, disagree with the line read whole, and the line gets its own
    /// answer). Whatever else the line says ("for my son", "I'm 70") goes with each question, so
    /// each is answered for the same person.
    mutating func designedReplyToEachQuestion(
        _ understanding: Understanding, context: inout [String]
    ) -> Reply? {
        let questions = questionClauses(understanding)
        guard Self.questionsAnsweredApart.contains(questions.count), !isLeading(understanding)
        else {
            return designedReply(understanding, context: &context)
        }
        let before = self
        var wholeContext: [String] = []
        let whole = designedReply(understanding, context: &wholeContext)
        let wholeAnswerID = designed?.answerID
        let afterWhole = self
        self = before
        if whole != nil, let parts = answersToEach(questions, of: understanding),
            parts.contains(where: { $0.answerID == wholeAnswerID })
        {
            context.append(
                "\(parts.count == 2 ? "two" : "three") questions: "
                    + parts.map(\.answerID).joined(separator: ", "))
            for part in parts { context += part.context }
            return parts.dropFirst().reduce(parts[0].reply) { joined($0, $1.reply) }
        }
        self = afterWhole
        context += wholeContext
        return whole
    }

    /// Each question's designed answer, asked with whatever else the line says; nil when one has
    /// no answer that fits it clearly, or both have the same.
    private mutating func answersToEach(_ questions: [[Int]], of understanding: Understanding)
        -> [(reply: Reply, answerID: String, context: [String])]?
    {
        let questionParts = Set(questions.joined())
        var saidAt = understanding.tokens.indices.filter { !questionParts.contains($0) }
        // A long story before the questions ("41M, running 50km a week, woken at 3am with my
        // calf locked...") would outweigh each short question read with it: then only what it
        // names (the cramps, a medicine, a group) and its numbers go with each question.
        if saidAt.count > Self.storyWordsKeptWhole {
            let named = Set(understanding.mentions.flatMap(\.range))
            saidAt.removeAll { index in
                !named.contains(index) && understanding.tokens[index].text.first?.isNumber != true
            }
        }
        let said = saidAt.map { understanding.tokens[$0].text }
        var parts: [(reply: Reply, answerID: String, context: [String])] = []
        for clause in questions {
            let words = said + clause.map { understanding.tokens[$0].text }
            var partContext: [String] = []
            guard
                let reply = designedReply(
                    understander.understand(words.joined(separator: " ")), context: &partContext),
                reply.intent == DialogueIntent.answer,
                reply.confidence >= Thresholds.eachOfTwoQuestionsScore,
                let answerID = designed?.answerID,
                !parts.contains(where: { $0.answerID == answerID })
            else { return nil }
            parts.append((reply, answerID, partContext))
            // A medicine's or situation's rule the first answer gave, or is about, is not repeated
            // under the second.
            ruleGivenFor.formUnion(reply.topics)
        }
        return parts
    }

    /// The clauses of the line that ask something ("what's glycinate", "and how's it different
    /// from citrate"), each without the word joining it to the one before.
    private func questionClauses(_ understanding: Understanding) -> [[Int]] {
        understanding.clauses.compactMap { clause in
            let words = clause.drop { Self.questionJoiners.contains(understanding.tokens[$0].text) }
            guard let first = words.first,
                Self.questionOpeners.contains(understanding.tokens[first].text),
                // "and when?" asks; "and is it?" only tags the question before it.
                words.count >= 3 || Self.askingAlone.contains(understanding.tokens[first].text)
            else { return nil }
            return Array(words)
        }
    }

    /// The second reply after the first, its sources numbered on from the first's. Both are
    /// answers to what was asked, so neither is held back in a short view.
    private func joined(_ first: Reply, _ second: Reply) -> Reply {
        let (renumbered, sources) = renumber(
            second.text, from: second.sourceIDs, into: first.sourceIDs)
        // A caution both answers carry ("check with your midwife first") is said once.
        let firstParagraphs = Set(first.text.split(separator: "\n"))
        let text = renumbered.split(separator: "\n").filter { !firstParagraphs.contains($0) }
            .joined(separator: "\n")
        var reply = first
        reply.text = first.text + "\n" + text
        reply.sourceIDs = sources
        reply.factIDs += second.factIDs
        reply.topics += second.topics.filter { !first.topics.contains($0) }
        reply.confidence = min(first.confidence, second.confidence)
        reply.alwaysShown.formUnion(text.split(separator: "\n").map(String.init))
        return reply
    }

    /// How many questions in a line are each answered: "does it work, what dose, and what else
    /// should I do?" asks three things; more than that is a list better asked one at a time,
    /// and the line gets the answer that fits it whole.
    static let questionsAnsweredApart = 2...3

    /// How many words told beside the questions go with each question as they are.
    static let storyWordsKeptWhole = 12

    /// Words that join a question to the one before it.
    static let questionJoiners: Set<String> = ["and", "also", "plus", "but", "so", "then", "or"]
    /// First words of a clause that asks something.
    static let questionOpeners: Set<String> = [
        "what", "whats", "why", "how", "hows", "when", "which", "where", "who", "is", "are",
        "does", "do", "can", "could", "should", "will", "would", "did",
    ]
    /// Question words that ask on their own, with the question before them as their subject.
    static let askingAlone: Set<String> = ["when", "why", "how", "where"]
}
