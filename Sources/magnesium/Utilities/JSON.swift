import Foundation
import MagnesiumKit

/// One-line JSON for `--json`: strings escaped by hand so the output is stable.
enum JSON {
    static func string(_ text: String) -> String { JSONText.quoted(text) }

    static func array(_ items: [String]) -> String { "[" + items.map(string).joined(separator: ",") + "]" }

    /// One reply as a single-line JSON object, fields in a fixed order.
    static func object(for reply: Reply, session: Session) -> String {
        let graph = session.knowledge.graph
        let sources = reply.sourceIDs.enumerated().map { index, id in "[\(index + 1)] " + (graph.source(id)?.shortCitation ?? id) }
        let corrections = reply.corrections.map { "{\"from\":\(string($0.from)),\"to\":\(string($0.to))}" }
        let fields = [
            "\"question\":\(string(reply.question))",
            "\"answer\":\(string(reply.text))",
            "\"intent\":\(string(reply.intent))",
            "\"topics\":\(array(reply.topics))",
            "\"confidence\":\(String(format: "%.3f", min(1, max(0, reply.confidence))))",
            "\"sources\":\(array(sources))",
            "\"corrections\":[\(corrections.joined(separator: ","))]",
            "\"context\":\(array(reply.context))",
        ]
        return "{" + fields.joined(separator: ",") + "}"
    }
}
