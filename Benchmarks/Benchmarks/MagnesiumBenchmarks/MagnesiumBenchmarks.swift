// The assistant's benchmarks: per-question latency by intent family, loading the knowledge (YAML
// against the compiled cache), replaying every transcript, and the same questions on graphs 10× and
// 100× larger. Run from Benchmarks/: `swift package benchmark` (README, Performance).
import Benchmark
import BenchmarkSupport
import Foundation
import MagnesiumKit
import MagnesiumKnowledge
import MagnesiumTranscripts

/// Answers lines one per iteration, starting a new conversation every `conversationLength` lines.
final class Conversation: @unchecked Sendable {
    let knowledge: Knowledge
    let lines: [String]
    let conversationLength: Int
    var session: Session
    var next = 0

    init(knowledge: Knowledge, lines: [String], conversationLength: Int) {
        self.knowledge = knowledge
        self.lines = lines
        self.conversationLength = conversationLength
        session = Session(knowledge: knowledge)
    }

    func answerNext() {
        if next % conversationLength == 0 { session = Session(knowledge: knowledge) }
        blackHole(session.respond(to: lines[next % lines.count]))
        next += 1
    }
}

/// Built on first use (in a warm-up iteration, not measured) and kept across iterations, so a
/// filtered-out benchmark never builds its graph and a measured iteration is one question.
final class Lazy<Value>: @unchecked Sendable {
    private let make: () -> Value
    private(set) lazy var value: Value = make()
    init(_ make: @escaping () -> Value) { self.make = make }
}

let perQuestion: [BenchmarkMetric] = [.wallClock, .mallocCountTotal, .throughput]

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: perQuestion, timeUnits: .microseconds, warmupIterations: 200,
        maxDuration: .seconds(3), maxIterations: 50_000)

    // One question in a running session, on the realistic mix (budget: p50 ≤ 20 µs, p99 ≤ 100 µs).
    let mixed = Lazy {
        Conversation(
            knowledge: Repository.knowledge, lines: QuestionMix.lines(count: 20_000),
            conversationLength: 40)
    }
    Benchmark("Question/mixed") { benchmark in
        for _ in benchmark.scaledIterations { mixed.value.answerNext() }
    }

    // The test phrasings of each intent family, each as the first line of a conversation.
    for family in IntentFamily.allCases {
        let conversation = Lazy {
            Conversation(
                knowledge: Repository.knowledge, lines: family.phrasings.map(\.text),
                conversationLength: 1)
        }
        Benchmark("Question/\(family.rawValue)") { benchmark in
            for _ in benchmark.scaledIterations { conversation.value.answerNext() }
        }
    }

    // Start-up: from the folder to a Knowledge ready to answer.
    let startup = Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResidentDelta],
        timeUnits: .milliseconds, warmupIterations: 1,
        maxDuration: .seconds(5), maxIterations: 40)
    Benchmark("Startup/yaml (parse, validate, build matcher)", configuration: startup) { _ in
        blackHole(
            Knowledge(graph: try KnowledgeLoader(directory: Repository.knowledgeFolder).load()))
    }
    let cacheFolder = FileManager.default.temporaryDirectory.appendingPathComponent(
        "magnesium-benchmark-\(getpid())")
    let warmCache = Lazy { () -> CompiledKnowledgeCache in
        let cache = CompiledKnowledgeCache(directory: cacheFolder)
        // writes the file the measured loads read
        _ = try? cache.load(from: Repository.knowledgeFolder)
        return cache
    }
    Benchmark("Startup/cache (hash, read, decode graph and matcher)", configuration: startup) { _ in
        let loaded = try warmCache.value.load(from: Repository.knowledgeFolder)
        precondition(loaded.origin == .cache, "the compiled cache was not used: \(loaded.origin)")
        blackHole(loaded.knowledge)
    } teardown: {
        try? FileManager.default.removeItem(at: cacheFolder)
    }
    let bytes = Lazy { CompiledGraph.encodeKnowledge(Repository.graph) }
    Benchmark("Startup/cache decode only (graph and matcher)", configuration: startup) { _ in
        blackHole(try CompiledGraph.decodeKnowledge(bytes.value))
    }
    Benchmark("Startup/build matcher only (Knowledge(graph:))", configuration: startup) { _ in
        blackHole(Knowledge(graph: Repository.graph))
    }

    // Every saved transcript, parsed and replayed (budget with start-up: ≤ 0.5 s).
    let transcripts = Lazy {
        Repository.transcriptFiles().map {
            ($0.path, (try? String(contentsOf: $0, encoding: .utf8)) ?? "")
        }
    }
    Benchmark(
        "Replay/all transcripts",
        configuration: .init(
            metrics: [.wallClock, .mallocCountTotal], timeUnits: .milliseconds, warmupIterations: 1,
            maxDuration: .seconds(10), maxIterations: 20)
    ) { _ in
        let replayer = TranscriptReplayer(knowledge: Repository.knowledge)
        for (file, text) in transcripts.value {
            blackHole(replayer.replay(try Transcript.parse(text, file: file), file: file))
        }
    }

    // The mixed questions on graphs 10× and 100× larger (budget: median ≤ 1.5× and ≤ 3× of 1×).
    for factor in [1, 10, 100] {
        let conversation = Lazy {
            Conversation(
                knowledge: Knowledge(
                    graph: ScaledGraph.make(from: Repository.graph, factor: factor)),
                lines: QuestionMix.lines(count: 20_000), conversationLength: 40)
        }
        Benchmark(
            "Scale/\(factor)x graph, mixed questions",
            configuration: .init(
                metrics: perQuestion, timeUnits: .microseconds, warmupIterations: 200,
                maxDuration: .seconds(3), maxIterations: 20_000)
        ) { benchmark in
            for _ in benchmark.scaledIterations { conversation.value.answerNext() }
        }
    }
}
