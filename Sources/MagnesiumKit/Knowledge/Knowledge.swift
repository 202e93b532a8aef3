import Foundation

/// The loaded graph and the matcher built from it; shared by every session.
public final class Knowledge: Sendable {
    public let graph: Graph
    public let understander: Understander

    public init(graph: Graph) {
        self.graph = graph
        self.understander = Understander(graph: graph)
    }

    /// Loads `Knowledge/` from a folder: from the compiled cache when it matches the YAML
    /// byte for byte, else parsed and validated from the YAML (then cached for next time).
    public static func load(from directory: URL, cache: CompiledKnowledgeCache = .standard) throws -> Knowledge {
        Knowledge(graph: try cache.load(from: directory).graph)
    }
}
