import MagnesiumKit
import MagnesiumKnowledge
import MagnesiumText
import MagnesiumTranscripts
import MagnesiumUnderstanding

/// The topics within a number of relation steps of one topic, for `magnesium graph`.
public struct Neighbourhood: Sendable {
    public let graph: Graph
    public let root: String?
    public let depth: Int

    public init(graph: Graph, root: String?, depth: Int) {
        self.graph = graph
        self.root = root
        self.depth = depth
    }

    /// An indented tree: each topic, then its relations, each followed by the topics it leads to.
    public func text() -> String {
        guard let root, let topic = graph.topic(root) else {
            var lines: [String] = []
            for area in graph.areas {
                lines.append(area.name)
                for topic in graph.topics where topic.areaID == area.id {
                    lines.append("  \(topic.name) (\(topic.id))")
                }
            }
            return lines.joined(separator: "\n")
        }
        var lines = ["\(topic.name) (\(topic.id))"]
        var shown: Set<String> = [root]
        func walk(_ id: String, level: Int) {
            guard level <= depth, let current = graph.topic(id) else { return }
            for relation in current.relations {
                let indent = String(repeating: "  ", count: level)
                let target = graph.topic(relation.to)?.name ?? relation.to
                var detail = [
                    relation.amount, relation.timing,
                    relation.grade.map { "evidence: \($0.rawValue)" },
                ].compactMap { $0 }.joined(separator: "; ")
                if !detail.isEmpty { detail = "  [\(detail)]" }
                let repeated = shown.contains(relation.to)
                lines.append(
                    "\(indent)\(relation.type.rawValue) → \(target)\(repeated ? " …" : "")\(detail)"
                )
                if !repeated {
                    shown.insert(relation.to)
                    walk(relation.to, level: level + 1)
                }
            }
        }
        walk(root, level: 1)
        return lines.joined(separator: "\n")
    }

    /// Graphviz DOT: topics as nodes (one colour per area), authored relations as labelled edges.
    public func dot() -> String {
        let ids = topicIDs()
        var lines = [
            "digraph magnesium {", "  graph [rankdir=LR, fontname=\"Helvetica\"];",
            "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10];",
            "  edge [fontname=\"Helvetica\", fontsize=8, color=\"#666666\"];",
        ]
        let palette = [
            "#dbe9f6", "#fde2cf", "#dcefd8", "#f4d9e8", "#ece0f5", "#fff3bf", "#d8f0ee", "#f0e0d0",
            "#e3e3e3", "#d9e4f5", "#e8f5d0", "#f9d6d5", "#cfe8f9",
        ]
        for id in ids {
            guard let topic = graph.topic(id) else { continue }
            let areaIndex = graph.areas.firstIndex { $0.id == topic.areaID } ?? 0
            let pen = id == root ? ", penwidth=2" : ""
            lines.append(
                "  \(quote(id)) [label=\(quote(topic.name)), fillcolor=\"\(palette[areaIndex % palette.count])\"\(pen)];"
            )
        }
        let inside = Set(ids)
        for id in ids {
            for relation in graph.topic(id)?.relations ?? []
            where !relation.isDerived && inside.contains(relation.to) {
                lines.append(
                    "  \(quote(id)) -> \(quote(relation.to)) [label=\(quote(relation.type.rawValue))];"
                )
            }
        }
        lines.append("}")
        return lines.joined(separator: "\n")
    }

    /// The topics in reach, root first, then breadth-first in file order.
    public func topicIDs() -> [String] {
        guard let root, graph.topic(root) != nil else { return graph.topics.map(\.id) }
        var order = [root]
        var seen: Set<String> = [root]
        var frontier = [root]
        for _ in 0..<depth {
            var next: [String] = []
            for id in frontier {
                for relation in graph.topic(id)?.relations ?? []
                where seen.insert(relation.to).inserted {
                    order.append(relation.to)
                    next.append(relation.to)
                }
            }
            frontier = next
        }
        return order
    }

    private func quote(_ text: String) -> String {
        "\""
            + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
                of: "\"", with: "\\\"") + "\""
    }
}
