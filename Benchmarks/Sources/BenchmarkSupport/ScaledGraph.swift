import MagnesiumKit
import MagnesiumKnowledge
import MagnesiumTranscripts

/// Graphs made larger than the real one, for checking that the cost of a question does not grow
/// with the size of the knowledge.
///
/// A graph `factor` times larger holds the real graph plus `factor - 1` generated copies of every
/// topic (new ids, names and aliases of made-up words, the same facts under new ids, relations
/// between the copies). That is what the budget scales: the knowledge grows, the kinds of
/// question (intents) stay the same.
///
/// With `copyingIntents`, every intent is copied too (the same example phrasings with their
/// content words made up, so function words such as "what" and "how" grow as they would with
/// many more intents): a harsher series that shows how the intent classifier's cost grows with
/// the number of example phrasings. Nothing is written as YAML: the graph is built in memory
/// and handed to ``Knowledge``.
public enum ScaledGraph {
    public static func make(from graph: Graph, factor: Int, copyingIntents: Bool = false) -> Graph {
        guard factor > 1 else { return graph }
        var scaled = graph
        let topicIDs = Set(graph.topics.map(\.id))
        for copy in 1..<factor {
            let suffix = "-g\(copy)"
            func generatedTopic(_ id: String) -> String { topicIDs.contains(id) ? id + suffix : id }
            for topic in graph.topics {
                var made = topic
                made.id = topic.id + suffix
                made.name = PseudoWords.rename(topic.name, copy: copy)
                made.aliases = topic.aliases.map { PseudoWords.rename($0, copy: copy) }
                made.facts = topic.facts.map { fact in
                    var fact = fact
                    fact.id += suffix
                    fact.topicID = made.id
                    fact.audience = fact.audience.map(generatedTopic)
                    return fact
                }
                made.relations = topic.relations.map { relation in
                    var relation = relation
                    relation.from = generatedTopic(relation.from)
                    relation.to = generatedTopic(relation.to)
                    return relation
                }
                scaled.topics.append(made)
            }
            for intent in graph.intents where copyingIntents {
                var made = intent
                made.id = intent.id + suffix
                made.homeTopics = intent.homeTopics.map(generatedTopic)
                made.examples = intent.examples.map { PseudoWords.rename($0, copy: copy) }
                scaled.intents.append(made)
            }
        }
        scaled.reindex()
        return scaled
    }
}

/// Made-up words, the same for the same word and copy, so generated graphs are reproducible.
public enum PseudoWords {
    /// Question and function words kept as they are: every graph, however large, uses them.
    static let kept: Set<String> = [
        "what", "whats", "what's", "how", "much", "many", "does", "should", "would", "could",
        "with", "when", "where",
        "which", "there", "their", "about", "take", "taking", "have", "will", "safe", "long",
        "than", "from", "into",
        "more", "make", "help", "good", "best", "better", "after", "before", "every", "need",
        "tell", "this", "that",
        "them", "they", "your", "just", "also", "okay", "thanks", "hello", "please", "some",
        "other", "like", "much",
        "enough", "often", "right", "wrong", "really", "still", "while", "without",
    ]

    /// `text` with each content word (four letters or more, not a function word) replaced.
    public static func rename(_ text: String, copy: Int) -> String {
        text.split(separator: " ", omittingEmptySubsequences: false).map { piece -> String in
            let plain = String(piece)
            guard plain.count >= 4, plain.allSatisfy({ $0.isLetter }),
                !kept.contains(plain.lowercased())
            else { return plain }
            return madeUp(plain.lowercased(), copy: copy)
        }.joined(separator: " ")
    }

    private static let consonants = Array("bdfgklmnprstvz")
    private static let vowels = Array("aeiou")

    /// A pronounceable made-up word about as long as `original`.
    static func madeUp(_ original: String, copy: Int) -> String {
        var state: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(copy) &* 0x100_0000_01B3
        for byte in original.utf8 { state = (state ^ UInt64(byte)) &* 0x100_0000_01B3 }
        let length = min(12, max(5, original.count))
        var letters: [Character] = []
        while letters.count < length {
            state ^= state >> 29
            state = state &* 0xBF58_476D_1CE4_E5B9
            letters.append(consonants[Int(state % UInt64(consonants.count))])
            letters.append(vowels[Int((state >> 16) % UInt64(vowels.count))])
        }
        return String(letters.prefix(length))
    }
}
