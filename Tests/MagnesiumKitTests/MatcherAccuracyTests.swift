import Foundation
import Testing
@testable import MagnesiumKit

/// The matcher's test table: phrasings typed the way people type, none of them an example in `Knowledge/`.
@Suite struct MatcherAccuracyTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var phrasing: String
        var intent: String
        var topic: String?
        var testDescription: String { phrasing }
    }

    static let rows: [Row] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/phrasings.tsv")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 3 else { return nil }
            return Row(phrasing: fields[0], intent: fields[1], topic: fields[2] == "-" ? nil : fields[2])
        }
    }()

    /// How a fresh session routes a phrasing: the reply's intent and every topic it found.
    static func route(_ phrasing: String) -> (intent: String, topics: [String]) {
        var session = Session(knowledge: Repository.knowledge)
        let reply = session.respond(to: phrasing)
        let found = Repository.knowledge.understander.understand(phrasing).topicIDs
        return (reply.intent, reply.topics + found)
    }

    @Test func theTableIsLargeAndCoversEveryIntent() {
        #expect(Self.rows.count >= 300)
        let covered = Set(Self.rows.map(\.intent))
        for intent in Repository.knowledge.graph.intents where !covered.contains(intent.id) {
            Issue.record("no test phrasing for intent \(intent.id)")
        }
    }

    @Test func accuracy() {
        var intentMisses: [String] = []
        var topicMisses: [String] = []
        for row in Self.rows {
            let routed = Self.route(row.phrasing)
            if routed.intent != row.intent { intentMisses.append("\(row.phrasing) → \(routed.intent) (want \(row.intent))") }
            if let topic = row.topic, !routed.topics.contains(topic) { topicMisses.append("\(row.phrasing) → \(routed.topics) (want \(topic))") }
        }
        let intentAccuracy = 1 - Double(intentMisses.count) / Double(Self.rows.count)
        let topicRows = Self.rows.filter { $0.topic != nil }.count
        let topicAccuracy = 1 - Double(topicMisses.count) / Double(max(topicRows, 1))
        let report = String(format: "intent accuracy %.1f%% (%d/%d), topic accuracy %.1f%% (%d/%d)",
                            intentAccuracy * 100, Self.rows.count - intentMisses.count, Self.rows.count,
                            topicAccuracy * 100, topicRows - topicMisses.count, topicRows)
        print("MATCHER: " + report)
        if ProcessInfo.processInfo.environment["MATCHER_MISSES"] != nil {
            for miss in intentMisses + topicMisses { print("MISS: " + miss) }
        }
        #expect(intentAccuracy >= 0.90, "\(report)\n\(intentMisses.joined(separator: "\n"))")
        #expect(topicAccuracy >= 0.95, "\(report)\n\(topicMisses.joined(separator: "\n"))")
    }
}
