import MagnesiumKnowledge

extension Understander {
    /// What each designed answer is about, with topics as numbers and each answer's topics as bits:
    /// every question weighs every answer that shares a word with it against the topics it names,
    /// and set look-ups by topic name cost more than the scoring itself. Built from the graph in
    /// ``Tables/init(graph:)``, which the compiled cache stores, so a warm start only reads it.
    struct AnswerTopicTable: Sendable, Equatable {
        /// Topic ids by number: every topic of the graph, then any other id an answer or a form
        /// relation names (so a topic missing here is about no answer and a form of nothing).
        let topicIDs: [String]
        let numberOfTopic: [String: Int]
        /// 64-bit words per set of topics.
        let wordsPerSet: Int
        /// Each answer's topics (its own and every topic its questions name) as bits, one set
        /// after another in answer order.
        let answerBits: [UInt64]
        /// The topics most of each answer's questions name, which the question must be about too.
        let needs: [[Int]]
        /// What each topic is a form of, as bits, one set after another in topic order.
        let lineageBits: [UInt64]
        /// Each topic's names and aliases as numbered word keys, in topic order.
        let names: [[[Int]]]
        /// The numbers of the words in `names`.
        let numberOfNameWord: [String: Int]

        /// Whether each topic an answer may need is asked about, for one question; each worked
        /// out when an answer first needs it.
        struct NeedCheck {
            let table: AnswerTopicTable
            /// The topics asked about, and those with what each is a form of.
            let asked: [UInt64]
            let askedOrParents: [UInt64]
            /// The question's words, read into `words` only when a need is first looked for by
            /// its names: most questions meet their answers' needs by the topics they name.
            private let questionWords: [String]
            /// Which words of the topics' names the question has; empty until first needed.
            private var words: [Bool] = []
            /// Per topic: 0 not worked out yet, 1 met, 2 not met.
            private var known: [UInt8]

            /// `asked`: the topics asked about by number, nil for an id the table does not know.
            init(_ table: AnswerTopicTable, asked: [Int?], words: [String]) {
                self.table = table
                self.asked = table.bits(ofNumbers: asked)
                self.askedOrParents = table.bitsWithLineage(ofNumbers: asked)
                questionWords = words
                known = [UInt8](repeating: 0, count: table.topicIDs.count)
            }

            init(_ table: AnswerTopicTable, asked: [String], words: [String]) {
                self.init(table, asked: asked.map { table.numberOfTopic[$0] }, words: words)
            }

            /// A topic an answer needs is asked about, or is what an asked topic is a form of, or
            /// a form of it, or has a name whose words all occur in the question ("magnesium dose
            /// for cramps" asks about magnesium for cramps, though its alias grouped the words
            /// otherwise).
            @inline(__always)
            mutating func isMet(_ need: Int) -> Bool {
                let memo = known[need]
                if memo != 0 { return memo == 1 }
                return workOut(need)
            }

            /// ``isMet(_:)`` the first time `need` is asked about.
            private mutating func workOut(_ need: Int) -> Bool {
                let start = need * table.wordsPerSet
                var met =
                    askedOrParents[need / 64] & (1 << UInt64(need % 64)) != 0
                    || (0..<table.wordsPerSet).contains {
                        table.lineageBits[start + $0] & asked[$0] != 0
                    }
                if !met && !table.names[need].isEmpty {
                    if words.isEmpty { words = Self.nameWords(of: questionWords, in: table) }
                    met = table.names[need].contains { $0.allSatisfy { words[$0] } }
                }
                known[need] = met ? 1 : 2
                return met
            }

            /// Which words of the topics' names occur among `questionWords`.
            private static func nameWords(of questionWords: [String], in table: AnswerTopicTable)
                -> [Bool]
            {
                var has = [Bool](repeating: false, count: table.numberOfNameWord.count)
                for word in questionWords {
                    if let number = table.numberOfNameWord[word] { has[number] = true }
                }
                return has
            }
        }

