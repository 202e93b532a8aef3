import MagnesiumText

/// One field of a topic, fact or intent, read in place. `graph.topic(id)` and `graph.intent(id)`
/// copy the whole value (every string and array in it retained, then released), and answering one
/// question made hundreds of such copies just to read a kind or a name. Written without closures,
/// which made the optimiser copy the whole graph into their context.
extension Graph {
    package func hasTopic(_ id: String) -> Bool { topicIndex[id] != nil }

    package func kind(ofTopic id: String) -> String? {
        guard let index = topicIndex[id] else { return nil }
        return topics[index].kind
    }

    package func name(ofTopic id: String) -> String? {
        guard let index = topicIndex[id] else { return nil }
        return topics[index].name
    }

    /// The topic's relations; none for an unknown topic.
    package func relations(ofTopic id: String) -> [Relation] {
        guard let index = topicIndex[id] else { return [] }
        return topics[index].relations
    }

    package func property(_ key: String, ofTopic id: String) -> Property? {
        guard let index = topicIndex[id] else { return nil }
        for property in topics[index].properties where property.key == key { return property }
        return nil
    }

    package func topicID(ofFact id: String) -> String? {
        guard let address = factIndex[id] else { return nil }
        return topics[address.topic].facts[address.fact].topicID
    }

    package func audience(ofFact id: String) -> [String]? {
        guard let address = factIndex[id] else { return nil }
        return topics[address.topic].facts[address.fact].audience
    }

    /// The `about` values that answer the intent; nil for an unknown intent.
    package func answers(ofIntent id: String) -> [String]? {
        guard let index = intentIndex[id] else { return nil }
        return intents[index].answers
    }

    package func homeTopics(ofIntent id: String) -> [String]? {
        guard let index = intentIndex[id] else { return nil }
        return intents[index].homeTopics
    }

    /// True for a conversational intent, one with a fixed reply (greeting, thanks, ...).
    package func hasFixedReply(_ intentID: String) -> Bool {
        guard let index = intentIndex[intentID] else { return false }
        return intents[index].reply != nil
    }

    package func label(ofIntent id: String) -> String? {
        guard let index = intentIndex[id] else { return nil }
        return intents[index].label
    }

    /// A group of people (pregnancy, older adults, ...): what an answer is shaped for rather than
    /// about.
    package func isAudienceTopic(_ id: String) -> Bool { kind(ofTopic: id) == "group" }

    /// An intent answered from facts, or a comparison or article claim, rather than a fixed reply.
    package func isContentIntent(_ id: String) -> Bool {
        guard let answers = answers(ofIntent: id) else { return false }
        return !answers.isEmpty || id == "comparison" || id == "article-claim"
    }
}
