import MagnesiumTestSupport
import Testing

@testable import MagnesiumKit
@testable import MagnesiumKnowledge
@testable import MagnesiumText
@testable import MagnesiumTranscripts
@testable import MagnesiumUnderstanding

/// `check` reads every alias once; each read scanned every alias sharing its first word, so a graph
/// of many "magnesium …" topics took quadratic time (review L9). The index finds the same mentions.
@Suite struct AliasIndexTests {
    @Test func theIndexFindsWhatTheScanFinds() throws {
        let knowledge = Repository.knowledge
        let tables = knowledge.understander.tables
        let index = Understander.AliasIndex(tables.aliases)
        #expect(
            !index.buckets.isEmpty,
            "no first word is shared by more than \(Understander.AliasIndex.scanLimit) aliases; the index is not exercised"
        )
        var lines = knowledge.graph.topics.flatMap { [$0.name] + $0.aliases }
        lines += knowledge.graph.intents.flatMap(\.examples)
        lines += [
            "magnesium", "magnesium magnesium citrate oxide",
            "is magnesium glycinate better than magnesium oxide",
        ]
        for line in lines {
            let tokens = Normalizer.tokens(line)[...]
            let scanned = Understander.replaceMentions(tokens, aliases: tables.aliases)
            let indexed = Understander.replaceMentions(
                tokens, aliases: tables.aliases, index: index)
            #expect(scanned.keys == indexed.keys && scanned.mentions == indexed.mentions, "\(line)")
        }
    }

    /// Many topics named "magnesium …": the verifier reads each alias with a few look-ups.
    @Test func manySharedFirstWordsStayLinear() throws {
        var yaml =
            "areas:\n  - id: a\n    name: Area\nsources:\n  - id: s\n    title: T\n    publisher: P\n    year: 2020\n    url: https://example.org\ntopics:\n"
        for i in 0..<3000 {
            yaml +=
                "  - {id: t\(i), name: magnesium zq\(i)x, area: a, kind: concept, aliases: [magnesium zq\(i)y]}\n"
        }
        let graph = try KnowledgeLoader.load(yaml: [(file: "g.yaml", text: yaml)])
        let understander = Understander(graph: graph)
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for topic in graph.topics { _ = understander.understand(topic.name) }
        }
        #expect(understander.understand("what is magnesium zq2999y").topicIDs == ["t2999"])
        // About 0.1 s in a debug build; the scan took about 40 s here.
        #expect(elapsed < .seconds(15))
    }
}