        /// Sets of topics, each kept as the few 64-bit words of its bits that are not zero: a
        /// question's subjects are a topic or two each (with what they are forms of), where a
        /// whole set spans ``wordsPerSet`` words that every answer scored would be checked against.
        struct TopicSets {
            /// Word positions and their bits, set after set; set `s` ends at `ends[s]`.
            fileprivate var positions: [Int] = []
            fileprivate var bits: [UInt64] = []
            fileprivate var ends: [Int] = []
            var count: Int { ends.count }
        }

        /// `sets` as ``TopicSets``, in the same order; ids no answer knows are left out as in
        /// ``bits(of:)``.
        func topicSets(_ sets: [[String]]) -> TopicSets {
            topicSets(bits: sets.map { bits(of: $0) })
        }

        /// Sets of topics given as their bits (``bits(of:)``, ``bitsWithLineage(ofNumbers:)``).
        func topicSets(bits sets: [[UInt64]]) -> TopicSets {
            var result = TopicSets()
            for set in sets {
                for (position, word) in set.enumerated() where word != 0 {
                    result.positions.append(position)
                    result.bits.append(word)
                }
                result.ends.append(result.positions.count)
            }
            return result
        }

        /// How many of `sets` answer `answer` is about: it is about a set when it is about any
        /// topic of it.
        func countAbout(answer: Int, eachOf sets: TopicSets) -> Int {
            answerBits.withUnsafeBufferPointer { all in
                sets.positions.withUnsafeBufferPointer { positions in
                    sets.bits.withUnsafeBufferPointer { bits in
                        sets.ends.withUnsafeBufferPointer { ends in
                            let start = answer * wordsPerSet
                            var covered = 0
                            var entry = 0
                            for end in ends {
                                while entry < end {
                                    if all[start + positions[entry]] & bits[entry] != 0 {
                                        covered += 1
                                        break
                                    }
                                    entry += 1
                                }
                                entry = end
                            }
                            return covered
                        }
                    }
                }
            }
        }

        /// A set of topics that spans at most two 64-bit words (a question's one subject with what
        /// it is a form of, or its groups), checked against an answer with two reads instead of a
        /// walk over ``TopicSets``: most questions name one subject, and every answer scored is
        /// checked against it.
        struct SmallSet {
            fileprivate let first: Int
            fileprivate let firstBits: UInt64
            fileprivate let second: Int
            fileprivate let secondBits: UInt64
        }

        /// `sets` as a ``SmallSet`` when it is one set of at most two words, else nil.
        func smallSet(_ sets: TopicSets) -> SmallSet? {
            guard sets.count == 1, sets.positions.count <= 2 else { return nil }
            // A missing word is word 0 with no bits: it matches nothing.
            let first = sets.positions.first ?? 0
            let second = sets.positions.count == 2 ? sets.positions[1] : first
            return SmallSet(
                first: first, firstBits: sets.bits.first ?? 0, second: second,
                secondBits: sets.positions.count == 2 ? sets.bits[1] : 0)
        }

        /// ``countAbout(answer:eachOf:)`` for the one set `set` stands for: 1 when the answer is
        /// about a topic of it, else 0.
        @inline(__always)
        func countAbout(answer: Int, _ set: SmallSet) -> Int {
            let start = answer * wordsPerSet
            return (answerBits[start + set.first] & set.firstBits)
                | (answerBits[start + set.second] & set.secondBits) != 0 ? 1 : 0
        }

        /// ``bits(of:)`` of topics by number (nil for an id the table does not know): a question
        /// looks its topics up once, not once per set it puts them in.
        func bits(ofNumbers topics: [Int?]) -> [UInt64] {
            var bits = [UInt64](repeating: 0, count: wordsPerSet)
            for case let bit? in topics { bits[bit / 64] |= 1 << UInt64(bit % 64) }
            return bits
        }

