import MagnesiumKnowledge
import MagnesiumText
import MagnesiumUnderstanding

/// Asking back when a line fits two readings, and reading the answer to that question.
extension Session {
    /// The intent a reply to "do you mean A, or B?" picks: by position ("the second"), by the
    /// words of an option's label, or by what the reply asks best.
    func choose(among options: [String], in understanding: Understanding) -> String? {
        if let chosen = ordinalChoice(options, understanding) { return chosen }
        for option in options {
            let labelWords = Set(Normalizer.words(label(option)).map(Stemmer.stem))
            if understanding.tokens.contains(where: {
                labelWords.contains($0.key) && $0.text.count > 3
            }) {
                return option
            }
        }
        let ranked = understanding.ranked.filter { options.contains($0.intent) }
        if let top = ranked.first, top.score >= Thresholds.minimumScore { return top.intent }
        return nil
    }

    /// "the first", "2", "the last one": an option picked by its position.
    func ordinalChoice(_ options: [String], _ understanding: Understanding) -> String? {
        let ordinals = [
            "first": 0, "1": 0, "second": 1, "2": 1, "third": 2, "3": 2, "last": options.count - 1,
        ]
        for token in understanding.tokens {
            if let index = ordinals[token.text], index < options.count { return options[index] }
        }
        return nil
    }

    /// How an intent is named in a clarifying question ("how much to take").
    func label(_ intentID: String) -> String {
        graph.label(ofIntent: intentID) ?? intentID.hyphensAsSpaces
    }

    /// Whether two intents would answer differently, so that asking which was meant helps.
    func differentAnswers(_ a: String, _ b: String) -> Bool {
        guard let first = graph.answers(ofIntent: a), let second = graph.answers(ofIntent: b) else {
            return false
        }
        // Intents whose answers overlap ("does it work?": evidence or how it works) both answer
        // well enough.
        return !first.contains(where: second.contains)
    }

    /// A misspelling equally close to two topics ("glycinte": glycinate or glycine?): which one.
    mutating func topicAmbiguity(_ understanding: Understanding, best: String) -> Reply? {
        for entry in understanding.ambiguousWords {
            var options: [String] = []
            for candidate in entry.candidates {
                guard let topic = understander.understand(candidate).mentions.first?.topicID,
                    !options.contains(topic)
                else { continue }
                options.append(topic)
            }
            guard options.count > 1 else { continue }
            // A topic already under discussion settles it without asking.
            if focus.contains(where: options.contains) { continue }
            let intent = graph.isContentIntent(best) ? best : ReservedID.definition
            pending = .topic(intent: intent, options: options)
            let names = options.map { selector.name($0) }
            return Reply(
                question: "", text: "Do you mean \(joinedOr(names))?",
                intent: DialogueIntent.unsure, topics: options, confidence: 0.3)
        }
        return nil
    }

    /// The best content intent other than the best reading: what asking back offers beside it.
    func runnerUp(
        to best: String, in understanding: Understanding
    ) -> (intent: String, score: Double)? {
        understanding.ranked.first { graph.isContentIntent($0.intent) && $0.intent != best }
    }

    /// Asks back about a topic: the options wait for the reply, and the first of them on the topic
    /// stands as the last question, for an "and for kids?" after it.
    mutating func awaitChoice(
        among options: [String], about topic: String, _ understanding: Understanding,
        context: inout [String]
    ) {
        pending = .intent(topic: topic, options: options)
        lastAnswer = AnswerState(
            intent: options[0], topics: [topic], person: personFor(understanding, context: &context)
        )
    }
}
