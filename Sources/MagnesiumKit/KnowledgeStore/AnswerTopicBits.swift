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
    /// `groupNumber` with -1 for nil: the table of the groups answers are written for outside
    /// a person in no group.
    let groupNumberOrNone: [Int]
    /// The places of the answers written for one group, in answer order: the only answers the
    /// re-ranking's step for other groups can change.
    let answersForAGroup: [Int]
    /// The places of the answers about each topic, by the topic's number, in answer order: a
    /// table about a person's few topics marks their answers, not asks every answer.
    let answersAbout: [[Int]]

    /// `topicIDs`: each answer's topics, in answer order; an answer is written for a group when
    /// exactly one of its topics `isGroup` (asked once per distinct topic: a start-up numbers
    /// every answer's topics, and a second look-up by name per topic cost as much again).
    /// `impliedGroups`: for each answer, a group its own topic names ("leg cramps in
    /// pregnancy"), which it is written for when none of its topics is a group.
    init(topicIDs: [[String]], impliedGroups: [String?] = [], isGroup: (String) -> Bool) {
        var numberOfTopic: [String: Int] = [:]
        var topicIsGroup: [Bool] = []
        let numbers = topicIDs.map { topics in
            topics.map { topic in
                if let known = numberOfTopic[topic] { return known }
                let number = topicIsGroup.count
                numberOfTopic[topic] = number
                topicIsGroup.append(isGroup(topic))
                return number
            }
        }
        let wordsPerSet = max(1, (topicIsGroup.count + 63) / 64)
        var answerWords = [UInt64](repeating: 0, count: wordsPerSet * topicIDs.count)
        for (place, topics) in numbers.enumerated() {
            for number in topics {
                answerWords[place * wordsPerSet + number / 64] |= 1 << UInt64(number % 64)
            }
        }
        self.numberOfTopic = numberOfTopic
        self.wordsPerSet = wordsPerSet
        self.answerWords = answerWords
        groupNumber = numbers.enumerated().map { place, topics in
            let groups = topics.filter { topicIsGroup[$0] }
            if groups.isEmpty, place < impliedGroups.count, let implied = impliedGroups[place] {
                return numberOfTopic[implied]
            }
            return groups.count == 1 ? groups[0] : nil
        }
        groupNumberOrNone = groupNumber.map { $0 ?? -1 }
        answersForAGroup = groupNumberOrNone.indices.filter { [groupNumberOrNone] in
            groupNumberOrNone[$0] >= 0
        }
        var answersAbout = [[Int]](repeating: [], count: topicIsGroup.count)
        for (place, topics) in numbers.enumerated() {
            for number in topics where answersAbout[number].last != place {
                answersAbout[number].append(place)
            }
        }
        self.answersAbout = answersAbout
    }

    /// The numbers of those of `topicIDs` some answer is about.
    func numbers(_ topicIDs: some Sequence<String>) -> [Int] {
        topicIDs.compactMap { numberOfTopic[$0] }
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
