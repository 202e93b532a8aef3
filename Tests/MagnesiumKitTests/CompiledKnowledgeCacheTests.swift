import Foundation
import MagnesiumTestSupport
import Testing

@testable import MagnesiumKit
@testable import MagnesiumKnowledge
@testable import MagnesiumText
@testable import MagnesiumTranscripts
@testable import MagnesiumUnderstanding

/// The compiled form of the graph and its cache: a cached graph must equal the YAML one, and a
/// stale, corrupt, truncated or unwritable cache must never change what is loaded.
@Suite struct CompiledKnowledgeCacheTests {
    /// A private copy of the repository's knowledge and an empty cache folder.
    struct Sandbox {
        let knowledge: URL
        let cacheFolder: URL
        var cache: CompiledKnowledgeCache { CompiledKnowledgeCache(directory: cacheFolder) }
        var cacheFile: URL { cache.cacheFile(for: knowledge, in: cacheFolder) }

        init() throws {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent(
                "mg-cache-\(UUID().uuidString)")
            knowledge = root.appendingPathComponent("Knowledge")
            cacheFolder = root.appendingPathComponent("cache/magnesium")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: Repository.knowledgeFolder, to: knowledge)
        }
    }

    /// Every stored property, recursively, as text: compares values that are not Equatable
    /// (tuples).
    static func dumped<T>(_ value: T) -> String {
        var text = ""
        dump(value, to: &text, maxDepth: .max, maxItems: .max)
        return text
    }

    /// The first line where two dumps differ, or nil when they are the same.
    static func firstDifference<T>(_ a: T, _ b: T) -> String? {
        let (left, right) = (dumped(a).split(separator: "\n"), dumped(b).split(separator: "\n"))
        guard left != right else { return nil }
        let index =
            zip(left, right).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(left.count, right.count)
        return
            "line \(index + 1): \(index < left.count ? left[index] : "(end)") ≠ \(index < right.count ? right[index] : "(end)")"
    }

    static func expectSameGraph(
        _ a: Graph, _ b: Graph, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        #expect(firstDifference(a.areas, b.areas) == nil, sourceLocation: sourceLocation)
        #expect(firstDifference(a.sources, b.sources) == nil, sourceLocation: sourceLocation)
        #expect(firstDifference(a.topics, b.topics) == nil, sourceLocation: sourceLocation)
        #expect(firstDifference(a.intents, b.intents) == nil, sourceLocation: sourceLocation)
        #expect(firstDifference(a.claims, b.claims) == nil, sourceLocation: sourceLocation)
        #expect(
            a.answers == b.answers && a.answerIndex == b.answerIndex, sourceLocation: sourceLocation
        )
        #expect(firstDifference(a.lexicon, b.lexicon) == nil, sourceLocation: sourceLocation)
        #expect(
            a.topicIndex == b.topicIndex && a.factIndex == b.factIndex,
            sourceLocation: sourceLocation)
        #expect(
            a.sourceIndex == b.sourceIndex && a.intentIndex == b.intentIndex,
            sourceLocation: sourceLocation)
    }

    static func yamlGraph(_ folder: URL) throws -> Graph {
        try KnowledgeLoader(directory: folder).load()
    }

    @Test func encodingRoundTripsTheRepositoryGraph() throws {
        let graph = try Self.yamlGraph(Repository.knowledgeFolder)
        let bytes = CompiledGraph.encode(graph)
        Self.expectSameGraph(try CompiledGraph.decode(bytes), graph)
        #expect(
            CompiledGraph.encode(try CompiledGraph.decode(bytes)) == bytes,
            "encoding is deterministic")
    }

    @Test func theMatcherTablesRoundTripWithTheGraph() throws {
        let graph = try Self.yamlGraph(Repository.knowledgeFolder)
        let tables = Understander.Tables(graph: graph)
        let bytes = CompiledKnowledge.encode(graph, matcher: tables)
        let decoded = try bytes.withUnsafeBufferPointer { try CompiledKnowledge.decodeParts($0) }
        #expect(decoded.matcher == tables)
        #expect(
            CompiledKnowledge.encode(decoded.graph, matcher: try #require(decoded.matcher))
                == bytes, "encoding is deterministic")
        // The graph part alone is still a valid graph file, without tables.
        let graphOnly = try CompiledGraph.encode(graph).withUnsafeBufferPointer {
            try CompiledKnowledge.decodeParts($0)
        }
        #expect(graphOnly.matcher == nil)
    }

    /// The answers' topic table numbers topics in a fixed order, so the same graph gives the same
    /// table and cache bytes; the cache gives back the table as built.
    @Test func theAnswerTopicTableIsTheSameBuiltTwiceAndReadBack() throws {
        let graph = try Self.yamlGraph(Repository.knowledgeFolder)
        let built = Understander.Tables(graph: graph)
        #expect(Understander.Tables(graph: graph).answerTopics == built.answerTopics)
        let bytes = CompiledKnowledge.encode(graph, matcher: built)
        let read = try #require(
            try bytes.withUnsafeBufferPointer { try CompiledKnowledge.decodeParts($0) }.matcher
        ).answerTopics
        #expect(read == built.answerTopics)
        let table = built.answerTopics
        #expect(table.needs.count == graph.answers.count && table.topicIDs.count >= 64)
        #expect(table.needs.contains { !$0.isEmpty } && table.lineageBits.contains { $0 != 0 })
        // Each answer is about its own topics, by the numbers the table read back gives them.
        for (answer, designed) in graph.answers.enumerated() {
            let own = read.topicSets(designed.topicIDs.map { [$0] })
            #expect(read.countAbout(answer: answer, eachOf: own) == designed.topicIDs.count)
        }
    }

    @Test func everyTruncationOfTheMatcherTablesIsRejectedByTheCache() throws {
        let graph = try Self.yamlGraph(Repository.knowledgeFolder)
        let whole = CompiledKnowledgeCache.fileBytes(for: graph, key: 7)
        #expect((try? CompiledKnowledgeCache.knowledge(fromFileBytes: whole, key: 7).get()) != nil)
        let graphEnd = CompiledKnowledgeCache.headerSize + CompiledGraph.encode(graph).count
        for cut in stride(
            from: graphEnd - 1, to: whole.count, by: max(1, (whole.count - graphEnd) / 61))
        {
            var payload = Array(whole[CompiledKnowledgeCache.headerSize..<cut])
            // Re-sealed with a matching length and checksum, so only the strict decoder stands in
            // the way.
            var file = Array(whole[0..<(CompiledKnowledgeCache.headerSize - 16)])
            var tail = ByteWriter()
            tail.fixed64(UInt64(payload.count))
            tail.fixed64(FastHash.hash(payload))
            file += tail.bytes
            file += payload
            #expect(
                (try? CompiledKnowledgeCache.knowledge(fromFileBytes: file, key: 7).get()) == nil,
                "cut at \(cut) of \(whole.count)")
            payload.removeAll()
        }
    }

    @Test(arguments: [
        "alias of an unknown topic", "red-flag concept out of range", "red-flag rule missing",
        "red-flag pattern concept out of range",
        "red-flag cue out of range", "posting out of range", "other intents", "claims missing",
        "weight not positive", "word feature out of range", "word pair feature out of range",
        "answer topics of other answers", "answer need out of range", "topic numbered twice",
    ])
    func matcherTablesThatDoNotFitTheGraphAreRejected(flaw: String) throws {
        let graph = try Self.yamlGraph(Repository.knowledgeFolder)
        var tables = Understander.Tables(graph: graph)
        let classifier = tables.classifier
        func rebuilt(
            intentIDs: [String]? = nil, postingExample: [Int32]? = nil,
            postingWeight: [Double]? = nil, wordID: [String: Int]? = nil,
            pairID: PairFeatures? = nil
        ) -> IntentClassifier {
            IntentClassifier(
                intentIDs: intentIDs ?? classifier.intentIDs,
                exampleIntent: classifier.exampleIntent, exampleNorm: classifier.exampleNorm,
                wordID: wordID ?? classifier.wordID, pairID: pairID ?? classifier.pairID,
                idf: classifier.idf,
                postingStart: classifier.postingStart,
                postingExample: postingExample ?? classifier.postingExample,
                postingWeight: postingWeight ?? classifier.postingWeight,
                unknownWeight: classifier.unknownWeight)
        }
        switch flaw {
        case "alias of an unknown topic":
            let key = try #require(tables.aliases.keys.sorted().first)
            tables.aliases[key]![0].topicID = "no-such-topic"
        case "red-flag concept out of range":
            let key = try #require(tables.redFlags.byWord.keys.sorted().first)
            tables.redFlags.byWord[key]![0].concepts[0] = graph.redFlags.concepts.count
        case "red-flag rule missing":
            tables.redFlags.rules.removeLast()
        case "red-flag pattern concept out of range":
            tables.redFlags.rules[0].patterns[0].groups[0][0] = graph.redFlags.concepts.count
        case "red-flag cue out of range":
            tables.redFlags.cues[0] = graph.redFlags.concepts.count
        case "posting out of range":
            var postings = classifier.postingExample
            postings[postings.count / 2] = Int32(classifier.exampleIntent.count)
            tables.classifier = rebuilt(postingExample: postings)
        case "other intents":
            tables.classifier = rebuilt(intentIDs: classifier.intentIDs.reversed())
        case "word feature out of range":
            var words = classifier.wordID
            words["zzz-no-such-word"] = classifier.idf.count
            tables.classifier = rebuilt(wordID: words)
        case "word pair feature out of range":
            let pairs = Dictionary(uniqueKeysWithValues: Array(classifier.pairID))
            let first = try #require(pairs.keys.min())
            tables.classifier = rebuilt(
                pairID: PairFeatures(pairs.merging([first: classifier.idf.count]) { $1 }))
        case "weight not positive":
            var weights = classifier.postingWeight
            weights[weights.count / 3] = 0
            tables.classifier = rebuilt(postingWeight: weights)
        case "answer topics of other answers", "answer need out of range", "topic numbered twice":
            let table = tables.answerTopics
            var topicIDs = table.topicIDs
            var needs = table.needs
            if flaw == "answer topics of other answers" {
                needs.removeLast()
            } else if flaw == "answer need out of range" {
                let answer = try #require(needs.indices.first { !needs[$0].isEmpty })
                needs[answer][0] = topicIDs.count
            } else {
                topicIDs[1] = topicIDs[0]
            }
            tables.answerTopics = Understander.AnswerTopicTable(
                topicIDs: topicIDs, numberOfTopic: table.numberOfTopic,
                wordsPerSet: table.wordsPerSet,
                answerBits: Array(table.answerBits.prefix(table.wordsPerSet * needs.count)),
                needs: needs, lineageBits: table.lineageBits, names: table.names,
                numberOfNameWord: table.numberOfNameWord)
        default:
            tables.claimKeywordKeys.removeLast()
        }
        let bytes = CompiledKnowledge.encode(graph, matcher: tables)
        #expect(throws: CompiledGraph.DecodingError.self) {
            try bytes.withUnsafeBufferPointer { try CompiledKnowledge.decodeParts($0) }
        }
    }

    @Test func pairFeaturesFindEveryPairAndRefuseKeysOutOfOrder() throws {
        let graph = try Self.yamlGraph(Repository.knowledgeFolder)
        let built = Understander.Tables(graph: graph).classifier.pairID
        let pairs = Dictionary(uniqueKeysWithValues: Array(built))
        #expect(pairs.count == built.count && !pairs.isEmpty)
        for (key, id) in pairs { #expect(built[key] == id) }
        let keys = pairs.keys.sorted()
        for missing in [-1, keys[0] - 1, keys[keys.count / 2] + 1, Int.max]
        where pairs[missing] == nil {
            #expect(built[missing] == nil)
        }
        let empty: PairFeatures = [:]
        #expect(empty[0] == nil)
        #expect(PairFeatures(ascendingKeys: [1, 5, 9], ids: [0, 1, 2])?[5] == 1)
        #expect(PairFeatures(ascendingKeys: [1, 9, 5], ids: [0, 1, 2]) == nil)
        #expect(PairFeatures(ascendingKeys: [1, 5, 5], ids: [0, 1, 2]) == nil)
        #expect(PairFeatures(ascendingKeys: [1, 5], ids: [0]) == nil)
    }

    /// The stored properties of a value, by reflection.
    static func propertyNames(_ value: Any) -> [String] {
        Mirror(reflecting: value).children.compactMap(\.label)
    }

    @Test func theEncoderCoversEveryStoredPropertyOfTheGraph() throws {
        let graph = try Self.yamlGraph(Repository.knowledgeFolder)
        let topic = try #require(
            graph.topics.first {
                !$0.facts.isEmpty && !$0.properties.isEmpty && !$0.relations.isEmpty
            })
        let samples: [(String, Any)] = [
            ("Graph", graph), ("Area", try #require(graph.areas.first)),
            ("Source", try #require(graph.sources.first)),
            ("Topic", topic), ("Fact", topic.facts[0]), ("Property", topic.properties[0]),
            ("Relation", topic.relations[0]),
            ("Intent", try #require(graph.intents.first)),
            ("ArticleClaim", try #require(graph.claims.first)),
            ("Lexicon", graph.lexicon), ("RedFlags", graph.redFlags),
            ("RedFlagConcept", try #require(graph.redFlags.concepts.first)),
            ("RedFlagPattern", try #require(graph.redFlags.rules.first?.patterns.first)),
            ("UrgentRule", try #require(graph.redFlags.rules.first)),
            ("SourceLocation", topic.location),
            ("DesignedAnswer", try #require(graph.answers.first)),
            ("AnswerItem", try #require(graph.answers.first?.says.first)),
            (
                "AnswerAddition",
                try #require(graph.answers.first { !$0.additions.isEmpty }?.additions.first)
            ),
        ]
        for (name, value) in samples {
            #expect(
                Self.propertyNames(value) == CompiledGraph.encodedProperties[name],
                "\(name) changed: encode and decode the new property in CompiledGraph.swift, list it in encodedProperties, and bump formatVersion"
            )
        }
    }

    @Test func secondLoadComesFromTheCacheAndEqualsTheYAML() throws {
        let box = try Sandbox()
        let first = try box.cache.load(from: box.knowledge)
        #expect(first.origin == .yaml(reason: "no cache file"))
        #expect(first.stored)
        let second = try box.cache.load(from: box.knowledge)
        #expect(second.origin == .cache)
        Self.expectSameGraph(second.graph, try Self.yamlGraph(box.knowledge))
        // A session on the cached graph answers every test phrasing word for word as one on the
        // YAML graph.
        let table = try String(
            contentsOf: Repository.root.appendingPathComponent(
                "Tests/ContentTests/Fixtures/phrasings.tsv"), encoding: .utf8)
        let lines = table.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap {
            $0.split(separator: "\t").first.map(String.init)
        }
        #expect(lines.count > 100)
        // The cached session also uses the matcher's tables read from the file.
        var cached = Session(knowledge: second.knowledge)
        var parsed = Session(knowledge: Knowledge(graph: try Self.yamlGraph(box.knowledge)))
        for line in lines {
            let (a, b) = (cached.respond(to: line), parsed.respond(to: line))
            #expect(
                a.text == b.text && a.intent == b.intent && a.sourceIDs == b.sourceIDs, "\(line)")
        }
    }

    @Test func editedYAMLMakesTheCacheStale() throws {
        let box = try Sandbox()
        _ = try box.cache.load(from: box.knowledge)
        let areas = box.knowledge.appendingPathComponent("areas.yaml")
        let original = try String(contentsOf: areas, encoding: .utf8)
        let renamed = try #require(original.range(of: "name: ")).upperBound
        try (String(original[..<renamed]) + "Edited " + String(original[renamed...])).write(
            to: areas, atomically: true, encoding: .utf8)

        let afterEdit = try box.cache.load(from: box.knowledge)
        #expect(afterEdit.origin == .yaml(reason: "knowledge changed"))
        #expect(afterEdit.graph.areas.first?.name.hasPrefix("Edited ") == true)
        let again = try box.cache.load(from: box.knowledge)
        #expect(again.origin == .cache)
        #expect(again.graph.areas.first?.name.hasPrefix("Edited ") == true)
    }

    @Test func aNewYAMLFileMakesTheCacheStale() throws {
        let box = try Sandbox()
        _ = try box.cache.load(from: box.knowledge)
        let extra = "areas:\n  - id: extra-area\n    name: Extra\n"
        try extra.write(
            to: box.knowledge.appendingPathComponent("topics/extra.yaml"), atomically: true,
            encoding: .utf8)
        let loaded = try box.cache.load(from: box.knowledge)
        #expect(loaded.origin == .yaml(reason: "knowledge changed"))
        #expect(loaded.graph.areas.contains { $0.id == "extra-area" })
    }

    @Test func brokenYAMLIsReportedEvenWithAValidCache() throws {
        let box = try Sandbox()
        _ = try box.cache.load(from: box.knowledge)
        try "areas: [oops\n".write(
            to: box.knowledge.appendingPathComponent("areas.yaml"), atomically: true,
            encoding: .utf8)
        #expect(throws: DiagnosticsError.self) { try box.cache.load(from: box.knowledge) }
    }

    @Test(arguments: ["truncated", "empty", "flipped byte", "wrong magic", "old format", "garbage"])
    func aDamagedCacheFileFallsBackToYAML(damage: String) throws {
        let box = try Sandbox()
        _ = try box.cache.load(from: box.knowledge)
        var bytes = try Array(Data(contentsOf: box.cacheFile))
        switch damage {
        case "truncated": bytes.removeLast(bytes.count / 3)
        case "empty": bytes = []
        case "flipped byte": bytes[bytes.count / 2] ^= 0x10
        case "wrong magic": bytes[0] = UInt8(ascii: "X")
        case "old format": bytes[4] &+= 1
        default: bytes = Array(repeating: 0xA5, count: 4096)
        }
        try Data(bytes).write(to: box.cacheFile)
        let loaded = try box.cache.load(from: box.knowledge)
        guard case .yaml = loaded.origin else {
            Issue.record("a \(damage) cache file was used")
            return
        }
        Self.expectSameGraph(loaded.graph, try Self.yamlGraph(box.knowledge))
        #expect(loaded.stored, "the damaged file is replaced")
        #expect(try box.cache.load(from: box.knowledge).origin == .cache)
    }

    @Test func aPayloadThatPassesTheChecksumButDoesNotDecodeIsRejected() throws {
        let graph = try Self.yamlGraph(Repository.knowledgeFolder)
        let good = CompiledKnowledgeCache.fileBytes(for: graph, key: 42)
        #expect((try? CompiledKnowledgeCache.knowledge(fromFileBytes: good, key: 42).get()) != nil)
        #expect(
            (try? CompiledKnowledgeCache.knowledge(fromFileBytes: good, key: 43).get()) == nil,
            "another key is stale")

        // A checksum-valid file whose payload is cut short: the strict decoder must refuse it.
        var payload = CompiledGraph.encode(graph)
        payload.removeLast(7)
        var forged = Array(good[0..<(CompiledKnowledgeCache.headerSize - 16)])
        var tail = ByteWriter()
        tail.fixed64(UInt64(payload.count))
        tail.fixed64(FastHash.hash(payload))
        forged += tail.bytes + payload
        #expect(
            (try? CompiledKnowledgeCache.knowledge(fromFileBytes: forged, key: 42).get()) == nil)
    }

    /// The cache's payload is decoded without validating the graph's meaning again (it was
    /// validated when the YAML was loaded), so the checksum is what stands between a damaged file
    /// and the answers: a flipped bit anywhere must be refused, and the YAML loaded instead with
    /// the same replies.
    @Test func aBitFlippedAnywhereInTheCacheFileIsRefused() throws {
        let graph = try Self.yamlGraph(Repository.knowledgeFolder)
        let good = CompiledKnowledgeCache.fileBytes(for: graph, key: 9)
        #expect((try? CompiledKnowledgeCache.knowledge(fromFileBytes: good, key: 9).get()) != nil)
        var bytes = good
        for place in stride(from: 0, to: good.count, by: max(1, good.count / 61)) {
            let bit = UInt8(1 << (place % 8))
            bytes[place] ^= bit
            #expect(
                (try? CompiledKnowledgeCache.knowledge(fromFileBytes: bytes, key: 9).get()) == nil,
                "byte \(place) of \(good.count)")
            bytes[place] ^= bit
        }

        let box = try Sandbox()
        _ = try box.cache.load(from: box.knowledge)
        bytes = try Array(Data(contentsOf: box.cacheFile))
        bytes[bytes.count - bytes.count / 5] ^= 0x01
        try Data(bytes).write(to: box.cacheFile)
        let loaded = try box.cache.load(from: box.knowledge)
        #expect(loaded.origin == .yaml(reason: "cache file corrupt (checksum)"))
        var fromYAML = Session(knowledge: loaded.knowledge)
        var fresh = Session(knowledge: Knowledge(graph: try Self.yamlGraph(box.knowledge)))
        for line in [
            "what is magnesium bisglycinate", "how much should I take?", "and citrate?",
            "can I take it with levothyroxine", "chest pain and my heart is racing",
        ] {
            #expect(fromYAML.respond(to: line).text == fresh.respond(to: line).text, "\(line)")
        }
    }

    /// Posting weights are stored as counts of the feature's idf; a weight that is not one (none
    /// the builder makes, but the format must not depend on it) is stored as its bits and comes
    /// back the same.
    @Test func aPostingWeightThatIsNoCountOfItsIDFRoundTrips() throws {
        let graph = try Self.yamlGraph(Repository.knowledgeFolder)
        var tables = Understander.Tables(graph: graph)
        let classifier = tables.answerClassifier
        var weights = classifier.postingWeight
        weights[weights.count / 2] *= 1.37
        weights[0] = weights[0].nextUp
        // A count too large for the byte the format keeps for it.
        let feature = try #require(classifier.postingStart.lastIndex { $0 <= 1 })
        weights[1] = 300 * classifier.idf[feature]
        tables.answerClassifier = IntentClassifier(
            intentIDs: classifier.intentIDs, exampleIntent: classifier.exampleIntent,
            exampleNorm: classifier.exampleNorm, wordID: classifier.wordID,
            pairID: classifier.pairID, idf: classifier.idf, postingStart: classifier.postingStart,
            postingExample: classifier.postingExample, postingWeight: weights,
            unknownWeight: classifier.unknownWeight)
        let bytes = CompiledKnowledge.encode(graph, matcher: tables)
        let decoded = try bytes.withUnsafeBufferPointer { try CompiledKnowledge.decodeParts($0) }
        #expect(decoded.matcher == tables)
        #expect(
            decoded.matcher?.answerClassifier.postingWeight.map(\.bitPattern)
                == weights.map(\.bitPattern))
    }

    /// Word pairs are stored as columns of 2 bytes while every value fits, else of 4: pairs whose
    /// words need 4 bytes come back the same.
    @Test func wordPairColumnsOfFourBytesRoundTrip() throws {
        let graph = try Self.yamlGraph(Repository.knowledgeFolder)
        var tables = Understander.Tables(graph: graph)
        let classifier = tables.classifier
        func withPairs(_ extra: [Int: Int]) -> IntentClassifier {
            IntentClassifier(
                intentIDs: classifier.intentIDs, exampleIntent: classifier.exampleIntent,
                exampleNorm: classifier.exampleNorm, wordID: classifier.wordID,
                pairID: PairFeatures(
                    Dictionary(uniqueKeysWithValues: Array(classifier.pairID)).merging(extra) {
                        $1
                    }),
                idf: classifier.idf, postingStart: classifier.postingStart,
                postingExample: classifier.postingExample,
                postingWeight: classifier.postingWeight, unknownWeight: classifier.unknownWeight)
        }
        tables.classifier = withPairs([
            IntentClassifier.pairKey(70_000, 3): 0,
            IntentClassifier.pairKey(70_000, 1 << 31 + 5): classifier.idf.count - 1,
        ])
        let bytes = CompiledKnowledge.encode(graph, matcher: tables)
        let decoded = try bytes.withUnsafeBufferPointer { try CompiledKnowledge.decodeParts($0) }
        #expect(decoded.matcher == tables)
    }

    /// The string table's bytes are checked for ASCII in one pass; a string with a byte that is
    /// not valid UTF-8 among them is still refused.
    @Test func aStringThatIsNotUTF8FailsToDecode() throws {
        var bytes = CompiledGraph.encode(try Self.yamlGraph(Repository.knowledgeFolder))
        let word = Array("magnesium".utf8)
        let at = try #require(
            bytes.indices.first { bytes[$0...].starts(with: word) }, "a string of the table")
        bytes[at] = 0xFF
        #expect(throws: CompiledGraph.DecodingError.self) { try CompiledGraph.decode(bytes) }
    }

    @Test func everyTruncationOfThePayloadFailsToDecode() throws {
        let bytes = CompiledGraph.encode(try Self.yamlGraph(Repository.knowledgeFolder))
        for cut in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 97)) {
            #expect(throws: CompiledGraph.DecodingError.self) {
                try CompiledGraph.decode(Array(bytes[0..<cut]))
            }
        }
        #expect(throws: CompiledGraph.DecodingError.self) { try CompiledGraph.decode(bytes + [0]) }
    }

    @Test func anUnwritableCacheFolderStillLoadsFromYAML() throws {
        let box = try Sandbox()
        // A regular file where the cache folder's parent should be: not even root can create it.
        let blocker = box.cacheFolder.deletingLastPathComponent()
        try Data("not a folder".utf8).write(to: blocker)
        let unwritable = CompiledKnowledgeCache(directory: box.cacheFolder)
        for _ in 0..<2 {
            let loaded = try unwritable.load(from: box.knowledge)
            #expect(loaded.origin == .yaml(reason: "no cache file"))
            #expect(!loaded.stored)
            Self.expectSameGraph(loaded.graph, try Self.yamlGraph(box.knowledge))
        }
    }

    @Test func oldCacheFilesOfOtherFoldersArePruned() throws {
        let box = try Sandbox()
        try FileManager.default.createDirectory(
            at: box.cacheFolder, withIntermediateDirectories: true)
        for index in 0..<(CompiledKnowledgeCache.filesKept + 5) {
            let old = box.cacheFolder.appendingPathComponent("knowledge-old\(index).bin")
            try Data([1, 2, 3]).write(to: old)
            try FileManager.default.setAttributes(
                [.modificationDate: Date(timeIntervalSinceNow: -Double(1000 + index))],
                ofItemAtPath: old.path)
        }
        _ = try box.cache.load(from: box.knowledge)
        let left = try FileManager.default.contentsOfDirectory(atPath: box.cacheFolder.path)
        #expect(left.count == CompiledKnowledgeCache.filesKept)
        #expect(left.contains(box.cacheFile.lastPathComponent), "the file just written is kept")
        #expect(
            !left.contains("knowledge-old\(CompiledKnowledgeCache.filesKept + 4).bin"),
            "the oldest go first")
    }

    @Test func theCacheFolderFollowsTheEnvironment() {
        #expect(
            CompiledKnowledgeCache(environment: ["XDG_CACHE_HOME": "/x/cache", "HOME": "/home/u"])
                .directory?.path == "/x/cache/magnesium")
        // HOME must be a folder that exists (`/` here); nothing is created under one that does not.
        #expect(
            CompiledKnowledgeCache(environment: ["HOME": "/"]).directory?.path
                == "/.cache/magnesium")
        #expect(
            CompiledKnowledgeCache(environment: ["XDG_CACHE_HOME": "relative", "HOME": "/"])
                .directory?.path == "/.cache/magnesium")
        #expect(
            CompiledKnowledgeCache(environment: ["HOME": "/nonexistent-\(UUID().uuidString)"])
                .directory == nil)
        #expect(
            CompiledKnowledgeCache(environment: ["HOME": "/home/u", "MAGNESIUM_CACHE": "off"])
                .directory == nil)
        #expect(CompiledKnowledgeCache(environment: [:]).directory == nil)
    }

    @Test func turnedOffItParsesTheYAMLAndWritesNothing() throws {
        let box = try Sandbox()
        let off = CompiledKnowledgeCache(environment: [
            "HOME": box.cacheFolder.path, "MAGNESIUM_CACHE": "off",
        ])
        let loaded = try off.load(from: box.knowledge)
        #expect(loaded.origin == .yaml(reason: "cache off"))
        #expect(!FileManager.default.fileExists(atPath: box.cacheFolder.path))
    }
}
