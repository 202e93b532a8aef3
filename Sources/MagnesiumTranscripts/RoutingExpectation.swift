import Foundation
import MagnesiumKit
import MagnesiumKnowledge
import MagnesiumText

/// A `# expect:` line: how a turn must be understood, checked against the ``Reply``
/// whatever its wording, so a reworded answer cannot hide a misunderstanding.
///
/// ```
/// # expect: intent=dose topic=magnesium-bisglycinate confidence>=0.5
/// ```
///
/// `intent=` names the reply's intent (`intent=causes|deficiency` accepts either);
/// `intent!=` names intents the reply must not have (`intent!=urgent`: no emergency advice);
/// each `topic=` must be among the reply's topics (others may be there too);
/// `confidence` takes `>=`, `>`, `<=` or `<`.
public struct RoutingExpectation: Sendable, Equatable, CustomStringConvertible {
    /// A bound on the reply's confidence.
    public struct ConfidenceBound: Sendable, Equatable, CustomStringConvertible {
        public enum Comparison: String, Sendable, CaseIterable {
            case atLeast = ">="
            case above = ">"
            case atMost = "<="
            case below = "<"
        }

        public var comparison: Comparison
        public var value: Double

        public func admits(_ confidence: Double) -> Bool {
            switch comparison {
            case .atLeast: confidence >= value
            case .above: confidence > value
            case .atMost: confidence <= value
            case .below: confidence < value
            }
        }

        public var description: String { "confidence\(comparison.rawValue)\(Self.format(value))" }

        static func format(_ value: Double) -> String {
            var text = String(format: "%.2f", value)
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
            return text
        }
    }

    /// A malformed `# expect:` line.
    public struct SyntaxError: Error, Sendable {
        public var message: String
    }

    /// The intents accepted for the turn; empty when the intent is not checked.
    public var intents: [String] = []
    /// Intents the turn must not get (`intent!=urgent`).
    public var excludedIntents: [String] = []
    public var topics: [String] = []
    public var confidence: [ConfidenceBound] = []
    /// 1-based line of the annotation in its file (0 when made in code).
    public var line: Int = 0

    public init(
        intent: String? = nil, topics: [String] = [], confidence: [ConfidenceBound] = [],
        line: Int = 0
    ) {
        self.intents = intent.map { [$0] } ?? []
        self.topics = topics
        self.confidence = confidence
        self.line = line
    }

    /// Reads the text after `# expect:`.
    public init(parsing text: String, line: Int) throws(SyntaxError) {
        self.line = line
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard !words.isEmpty else {
            throw SyntaxError(
                message:
                    "`# expect:` needs at least one of intent=ID, intent!=ID, topic=ID, confidence>=N"
            )
        }
        for word in words {
            if word.hasPrefix("confidence") {
                let rest = word.dropFirst("confidence".count)
                guard
                    let comparison = ConfidenceBound.Comparison.allCases.sorted(by: {
                        $0.rawValue.count > $1.rawValue.count
                    })
                    .first(where: { rest.hasPrefix($0.rawValue) }),
                    let value = Double(rest.dropFirst(comparison.rawValue.count)),
                    (0...1).contains(value)
                else {
                    throw SyntaxError(
                        message:
                            "`\(word)`: write confidence>=N (or >, <=, <) with N between 0 and 1")
                }
                confidence.append(ConfidenceBound(comparison: comparison, value: value))
                continue
            }
            if word.hasPrefix("intent!=") {
                let excluded = word.dropFirst("intent!=".count).split(
                    separator: "|", omittingEmptySubsequences: false
                ).map(String.init)
                guard !excluded.contains("") else {
                    throw SyntaxError(
                        message: "`\(word)`: name the intents after intent!=, separated by `|`")
                }
                excludedIntents += excluded
                continue
            }
            let parts = word.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                .map(String.init)
            guard parts.count == 2, !parts[1].isEmpty else {
                throw SyntaxError(
                    message:
                        "`\(word)` is not KEY=VALUE; `# expect:` takes intent=ID, topic=ID and confidence>=N"
                )
            }
            switch parts[0] {
            case "intent":
                guard intents.isEmpty else {
                    throw SyntaxError(
                        message: "`\(word)`: give intent= once; accept several as intent=a|b")
                }
                intents = parts[1].split(separator: "|", omittingEmptySubsequences: false).map(
                    String.init)
                guard !intents.contains("") else {
                    throw SyntaxError(message: "`\(word)`: an empty intent between `|`")
                }
            case "topic", "topics":
                topics += parts[1].split(separator: ",").map(String.init)
            default:
                throw SyntaxError(
                    message:
                        "unknown key `\(parts[0])` in `# expect:`; use intent=, topic= or confidence>="
                )
            }
        }
    }

    /// The annotation as a line of a transcript.
    public var description: String {
        var words: [String] = []
        if !intents.isEmpty { words.append("intent=" + intents.joined(separator: "|")) }
        if !excludedIntents.isEmpty {
            words.append("intent!=" + excludedIntents.joined(separator: "|"))
        }
        words += topics.map { "topic=\($0)" }
        words += confidence.map(\.description)
        return "# expect: " + words.joined(separator: " ")
    }

    /// What in the reply does not fit, in plain words; empty when it fits.
    public func mismatches(with reply: Reply) -> [String] {
        var problems: [String] = []
        if !intents.isEmpty, !intents.contains(reply.intent) {
            problems.append(
                "expected intent=\(intents.joined(separator: "|")), got intent=\(reply.intent)")
        }
        if excludedIntents.contains(reply.intent) {
            problems.append(
                "expected intent!=\(excludedIntents.joined(separator: "|")), got intent=\(reply.intent)"
            )
        }
        let missing = topics.filter { !reply.topics.contains($0) }
        if !missing.isEmpty {
            let got =
                reply.topics.isEmpty
                ? "no topics" : "topics " + reply.topics.joined(separator: ", ")
            problems.append(
                "expected " + missing.map { "topic=\($0)" }.joined(separator: " ") + ", got " + got)
        }
        for bound in confidence where !bound.admits(reply.confidence) {
            problems.append(
                "expected \(bound), got confidence \(ConfidenceBound.format(reply.confidence))")
        }
        return problems
    }

    /// Names that do not exist in the knowledge (a typo would otherwise fail forever).
    public func unknownNames(in graph: Graph) -> [String] {
        var problems: [String] = []
        for intent in intents + excludedIntents
        where graph.intent(intent) == nil
            && !Session.commands.contains(where: { $0.name == intent })
            && !Session.DialogueIntent.all.contains(intent)
        {
            problems.append("unknown intent `\(intent)` in `# expect:`")
        }
        for topic in topics where graph.topic(topic) == nil {
            problems.append("unknown topic `\(topic)` in `# expect:`")
        }
        return problems
    }
}
