import MagnesiumKnowledge
import MagnesiumText
import MagnesiumUnderstanding

/// "Tell me more" and "why?" about the last answer from the graph's facts.
extension Session {
    /// "Tell me more": the next unshown facts on the last question, then on its topics, then a
    /// plain word that there is no more.
    mutating func more(score: Double, context: inout [String]) -> Reply {
        guard let last = lastAnswer, let intent = graph.intent(last.intent) else {
            return Reply(
                question: "",
                text:
                    "More about what? Ask me a question first, for example \"what is magnesium bisglycinate?\"",
                intent: ReservedID.more, confidence: score)
        }
        context.append("more on: \(last.topics.map { selector.name($0) }.joined(separator: ", "))")
        let topics = candidateTopics(subjects: last.topics, intent: intent, person: last.person)
        var remaining = selector.facts(abouts: intent.answers, topics: topics, person: last.person)
            .filter { !shownFacts.contains($0.id) }
        if remaining.isEmpty {
            // That question is exhausted: go wider on the same topic.
            remaining = selector.facts(
                abouts: Schema.abouts, topics: last.topics, person: last.person
            ).filter { !shownFacts.contains($0.id) }
        }
        var builder = AnswerBuilder()
        let chosen = Array(remaining.prefix(3))
        if chosen.isEmpty {
            builder.add(
                "That is everything I have on \(last.topics.map { selector.name($0) }.joined(separator: " and ")). Try another question, such as how it compares with other forms or what the evidence says."
            )
        } else {
            builder.add(facts: chosen)
        }
        shownFacts.formUnion(chosen.map(\.id))
        return Reply(builder, intent: ReservedID.more, topics: last.topics, confidence: score)
    }

    /// "Why?": what the last answer rests on, and the evidence or mechanism behind its topics.
    mutating func why(score: Double, context: inout [String]) -> Reply {
        guard let last = lastAnswer, let previous = lastReply else {
            return Reply(
                question: "",
                text: "Why what? Ask me a question first and I can explain the answer.",
                intent: ReservedID.why, confidence: score)
        }
        context.append(
            "why: explaining the answer about \(last.topics.map { selector.name($0) }.joined(separator: ", "))"
        )
        var builder = AnswerBuilder()
        let reasons = selector.facts(
            abouts: ["evidence", "mechanism"], topics: last.topics.flatMap { selector.lineage($0) },
            person: last.person
        )
        .filter { !shownFacts.contains($0.id) }
        let basis = previous.factIDs.compactMap(graph.fact)
        if !basis.isEmpty {
            let grades = basis.map { "\(capitalized($0.grade.word))" }
            var seen = Set<String>()
            let distinct = grades.filter { seen.insert($0).inserted }
            builder.add(
                "That answer rests on \(basis.count) sourced \(basis.count == 1 ? "fact" : "facts") (evidence: \(distinct.joined(separator: ", ").lowercased()))."
            )
        }
        builder.add(facts: Array(reasons.prefix(2)))
        shownFacts.formUnion(reasons.prefix(2).map(\.id))
        if builder.isEmpty {
            builder.add(
                "I gave that answer because it is what the sources I rely on say; type :sources to see them."
            )
        }
        return Reply(builder, intent: ReservedID.why, topics: last.topics, confidence: score)
    }
}
