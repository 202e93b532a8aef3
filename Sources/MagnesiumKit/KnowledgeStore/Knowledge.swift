import Foundation
import MagnesiumKnowledge
import MagnesiumText
import MagnesiumUnderstanding

/// The loaded graph and the matcher built from it; shared by every session.
public final class Knowledge: Sendable {
    public let graph: Graph
    public let understander: Understander
    /// Per designed answer (by its index in `graph.answers`): its topics, the kind of question it
    /// answers (`amount`, `verdict`, ...), and its topics and the one group (children, pregnancy,
    /// ...) it is written for as bits. Read for every ranked answer of every question, so worked
    /// out once here.
    let answerTopicIDs: [[String]]
    let answerAsks: [String]
    let answerTopicBits: AnswerTopicBits
    /// Each source as a JSON reply names it after its number ("Publisher: Title (2020)"),
    /// escaped, by its place in `graph.sources`: nearly every reply lists a few, and escaping them
    /// again for each cost a fifth of writing the reply.
    let sourceJSONText: [[UInt8]]

    public convenience init(graph: Graph) {
        self.init(graph: graph, tables: Understander.Tables(graph: graph))
    }

    /// Knowledge whose matcher comes from tables built earlier for this graph (the compiled
    /// cache's).
    init(graph: Graph, tables: Understander.Tables) {
        self.graph = graph
        self.understander = Understander(graph: graph, tables: tables)
        answerTopicIDs = graph.answers.map(\.topicIDs)
        answerAsks = graph.answers.map(\.asks)
        answerTopicBits = AnswerTopicBits(topicIDs: answerTopicIDs) { topic in
            Self.personKinds.contains(graph.kind(ofTopic: topic) ?? "")
        }
        sourceJSONText = graph.sources.map { source in
            var text: [UInt8] = []
            if !source.publisher.isEmpty {
                JSONText.appendEscaped(source.publisher, to: &text)
                JSONText.appendLiteral(": ", to: &text)
            }
            JSONText.appendEscaped(source.title, to: &text)
            if let year = source.year {
                JSONText.appendLiteral(" (", to: &text)
                JSONText.appendDecimal(year, to: &text)
                text.append(UInt8(ascii: ")"))
            }
            return text
        }
    }

    /// Kinds of topic that say whom an answer is for: a group of people, or those taking a
    /// medicine.
    static let personKinds: Set<String> = ["group", "medicine"]

    /// Loads `Knowledge/` from a folder: from the compiled cache when it matches the YAML
    /// byte for byte, else parsed and validated from the YAML (then cached for next time).
    public static func load(from directory: URL, cache: CompiledKnowledgeCache = .standard) throws
        -> Knowledge
    {
        try cache.load(from: directory).knowledge
    }
}
