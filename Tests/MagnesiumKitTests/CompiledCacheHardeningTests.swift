import Foundation
import MagnesiumTestSupport
import Testing

@testable import MagnesiumKit
@testable import MagnesiumKnowledge
@testable import MagnesiumText
@testable import MagnesiumTranscripts
@testable import MagnesiumUnderstanding

/// A cache file is checked as strictly as YAML is (review L19 and the decoder's bounds): a graph
/// that would not validate, or numbers an answer cannot compute with, are refused at decode time,
/// and a file someone else could have rewritten is not read.
@Suite struct CompiledCacheHardeningTests {
    static let graph: Graph = Repository.knowledge.graph

    func decodes(_ graph: Graph) -> Bool {
        let bytes = CompiledKnowledge.encode(graph, matcher: Understander.Tables(graph: Self.graph))
        return (try? bytes.withUnsafeBufferPointer { try CompiledKnowledge.decodeParts($0) }) != nil
    }

    @Test func theRealGraphDecodes() {
        #expect(decodes(Self.graph))
    }

    @Test(arguments: ["nan", "infinity", "huge"])
    func numbersAnswersComputeWithMustBeSensible(_ flaw: String) throws {
        var graph = Self.graph
        let t = try #require(
            graph.topics.firstIndex { $0.properties.contains { $0.number != nil } })
        let p = try #require(graph.topics[t].properties.firstIndex { $0.number != nil })
        graph.topics[t].properties[p].number =
            flaw == "nan" ? .nan : flaw == "infinity" ? .infinity : 1e300
        #expect(!decodes(graph))
    }

    @Test func aGraphThatDoesNotValidateIsRefused() throws {
        var graph = Self.graph
        let t = try #require(graph.topics.firstIndex { $0.relations.contains { !$0.isDerived } })
        let r = try #require(graph.topics[t].relations.firstIndex { !$0.isDerived })
        graph.topics[t].relations[r].to = "no-such-topic"
        graph.reindex()
        #expect(!decodes(graph))
        graph = Self.graph
        graph.topics[0].facts[0].sourceIDs = ["no-such-source"]
        graph.reindex()
        #expect(!decodes(graph))
    }

    @Test func aYAMLNumberThatIsNotFiniteIsAProblem() throws {
        let yaml = """
            areas:
              - {id: a, name: Area}
            sources:
              - {id: s, title: T, publisher: P, year: 2020, url: "https://example.org"}
            topics:
              - id: x
                name: x
                area: a
                kind: concept
                properties:
                  share: {value: "x", number: .nan, source: [s], grade: weak}

            """
        #expect(throws: DiagnosticsError.self) {
            try KnowledgeLoader.load(yaml: [(file: "t.yaml", text: yaml)])
        }
    }

    @Test func aCacheFileOthersCanWriteIsNotRead() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mg-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = CompiledKnowledgeCache(directory: folder)
        let knowledge = Repository.knowledgeFolder
        let first = try cache.load(from: knowledge)
        #expect(first.stored)
        let file = cache.cacheFile(for: knowledge, in: folder)
        #expect(try cache.load(from: knowledge).origin == .cache)
        #expect(chmod(file.path, 0o666) == 0)
        let again = try cache.load(from: knowledge)
        #expect(again.origin != .cache)
        // Rewritten (by rename) with the owner's own mode, it is used again.
        #expect(try cache.load(from: knowledge).origin == .cache)
    }
}
