import Foundation
import MagnesiumKnowledge
import MagnesiumText
import MagnesiumUnderstanding

/// The loaded graph and the matcher built from it; shared by every session.
public final class Knowledge: Sendable {
    public let graph: Graph
    public let understander: Understander

    public convenience init(graph: Graph) {
        self.init(graph: graph, tables: Understander.Tables(graph: graph))
    }

    /// Knowledge whose matcher comes from tables built earlier for this graph (the compiled
    /// cache's).
    init(graph: Graph, tables: Understander.Tables) {
        self.graph = graph
        self.understander = Understander(graph: graph, tables: tables)
    }

    /// Loads `Knowledge/` from a folder: from the compiled cache when it matches the YAML
    /// byte for byte, else parsed and validated from the YAML (then cached for next time).
    public static func load(from directory: URL, cache: CompiledKnowledgeCache = .standard) throws
        -> Knowledge
    {
        try cache.load(from: directory).knowledge
    }
}
