// magnesium-perf: quick in-process figures and inputs for the whole-process check.
//
//   magnesium-perf questions N [SEED]   N realistic mixed questions, one a line (scripts/perf uses
//   it) magnesium-perf latency [N]          per-question p50/p90/p99 on N mixed questions, and by
//   intent family magnesium-perf scale [N]            the same questions on graphs with 1×, 10× and
//   100× the topics: medians and ratios magnesium-perf scale-intents [N]    the same, with every
//   intent and its phrasings copied as well (a harsher series) magnesium-perf startup
//   loading: YAML, compiled cache, decode only, building Knowledge magnesium-perf loop N [FACTOR]
//   answers N mixed questions (for callgrind); prints a digest of the replies
import BenchmarkSupport
import Foundation
import MagnesiumKit
import MagnesiumKnowledge
import MagnesiumTranscripts

let arguments = Array(CommandLine.arguments.dropFirst())
func number(_ index: Int, _ fallback: Int) -> Int {
    index < arguments.count ? Int(arguments[index]) ?? fallback : fallback
}

func printLatency() {
    let lines = QuestionMix.lines(count: number(1, 20_000))
    let knowledge = Repository.knowledge
    print(
        "mixed questions  "
            + Percentiles(LatencyRun.answerTimes(lines, knowledge: knowledge)).microseconds)
    for family in IntentFamily.allCases {
        let phrasings = family.phrasings.map(\.text)
        guard !phrasings.isEmpty else { continue }
        // Each phrasing as the first line of a fresh conversation, repeated to get enough samples.
        let repeated = Array(repeating: phrasings, count: max(1, 2_000 / phrasings.count)).flatMap {
            $0
        }
        let times = LatencyRun.answerTimes(repeated, knowledge: knowledge, conversationLength: 1)
        print(
            family.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0) + " "
                + Percentiles(times).microseconds)
    }
}

func printScale(copyingIntents: Bool) {
    let lines = QuestionMix.lines(count: number(1, 10_000))
    var baseline = 0.0
    for factor in [1, 10, 100] {
        let start = nanoseconds()
        let graph = ScaledGraph.make(
            from: Repository.graph, factor: factor, copyingIntents: copyingIntents)
        let knowledge = Knowledge(graph: graph)
        let built = Double(nanoseconds() - start) / 1e6
        let times = Percentiles(LatencyRun.answerTimes(lines, knowledge: knowledge))
        if factor == 1 { baseline = times.p50 }
        print(
            String(
                format: "%4d× (%6d topics, %7d examples; built in %7.0f ms)  ", factor,
                graph.topics.count, graph.intents.reduce(0) { $0 + $1.examples.count }, built)
                + times.microseconds + String(format: "   median ratio %.2f", times.p50 / baseline))
    }
}

func median(_ runs: Int, _ work: () throws -> Void) rethrows -> Double {
    var times: [UInt64] = []
    for _ in 0..<runs {
        let start = nanoseconds()
        try work()
        times.append(nanoseconds() - start)
    }
    return Percentiles(times).p50 / 1e6
}

func printStartup() throws {
    let folder = Repository.knowledgeFolder
    let cacheFolder = FileManager.default.temporaryDirectory.appendingPathComponent(
        "magnesium-perf-\(getpid())")
    defer { try? FileManager.default.removeItem(at: cacheFolder) }
    let cache = CompiledKnowledgeCache(directory: cacheFolder)
    _ = try cache.load(from: folder)
    let graph = try KnowledgeLoader(directory: folder).load()
    let bytes = CompiledKnowledge.encode(graph)
    print(
        String(
            format: "parse and validate YAML (KnowledgeLoader)   %7.2f ms",
            try median(5) { keepAlive(try KnowledgeLoader(directory: folder).load()) }))
    print(
        String(
            format: "hash the YAML files (cache key)             %7.2f ms",
            median(21) { keepAlive(CompiledKnowledgeCache.key(of: folder)) }))
    print(
        String(
            format: "decode graph and matcher (%6d bytes)      %7.2f ms", bytes.count,
            try median(21) { keepAlive(try CompiledKnowledge.decode(bytes)) }))
    print(
        String(
            format: "knowledge via the cache (key, read, decode) %7.2f ms",
            try median(21) { keepAlive(try cache.load(from: folder).knowledge) }))
    print(
        String(
            format: "build the matcher from the graph instead    %7.2f ms",
            median(11) { keepAlive(Knowledge(graph: graph)) }))
    print(
        String(
            format: "first answer in a new session               %7.3f ms",
            median(11) {
                var session = Session(knowledge: Repository.knowledge)
                keepAlive(session.respond(to: "what is magnesium bisglycinate"))
            }))
}

func loop() {
    let factor = number(2, 1)
    let knowledge =
        factor == 1
        ? Repository.knowledge
        : Knowledge(graph: ScaledGraph.make(from: Repository.graph, factor: factor))
    var session = Session(knowledge: knowledge)
    // FNV-1a over every intent and answer: equal digests mean an optimisation changed no reply.
    var digest: UInt64 = 0xCBF2_9CE4_8422_2325
    let lines = QuestionMix.lines(count: number(1, 2_000))
    for (index, line) in lines.enumerated() {
        if index % 40 == 0 { session = Session(knowledge: knowledge) }
        let reply = session.respond(to: line)
        for byte in (reply.intent + "\n" + reply.text + "\n").utf8 {
            digest = (digest ^ UInt64(byte)) &* 0x100_0000_01B3
        }
    }
    print("answered \(lines.count) questions; digest of the replies \(String(digest, radix: 16))")
}

switch arguments.first {
case "questions":
    var out = ""
    for line in QuestionMix.lines(count: number(1, 100_000), seed: UInt64(number(2, 7))) {
        out += line + "\n"
    }
    FileHandle.standardOutput.write(Data(out.utf8))
case "latency": printLatency()
case "scale": printScale(copyingIntents: false)
case "scale-intents": printScale(copyingIntents: true)
case "startup": try printStartup()
case "loop": loop()
default:
    FileHandle.standardError.write(
        Data(
            "usage: magnesium-perf questions N [SEED] | latency [N] | scale [N] | scale-intents [N] | startup | loop N [FACTOR]\n"
                .utf8))
    exit(64)
}
