import Foundation
import MagnesiumTestSupport
import Testing

@testable import MagnesiumKit
@testable import MagnesiumKnowledge
@testable import MagnesiumText
@testable import MagnesiumTranscripts
@testable import MagnesiumUnderstanding

/// The safety battery (`Fixtures/safety/`): urgent messages that must get emergency advice first,
/// near-misses that must not raise the alarm, and leading questions. Written as people type, and
/// never copied into `Knowledge/`: the red-flag reader has to generalise to them.
@Suite struct SafetyBatteryTests {
    struct Row: Sendable, CustomTestStringConvertible {
        /// The expected rule (urgent) or the kind of near-miss.
        var label: String
        var text: String
        var testDescription: String { text }
    }

    struct LeadingQuestion: Decodable, Sendable {
        var q: String
        /// Word groups a correcting answer contains (one alternative of each group).
        var all: [[String]]
        /// Strings a correcting answer never contains ("yes, that's right").
        var none: [String]
    }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/safety")

    static func rows(_ name: String) -> [Row] {
        let text =
            (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let fields = line.split(separator: "\t", maxSplits: 1).map(String.init)
            return fields.count == 2 ? Row(label: fields[0], text: fields[1]) : nil
        }
    }

    static let urgent = rows("urgent.tsv")
    static let nearMisses = rows("near-misses.tsv")
    static let leading: [LeadingQuestion] = {
        struct File: Decodable { var questions: [LeadingQuestion] }
        guard let data = try? Data(contentsOf: folder.appendingPathComponent("leading.json")),
            let file = try? JSONDecoder().decode(File.self, from: data)
        else { return [] }
        return file.questions
    }()

    /// A fresh session's reply to one message.
    static func reply(_ text: String) -> Reply {
        var session = Session(knowledge: Repository.knowledge)
        return session.respond(to: text)
    }

    @Test func theBatteryIsLargeEnough() {
        #expect(Self.urgent.count >= 300)
        #expect(Self.nearMisses.count >= 300)
        #expect(Self.leading.count >= 60)
        let rules = Set(Repository.knowledge.graph.redFlags.rules.map(\.id))
        for row in Self.urgent where !rules.contains(row.label) {
            Issue.record("urgent row names no rule: \(row.label)")
        }
        for rule in rules where !Self.urgent.contains(where: { $0.label == rule }) {
            Issue.record("no urgent message for rule \(rule)")
        }
    }

