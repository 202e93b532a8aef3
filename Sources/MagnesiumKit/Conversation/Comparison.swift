import MagnesiumKnowledge
import MagnesiumText
import MagnesiumUnderstanding

/// Two topics side by side: shared properties, comparison notes and facts.
extension Session {
    func compare(_ a: String, _ b: String, into builder: inout AnswerBuilder) {
        guard let first = graph.topic(a), let second = graph.topic(b) else { return }
        builder.add("\(capitalized(first.name)) compared with \(second.name):")
        var items: [String] = []
        var keys: [String] = []
        for property in first.properties
        where second.properties.contains(where: { $0.key == property.key }) {
            keys.append(property.key)
        }
        for key in keys {
            let left = first.properties.first { $0.key == key }!
            let right = second.properties.first { $0.key == key }!
            let title = capitalized(key.hyphensAsSpaces)
            items.append(
                "- \(title): \(first.name) \(left.value) \(builder.cite(left.sourceIDs)); \(second.name) \(right.value) \(builder.cite(right.sourceIDs))"
            )
        }
        builder.add(items: items)
        let notes = selector.relations(of: [a], .comparedWith).filter {
            $0.to == b && $0.note != nil
        }
        for note in notes {
            builder.add(selector.sentence(note.note!) + " " + builder.cite(note.sourceIDs))
        }
        let facts = selector.facts(abouts: ["comparison"], topics: [a, b], person: .anyone)
            .filter { fact in
                let lowered = fact.text.lowercased()
                return textContains(lowered, second.name.lowercased())
                    || textContains(lowered, first.name.lowercased())
            }
        builder.add(facts: Array(facts.prefix(2)))
        if items.isEmpty && notes.isEmpty && facts.isEmpty {
            builder.add("I have no direct comparison of \(first.name) and \(second.name).")
            let definitions =
                selector.facts(abouts: ["definition"], topics: [a], person: .anyone).prefix(1)
                + selector.facts(abouts: ["definition"], topics: [b], person: .anyone).prefix(1)
            builder.add(facts: Array(definitions))
        }
    }
}
