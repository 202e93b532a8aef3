import MagnesiumKnowledge
import MagnesiumText
import MagnesiumUnderstanding

/// Which topics' facts and relations answer a question about the topics it names.
extension Session {
    /// Relations written between two of the named topics, one per pair.
    func directRelations(among subjects: [String]) -> [Relation] {
        guard subjects.count >= 2 else { return [] }
        var found: [Relation] = []
        for (index, id) in subjects.enumerated() {
            let relations = graph.relations(ofTopic: id)
            for position in relations.indices
            where subjects[(index + 1)...].contains(relations[position].to)
                && relations[position].makesClaim
            {
                let relation = relations[position]
                if !found.contains(where: {
                    Set([$0.from, $0.to]) == Set([relation.from, relation.to])
                }) {
                    found.append(relation)
                }
            }
        }
        return found
    }

    /// Named topics, the more specific first: "magnesium" links to nearly everything, "anxiety" to
    /// little, so "does magnesium help anxiety?" is answered from anxiety's facts first.
    func specificFirst(_ subjects: [String]) -> [String] {
        guard subjects.count > 1 else { return subjects }
        let links = subjects.map { graph.relations(ofTopic: $0).count }
        return subjects.indices.sorted { a, b in links[a] != links[b] ? links[a] < links[b] : a < b
        }.map { subjects[$0] }
    }

    /// The topics whose facts may answer: the subjects and what they are forms of, the person's
    /// groups and medicines, then the intent's home topics. The home topics are used only when the
    /// named topics have nothing for the question: "what is glycine?" is answered from glycine
    /// alone, "how much should I take?" from the dose topics.
    func candidateTopics(subjects: [String], intent: Intent, person: Person) -> [String] {
        var topics: [String] = []
        for subject in subjects {
            for id in selector.lineage(subject) where !topics.contains(id) { topics.append(id) }
        }
        for id in person.audience where !topics.contains(id) { topics.append(id) }
        // Facts for this person's situation may sit on the home topics (a child's limits on "upper
        // limit"), so those are kept when the answer is for someone in particular.
        if person.audience.isEmpty && !subjects.isEmpty
            && selector.hasFact(
                abouts: intent.answers, topics: topics, person: person,
                where: { $0.level == 1 && subjects.contains($0.topicID) })
        {
            return topics
        }
        for id in intent.homeTopics where !topics.contains(id) { topics.append(id) }
        return topics
    }
}
