/// Answering with the designed answers of `Knowledge/answers/`: the answer whose questions best
/// fit the words asked, read in the light of the conversation, with what the profile changes
/// added, and its own follow-ups ("tell me more", "why?").
extension Session {
    /// What the last designed answer was, for its follow-ups.
    struct DesignedState: Sendable {
        var answerID: String
        /// How many of its `more` items have been shown.
        var moreShown: Int
        /// Whether its `why` item has been shown.
        var whyShown: Bool
        /// The line that asked it: an elliptical follow-up ("and for kids?") is read together with it.
        var question: String
    }

    /// A designed answer must fit the question this well to be given.
    static let designedAnswerScore = 0.42
    /// A follow-up line this short, with these words, asks about the last answer, not something new.
    static let followUpWords: Set<String> = ["and", "or", "also", "about", "what", "how", "for", "with", "in"]

    /// The designed answer that fits the line, or nil when none fits well enough.
    mutating func designedReply(_ u: Understanding, context: inout [String]) -> Reply? {
        let (ranked, readWith) = rankDesigned(u)
        guard let best = ranked.first, best.score >= Self.designedAnswerScore, let answer = graph.answer(best.answer) else { return nil }
        // Small talk and the follow-up commands are clearer as intents when nothing about a subject was asked.
        if let intent = u.best, intent.score > best.score + 0.1, Self.conversationalIntents.contains(intent.intent) { return nil }
        if readWith != nil { context.append("read with the question before") }
        return reply(for: answer, score: best.score, u: u, context: &context)
    }

    /// Intents that are about the conversation, not a subject.
    static let conversationalIntents: Set<String> = ["greeting", "thanks", "goodbye", "help", "more", "why", "source", "topics-list", "capabilities"]

    /// Answers ranked for the line; an elliptical line ("and for kids?", "what about citrate?") is
    /// read together with the question before it, when that one got a designed answer.
    private func rankDesigned(_ u: Understanding) -> ([(answer: String, score: Double)], String?) {
        let ranked = understander.rankedAnswers(u, focus: focus.first)
        guard let last = designed, isElliptical(u) else { return (ranked, nil) }
        let combined = understander.understand(last.question + ", " + u.tokens.map(\.text).joined(separator: " "))
        let together = understander.rankedAnswers(combined, focus: focus.first)
        // The new words must change the answer: "and for kids?" after a dose question is the children's dose.
        guard let top = together.first, top.answer != last.answerID || ranked.first.map({ $0.score < Self.designedAnswerScore }) ?? true
        else { return (ranked, nil) }
        return (together, last.question)
    }

    private func isElliptical(_ u: Understanding) -> Bool {
        let words = u.tokens.map(\.text)
        guard !words.isEmpty, words.count <= 6 else { return false }
        if ["and", "or", "also"].contains(words[0]) { return true }
        if words.count >= 2, ["what", "how"].contains(words[0]), words[1] == "about" { return true }
        return words.count <= 3 && words[0] == "for"
    }

    /// The designed answer as a reply: its direct first sentence, its supporting sentences, its
    /// caution, and a sentence for each profile topic it has one for.
    mutating func reply(for answer: DesignedAnswer, score: Double, u: Understanding, context: inout [String]) -> Reply {
        var builder = AnswerBuilder()
        var lines = [answer.says.map { sentence($0, &builder) }.joined(separator: " ")]
        let people = peopleFor(u)
        for addition in answer.additions where people.contains(addition.topicID) {
            lines.append(sentence(addition.item, &builder))
            context.append("for: \(composer.name(addition.topicID))")
        }
        if let caution = answer.caution { lines.append(sentence(caution, &builder)) }
        var reply = Reply(question: "", text: lines.joined(separator: "\n"), intent: "answer", topics: answer.topicIDs, confidence: min(1, score))
        reply.sourceIDs = builder.sourceIDs
        reply.factIDs = (answer.says + [answer.caution].compactMap { $0 }).compactMap(\.factID)
        context.append("answer: \(answer.id)")
        designed = DesignedState(answerID: answer.id, moreShown: 0, whyShown: false, question: u.tokens.map(\.text).joined(separator: " "))
        remember(answer.topicIDs)
        return reply
    }

    /// "Tell me more" after a designed answer: its next unshown items, or a plain word that there is no more.
    mutating func designedMore(score: Double) -> Reply? {
        guard var state = designed, let answer = graph.answer(state.answerID) else { return nil }
        var builder = AnswerBuilder()
        let remaining = answer.more.dropFirst(state.moreShown)
        let text: String
        if remaining.isEmpty {
            text = "That is all I have on that question. Ask another, or type :sources to see where the answer came from."
        } else {
            let chosen = remaining.prefix(2)
            text = chosen.map { sentence($0, &builder) }.joined(separator: " ")
            state.moreShown += chosen.count
        }
        designed = state
        var reply = Reply(question: "", text: text, intent: "more", topics: answer.topicIDs, confidence: score)
        reply.sourceIDs = builder.sourceIDs
        return reply
    }

    /// "Why?" after a designed answer: the reason behind its first sentence.
    mutating func designedWhy(score: Double) -> Reply? {
        guard var state = designed, let answer = graph.answer(state.answerID) else { return nil }
        var builder = AnswerBuilder()
        let text: String
        if let why = answer.why, !state.whyShown {
            text = sentence(why, &builder)
            state.whyShown = true
        } else if let next = answer.more.dropFirst(state.moreShown).first {
            text = sentence(next, &builder)
            state.moreShown += 1
        } else {
            text = "I have no more reasons to give than what I said; type :sources to see where it came from."
        }
        designed = state
        var reply = Reply(question: "", text: text, intent: "why", topics: answer.topicIDs, confidence: score)
        reply.sourceIDs = builder.sourceIDs
        return reply
    }

    /// An item's text, its grade where the reader should weigh it, and its source numbers.
    private func sentence(_ item: AnswerItem, _ builder: inout AnswerBuilder) -> String {
        var text = item.text
        switch item.grade {
        case .moderate, .weak, .mixed, .none:
            let grade = "(evidence: \(builder.gradeWord(item.grade)))"
            text = text.hasSuffix(".") ? withoutLastByte(text) + " " + grade + "." : text + " " + grade
        default: break
        }
        return text + " " + builder.cite(item.sourceIDs)
    }

    /// The profile topics an answer speaks to: the profile, and groups or a child's age named in the line.
    private func peopleFor(_ u: Understanding) -> Set<String> {
        var context: [String] = []
        return Set(personFor(u, context: &context).audience)
    }
}

extension Session {
    /// The designed-answer rule of the dialogue: a follow-up to the last designed answer, or a
    /// designed answer to the line (after "Noted: ..." when the line also told us something).
    mutating func designedTurn(_ u: Understanding, profileChanges: [String], context: inout [String]) -> Reply? {
        if designed != nil, let intent = u.best, ["more", "why"].contains(intent.intent), intent.score >= Self.confidentScore, u.tokens.count <= 5 {
            return intent.intent == "more" ? designedMore(score: intent.score) : designedWhy(score: intent.score)
        }
        // A bare "I'm pregnant" is noted, not answered.
        if !profileChanges.isEmpty && !isQuestion(u) { return nil }
        guard var reply = designedReply(u, context: &context) else { return nil }
        if !profileChanges.isEmpty { reply.text = "Noted: " + profileChanges.joined(separator: "; ") + ".\n" + reply.text }
        return reply
    }
}
