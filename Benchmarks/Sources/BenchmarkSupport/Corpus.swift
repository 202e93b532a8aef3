import Foundation
import MagnesiumKit
import MagnesiumKnowledge
import MagnesiumTranscripts

/// The repository this package sits in: its knowledge, test phrasings and transcripts.
public enum Repository {
    /// `Benchmarks/Sources/BenchmarkSupport/Corpus.swift` → the checkout's root.
    public static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url
    }()
    public static let knowledgeFolder = root.appendingPathComponent("Knowledge")
    public static let transcriptsFolder = root.appendingPathComponent("Transcripts")
    public static let phrasingsFile = root.appendingPathComponent(
        "Tests/ContentTests/Fixtures/phrasings.tsv")

    /// The repository's graph, parsed from YAML once per process (no cache involved).
    public static let graph: Graph = {
        do { return try KnowledgeLoader(directory: knowledgeFolder).load() } catch {
            fatalError("the knowledge does not load:\n\(error)")
        }
    }()

    /// Knowledge built from ``graph`` once per process.
    public static let knowledge = Knowledge(graph: graph)

    /// Every transcript file, sorted.
    public static func transcriptFiles() -> [URL] {
        let walker = FileManager.default.enumerator(atPath: transcriptsFolder.path)
        var files: [String] = []
        while let relative = walker?.nextObject() as? String {
            if relative.hasSuffix(".txt") { files.append(relative) }
        }
        return files.sorted().map { transcriptsFolder.appendingPathComponent($0) }
    }
}

/// One row of the matcher's test table: how a person phrased a question, and what it means.
public struct Phrasing: Sendable, Hashable {
    public var text: String
    public var intent: String
    public var topic: String

    /// The rows of `Tests/ContentTests/Fixtures/phrasings.tsv`.
    public static let all: [Phrasing] = {
        guard let text = try? String(contentsOf: Repository.phrasingsFile, encoding: .utf8) else {
            fatalError("cannot read \(Repository.phrasingsFile.path)")
        }
        return text.split(separator: "\n").compactMap { line in
            if line.hasPrefix("#") { return nil }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(
                String.init)
            guard fields.count >= 2, !fields[0].isEmpty, fields[1] != "intent" else { return nil }
            return Phrasing(
                text: fields[0], intent: fields[1], topic: fields.count > 2 ? fields[2] : "")
        }
    }()
}

/// Groups of intents that take the same path through the assistant, for per-family figures.
public enum IntentFamily: String, CaseIterable, Sendable {
    /// Facts about a topic: what it is, how it works, the evidence.
    case facts
    /// How much, when, how long: answers built from doses and properties.
    case dosing
    /// Safety, side effects, interactions and warning signs: answers with cautions.
    case safety
    /// Two topics side by side, and checks of the seed article's claims.
    case comparison
    /// Emergencies: urgent advice first.
    case urgent
    /// Statements about oneself that update the profile.
    case profile
    /// Greetings, thanks, "tell me more", "why", sources and other conversational turns.
    case conversation
    /// Questions the assistant does not cover.
    case outOfScope = "out-of-scope"

    public static func of(intent: String) -> IntentFamily {
        switch intent {
        case "dose", "upper-limit", "timing", "onset", "stopping", "choosing", "kinds",
            "absorption":
            .dosing
        case "safety", "side-effects", "interactions", "warning-signs", "overdose": .safety
        case "comparison", "article-claim": .comparison
        case "urgent": .urgent
        case "profile": .profile
        case "greeting", "thanks", "goodbye", "capabilities", "topics-list", "more", "why",
            "source":
            .conversation
        case "out-of-scope": .outOfScope
        default: .facts
        }
    }

    /// The test phrasings of this family.
    public var phrasings: [Phrasing] {
        Phrasing.all.filter { IntentFamily.of(intent: $0.intent) == self }
    }
}

/// A small, fast, seeded random generator (SplitMix64), so every run asks the same questions.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Realistic mixed input: the test phrasings in random order, some with a typo, odd case or
/// extra punctuation, mixed with follow-ups and statements about oneself as people type them.
public enum QuestionMix {
    /// Follow-ups that lean on the conversation so far.
    public static let followUps = [
        "tell me more", "why?", "and citrate?", "what about for kids?",
        "how much of it should I take?",
        "is it safe?", "and for pregnant women?", "where is that from?",
        "what about magnesium oxide",
        "ok thanks", "can I take it at night?", "and with food?",
    ]
    /// Things people say about themselves.
    public static let statements = [
        "I'm pregnant", "I take omeprazole", "I am 72", "my son is 6", "I have kidney disease",
        "I don't take any medicines", "I'm breastfeeding", "I take levothyroxine",
    ]

    /// `count` lines, the same for the same seed.
    public static func lines(count: Int, seed: UInt64 = 7) -> [String] {
        var random = SeededRandom(seed: seed)
        let phrasings = Phrasing.all.map(\.text)
        var result: [String] = []
        result.reserveCapacity(count)
        for _ in 0..<count {
            let roll = Int.random(in: 0..<100, using: &random)
            var line: String
            if roll < 12 {
                line = followUps.randomElement(using: &random)!
            } else if roll < 16 {
                line = statements.randomElement(using: &random)!
            } else {
                line = phrasings.randomElement(using: &random)!
            }
            let variation = Int.random(in: 0..<100, using: &random)
            if variation < 10 {
                line = withTypo(line, using: &random)
            } else if variation < 15 {
                line = line.uppercased()
            } else if variation < 25 {
                line += ["?", "??", " pls", "!", " ?"].randomElement(using: &random)!
            }
            result.append(line)
        }
        return result
    }

    /// One letter of one longer word swapped with its neighbour, dropped or doubled.
    static func withTypo(_ line: String, using random: inout SeededRandom) -> String {
        var words = line.split(separator: " ").map { Array($0) }
        let long = words.indices.filter { words[$0].count >= 5 && words[$0].allSatisfy(\.isLetter) }
        guard let which = long.randomElement(using: &random) else { return line }
        var letters = words[which]
        let at = Int.random(in: 1..<(letters.count - 1), using: &random)
        switch Int.random(in: 0..<3, using: &random) {
        case 0: letters.swapAt(at, at + 1)
        case 1: letters.remove(at: at)
        default: letters.insert(letters[at], at: at)
        }
        words[which] = letters
        return words.map { String($0) }.joined(separator: " ")
    }
}
