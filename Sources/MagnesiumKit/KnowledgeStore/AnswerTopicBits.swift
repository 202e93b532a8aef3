import MagnesiumKnowledge

/// Each designed answer's topics as bits of topic numbers, and the group it is written for as a
/// number: re-ranking asks, for every ranked answer of every question, whether it is about one of
/// the person's groups or medicines, and a bit test costs nothing where a set of names hashes a
/// name per topic.
struct AnswerTopicBits: Sendable {
    /// A set of topics, as bits of their numbers; topics no answer is about have no number and are
    /// left out, since no answer could match them.
    struct TopicSet {
        fileprivate var words: [UInt64]

        func contains(_ number: Int) -> Bool {
            words[number / 64] & (1 << UInt64(number % 64)) != 0
        }
    }

    private let numberOfTopic: [String: Int]
    private let wordsPerSet: Int
    /// One set after another, in answer order.
    private let answerWords: [UInt64]
    /// The number of the one group each answer is written for, or nil.
    let groupNumber: [Int?]

    /// `topicIDs` and `groups`: each answer's topics and the group it is written for, in answer
    /// order.
    init(topicIDs: [[String]], groups: [String?]) {
        var numberOfTopic: [String: Int] = [:]
        for topic in topicIDs.joined() where numberOfTopic[topic] == nil {
            numberOfTopic[topic] = numberOfTopic.count
        }
        let wordsPerSet = max(1, (numberOfTopic.count + 63) / 64)
        var answerWords = [UInt64](repeating: 0, count: wordsPerSet * topicIDs.count)
        for (place, topics) in topicIDs.enumerated() {
            for topic in topics {
                let number = numberOfTopic[topic]!
                answerWords[place * wordsPerSet + number / 64] |= 1 << UInt64(number % 64)
            }
        }
        self.numberOfTopic = numberOfTopic
        self.wordsPerSet = wordsPerSet
        self.answerWords = answerWords
        groupNumber = groups.map { $0.flatMap { numberOfTopic[$0] } }
    }

    func set(_ topicIDs: some Sequence<String>) -> TopicSet {
        var words = [UInt64](repeating: 0, count: wordsPerSet)
        for topic in topicIDs {
            guard let number = numberOfTopic[topic] else { continue }
            words[number / 64] |= 1 << UInt64(number % 64)
        }
        return TopicSet(words: words)
    }

    /// Whether the answer at `place` is about any topic of `topics`.
    func answer(_ place: Int, isAboutAnyOf topics: TopicSet) -> Bool {
        let start = place * wordsPerSet
        for word in 0..<wordsPerSet where answerWords[start + word] & topics.words[word] != 0 {
            return true
        }
        return false
    }
}