        /// The bits of topics by number (nil for an id the table does not know) and of what each
        /// is a form of: ``bits(of:)`` of the ids with their lineage, since every id that is a
        /// form of something has a number and its parents' bits in ``lineageBits``.
        func bitsWithLineage(ofNumbers topics: [Int?]) -> [UInt64] {
            var bits = [UInt64](repeating: 0, count: wordsPerSet)
            for case let topic? in topics {
                bits[topic / 64] |= 1 << UInt64(topic % 64)
                let start = topic * wordsPerSet
                for word in 0..<wordsPerSet { bits[word] |= lineageBits[start + word] }
            }
            return bits
        }

        /// The bits of the topics named; ids no answer or relation knows are left out, since no
        /// answer is about them.
        func bits(of topics: some Sequence<String>) -> [UInt64] {
            var bits = [UInt64](repeating: 0, count: wordsPerSet)
            for topic in topics {
                guard let bit = numberOfTopic[topic] else { continue }
                bits[bit / 64] |= 1 << UInt64(bit % 64)
            }
            return bits
        }
    }

    /// What each designed answer is about: its topics and every topic its questions name, and
    /// the topics most of its questions name, which the question must be about too.
    struct AnswerTopics: Sendable {
        var topics: Set<String>
        var needs: Set<String>
    }
}

extension Understander.AnswerTopicTable {
    /// `answers`: each answer's topics and needs by id; `lineage`: what each topic is a form
    /// of; `names`: each topic's names as word keys.
    init(
        graph: Graph, answers: [Understander.AnswerTopics], lineage: [String: [String]],
        names: [String: [[String]]]
    ) {
        var topicIDs: [String] = []
        var numberOfTopic: [String: Int] = [:]
        numberOfTopic.reserveCapacity(graph.topics.count + lineage.count)
        func number(_ id: String) -> Int {
            if let known = numberOfTopic[id] { return known }
            numberOfTopic[id] = topicIDs.count
            topicIDs.append(id)
            return topicIDs.count - 1
        }
        // Numbers are only ever compared with each other, so any order would answer the same;
        // a fixed one (the graph's topics, then other ids as first met, with dictionaries and
        // sets read sorted) makes the same graph give the same table, and so the same cache
        // bytes. Each id is looked up once, its number kept: looking it up again cost as much.
        for topic in graph.topics { _ = number(topic.id) }
        let lineageNumbers = lineage.sorted { $0.key < $1.key }.map { topic, parents in
            (topic: number(topic), parents: parents.map(number))
        }
        let answerNumbers = answers.map { answer in
            (topics: answer.topics.sorted().map(number), needs: answer.needs.sorted().map(number))
        }
        let wordsPerSet = max(1, (topicIDs.count + 63) / 64)
        var bits = [UInt64](repeating: 0, count: wordsPerSet * answers.count)
        for (index, answer) in answerNumbers.enumerated() {
            for bit in answer.topics {
                bits[index * wordsPerSet + bit / 64] |= 1 << UInt64(bit % 64)
            }
        }
        self.topicIDs = topicIDs
        self.numberOfTopic = numberOfTopic
        self.wordsPerSet = wordsPerSet
        self.answerBits = bits
        self.needs = answerNumbers.map(\.needs)
        var lineageBits = [UInt64](repeating: 0, count: wordsPerSet * topicIDs.count)
        for (topic, parents) in lineageNumbers {
            let start = topic * wordsPerSet
            for bit in parents {
                lineageBits[start + bit / 64] |= 1 << UInt64(bit % 64)
            }
        }
        self.lineageBits = lineageBits
        var numberOfNameWord: [String: Int] = [:]
        self.names = topicIDs.map { topic in
            (names[topic] ?? []).map { name in
                name.map { word in
                    if let known = numberOfNameWord[word] { return known }
                    numberOfNameWord[word] = numberOfNameWord.count
                    return numberOfNameWord.count - 1
                }
            }
        }
        self.numberOfNameWord = numberOfNameWord
    }
}