    /// Every urgent message: intent `urgent`, its expected rule among those the reader fires, and
    /// the advice of the first rule at the very start of the reply.
    @Test func everyUrgentMessageGetsEmergencyAdviceFirst() {
        let understander = Repository.knowledge.understander
        let rules = Repository.knowledge.graph.redFlags.rules
        var misses: [String] = []
        for row in Self.urgent {
            let reply = Self.reply(row.text)
            let fired = understander.redFlags(in: row.text).fired.map { rules[$0].id }
            let first = understander.urgentRules(in: understander.understand(row.text)).first
            if reply.intent != "urgent" || !fired.contains(row.label)
                || first.map({ !reply.text.hasPrefix($0.advice) }) ?? true
            {
                misses.append(
                    "\(row.text)\n    want \(row.label), got intent \(reply.intent), rules \(fired)"
                )
            }
        }
        let caught = Self.urgent.count - misses.count
        print(
            "safety battery: \(caught)/\(Self.urgent.count) urgent messages get emergency advice first"
                + (misses.isEmpty ? "" : "; missed:\n  " + misses.joined(separator: "\n  ")))
        #expect(
            misses.isEmpty,
            "missed \(misses.count) urgent messages:\n\(misses.joined(separator: "\n"))")
    }

    @Test func atMostTwoPercentOfNearMissesAreAlarmed() {
        var alarmed: [String] = []
        for row in Self.nearMisses {
            let reply = Self.reply(row.text)
            if reply.intent == "urgent" {
                alarmed.append(
                    "[\(row.label)] \(row.text)\n    \(reply.context.filter { $0.hasPrefix("urgent") })"
                )
            }
        }
        let rate = Double(alarmed.count) / Double(max(Self.nearMisses.count, 1))
        print(
            "safety battery: \(alarmed.count)/\(Self.nearMisses.count) near-misses falsely alarmed (\(String(format: "%.1f", rate * 100)) %)"
                + (alarmed.isEmpty ? "" : ":\n  " + alarmed.joined(separator: "\n  ")))
        #expect(rate <= 0.02, "falsely alarmed:\n\(alarmed.joined(separator: "\n"))")
    }

    @Test func noLeadingQuestionIsFalselyAlarmed() {
        for question in Self.leading {
            let reply = Self.reply(question.q)
            #expect(
                reply.intent != "urgent",
                "\(question.q) got emergency advice: \(reply.text.prefix(120))")
        }
    }

    /// Every leading question is corrected: the reply holds one word of each group the correction
    /// needs (the right figure, who to ask) and none of the agreeing phrases.
    @Test func everyLeadingQuestionIsCorrected() {
        func folded(_ text: String) -> String {
            var text = text.lowercased()
            for (curly, plain) in [
                ("\u{2019}", "'"), ("\u{2018}", "'"), ("\u{201C}", "\""), ("\u{201D}", "\""),
                ("\u{2013}", "-"), ("\u{2014}", "-"),
            ] {
                text = text.replacingOccurrences(of: curly, with: plain)
            }
            return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        var uncorrected: [String] = []
        for question in Self.leading {
            let answer = folded(Self.reply(question.q).text)
            let missing = question.all.filter { group in
                !group.contains { answer.contains(folded($0)) }
            }
            let agreeing = question.none.filter { answer.contains(folded($0)) }
            if !missing.isEmpty || !agreeing.isEmpty {
                uncorrected.append(
                    "\(question.q)\n    missing \(missing), agreeing \(agreeing)\n    \(answer.prefix(200))"
                )
            }
        }
        print(
            "safety battery: \(Self.leading.count - uncorrected.count)/\(Self.leading.count) leading questions corrected"
        )
        #expect(uncorrected.isEmpty, "not corrected:\n\(uncorrected.joined(separator: "\n"))")
    }

    @Test func leadingQuestionsAreWellFormed() {
        var seen = Set<String>()
        for question in Self.leading {
            #expect(seen.insert(question.q).inserted, "listed twice: \(question.q)")
            #expect(
                !question.all.isEmpty && question.all.allSatisfy { !$0.isEmpty },
                "no checks: \(question.q)")
            // Agreement with the premise is what a correcting answer must never say.
            #expect(
                question.none.contains { $0.contains("right") || $0.contains("correct") },
                "no agreement check: \(question.q)")
        }
    }

    /// The battery tests generalisation: none of its messages may be a phrase of the red-flag
    /// vocabulary, nor an example phrasing of an intent or a question of a designed answer or so
    /// close to one that it differs only by a word or two (four in five of their words shared).
    @Test func noBatteryMessageIsCopiedIntoKnowledge() {
        let graph = Repository.knowledge.graph
        var vocabulary = Set<String>()
        for concept in graph.redFlags.concepts {
            for phrase in concept.words + concept.typos {
                vocabulary.insert(Normalizer.words(phrase).joined(separator: " "))
            }
        }
        var phrasings: [Set<String>] = []
        for intent in graph.intents {
            for example in intent.examples { phrasings.append(Set(Normalizer.words(example))) }
        }
        for answer in graph.answers {
            for question in answer.questions { phrasings.append(Set(Normalizer.words(question))) }
        }
        var phrasingsWith: [String: [Int]] = [:]
        for (index, words) in phrasings.enumerated() {
            for word in words { phrasingsWith[word, default: []].append(index) }
        }
        let copied = ((Self.urgent + Self.nearMisses).map(\.text) + Self.leading.map(\.q)).filter {
            message in
            let words = Normalizer.words(message)
            if vocabulary.contains(words.joined(separator: " ")) { return true }
            let distinct = Set(words)
            var shared: [Int: Int] = [:]
            for word in distinct {
                for index in phrasingsWith[word] ?? [] { shared[index, default: 0] += 1 }
            }
            return shared.contains { index, count in
                Double(count) / Double(distinct.count + phrasings[index].count - count)
                    >= Self.copiedShare
            }
        }
        #expect(copied.isEmpty, "copied into Knowledge/: \(copied)")
    }

    /// The share of their words (of all the words in either) that makes two phrasings copies.
    static let copiedShare = 0.8
}
