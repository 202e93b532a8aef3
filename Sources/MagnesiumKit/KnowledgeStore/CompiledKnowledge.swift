import MagnesiumKnowledge
import MagnesiumText
import MagnesiumUnderstanding

/// The compiled form the cache stores: the graph's bytes (``CompiledGraph``) followed by the
/// matcher's tables built from it, sharing one string table. It lives here, above both the
/// knowledge and the understanding modules, so that neither has to know the other's codec.
public enum CompiledKnowledge {
    /// The graph with the matcher's tables built from it.
    public static func encode(_ graph: Graph) -> [UInt8] {
        encode(graph, matcher: Understander.Tables(graph: graph))
    }

    /// The graph and, when given, the matcher's tables built from it.
    static func encode(_ graph: Graph, matcher: Understander.Tables?) -> [UInt8] {
        guard let matcher else { return CompiledGraph.encode(graph) }
        return CompiledGraph.encode(graph, appending: { $0.matcher(matcher) })
    }

    /// Knowledge ready for sessions: the matcher comes from the bytes' tables when they hold
    /// some (checked against the graph), else it is built from the graph.
    public static func decode(_ bytes: [UInt8]) throws -> Knowledge {
        let decoded = try bytes.withUnsafeBufferPointer { try decodeParts($0) }
        return Knowledge(
            graph: decoded.graph,
            tables: decoded.matcher ?? Understander.Tables(graph: decoded.graph),
            prepared: decoded.prepared)
    }

    /// The graph, and the matcher's tables when the bytes hold them (checked against the graph)
    /// with what the matcher works out from them alone, made while the graph decodes.
    /// `validatingGraph: false` is for checksummed bytes this build wrote (see
    /// ``CompiledGraph/decode(_:validatingGraph:trailing:)``).
    static func decodeParts(_ bytes: UnsafeBufferPointer<UInt8>, validatingGraph: Bool = true)
        throws -> (graph: Graph, matcher: Understander.Tables?, prepared: Understander.Prepared?)
    {
        let decoded = try CompiledGraph.decode(
            bytes, validatingGraph: validatingGraph,
            trailing: { decoder in
                let tables = try decoder.matcherTables()
                return (tables: tables, prepared: Understander.Prepared(tables: tables))
            },
            check: { read, graph in try GraphDecoder.check(read.tables, fit: graph) })
        return (decoded.graph, decoded.trailing?.tables, decoded.trailing?.prepared)
    }
}
