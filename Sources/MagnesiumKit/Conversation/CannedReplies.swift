import MagnesiumKnowledge
import MagnesiumText
import MagnesiumUnderstanding

/// Replies that need no facts: small talk, the topic list, out of scope, a profile note.
extension Session {
    /// Small talk: the intent's own fixed reply.
    func conversational(_ intent: Intent, score: Double) -> Reply {
        Reply(question: "", text: intent.reply ?? "", intent: intent.id, confidence: score)
    }

    /// The areas known, with the first topics of each (`:topics` too).
    func topicsList() -> Reply {
        var lines = ["I know about these areas:"]
        // One pass over the topics, not one per area.
        var namesByArea = Array(repeating: [String](), count: graph.areas.count)
        for index in graph.topics.indices {
            guard let area = graph.areas.firstIndex(where: { $0.id == graph.topics[index].areaID })
            else { continue }
            namesByArea[area].append(graph.topics[index].name)
        }
        for (area, names) in zip(graph.areas, namesByArea) {
            guard !names.isEmpty else { continue }
            let shown =
                names.prefix(6).joined(separator: ", ")
                + (names.count > 6 ? ", and \(names.count - 6) more" : "")
            lines.append("- \(area.name): \(shown)")
        }
        return Reply(
            question: "", text: lines.joined(separator: "\n"), intent: ReservedID.topicsList,
            confidence: 1)
    }

    /// What is outside what the assistant knows, with questions it can answer.
    func outOfScopeReply(_ understanding: Understanding) -> Reply {
        let text =
            "That is outside what I know: I answer questions about magnesium bisglycinate, magnesium and muscle cramps, from checked sources. You could ask:\n"
            + suggestions().map { "- " + $0 }.joined(separator: "\n")
        return Reply(
            question: "", text: text, intent: ReservedID.outOfScope,
            confidence: max(0, 1 - (understanding.best?.score ?? 0)))
    }

    /// Questions about the subject in focus, asked as fits what it is: a dose only of something
    /// taken ("how much magnesium deficiency should I take?" makes no sense).
    private func suggestions() -> [String] {
        let general = [
            "What is magnesium bisglycinate?", "Does magnesium help with leg cramps?",
            "How much magnesium is safe per day?",
        ]
        // "What is children?" makes no sense either: who a question is for is no subject.
        guard let topic = focus.first, !graph.isAudienceTopic(topic) else { return general }
        let name = selector.name(topic)
        if Self.takenKinds.contains(graph.kind(ofTopic: topic) ?? "") {
            return [
                "How much \(name) should I take?", "Is \(name) safe for me?",
                "What does the evidence say about \(name)?",
            ]
        }
        // "What is statins?" reads badly, and what people ask of a medicine is whether it mixes.
        if graph.kind(ofTopic: topic) == "medicine" {
            return ["Can I take magnesium with \(name)?"] + general.suffix(2)
        }
        // "What is sleep?" makes no sense: a benefit is asked about as one.
        if graph.kind(ofTopic: topic) == "benefit" {
            return ["Does magnesium help with \(name)?"] + general.suffix(2)
        }
        return ["What is \(name)?"] + general.suffix(2)
    }

    /// Kinds of topic that are something a person takes.
    private static let takenKinds: Set<String> = ["form", "product", "substance"]

    /// "Noted: ...": a statement about oneself that asked nothing.
    func acknowledge(_ changes: [String], understanding: Understanding) -> Reply {
        let note = Reply.noted(changes)
        var text = note
        if !profile.isEmpty {
            text +=
                " I'll take that into account in my answers (type :profile to see what I remember, :forget to clear it)."
        }
        var reply = Reply(
            question: "", text: text, intent: ReservedID.profile, topics: understanding.topicIDs,
            confidence: 1)
        reply.profileNote = note
        return reply
    }
}
