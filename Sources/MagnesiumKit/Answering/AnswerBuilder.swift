import MagnesiumKnowledge
import MagnesiumText
import MagnesiumUnderstanding

/// Collects the sentences of an answer and numbers the sources they cite.
struct AnswerBuilder {
    private(set) var paragraphs: [String] = []
    private(set) var sourceIDs: [String] = []
    private(set) var factIDs: [String] = []

    /// The `about` values whose facts say how strong the evidence is, in the answer itself.
    static let evidential: Set<String> = [
        "evidence", "benefit", "mechanism", "absorption", "tolerance", "comparison", "prevention",
    ]

    var isEmpty: Bool { paragraphs.isEmpty }

    /// Working that opens the next paragraph added ("That is 400 mg twice a day: 800 mg a day
    /// in all."), so it stays with the verdict it leads to.
    var lead: String?

    mutating func add(_ text: String) {
        paragraphs.append(lead.map { $0 + " " + text } ?? text)
        lead = nil
    }

    /// Adds facts as one paragraph, each sentence followed by its source numbers.
    mutating func add(facts: [Fact]) {
        guard !facts.isEmpty else { return }
        var paragraph = ""
        for fact in facts {
            if !paragraph.isEmpty { paragraph += " " }
            appendSentence(for: fact, to: &paragraph)
        }
        paragraphs.append(paragraph)
    }

    /// The fact's text, its evidence grade where the answer should say it, and its source numbers.
    private mutating func appendSentence(for fact: Fact, to text: inout String) {
        factIDs.append(fact.id)
        if Self.evidential.contains(fact.about) || fact.grade == .none || fact.grade == .mixed {
            text += appendBeforeFinalStop(fact.text, " (evidence: \(fact.grade.word))")
        } else {
            text += fact.text
        }
        text += " "
        appendCitation(fact.sourceIDs, to: &text)
    }

    /// A list item built from a relation, with its citation.
    mutating func item(_ text: String, sources: [String]) -> String {
        sources.isEmpty ? "- " + text : "- " + text + " " + cite(sources)
    }

    mutating func add(items: [String]) {
        guard !items.isEmpty else { return }
        paragraphs.append(items.joined(separator: "\n"))
    }

    /// `[1]` or `[1, 2]`: numbers of the sources in the order the answer first cites them.
    mutating func cite(_ ids: [String]) -> String {
        var text = ""
        appendCitation(ids, to: &text)
        return text
    }

    private mutating func appendCitation(_ ids: [String], to text: inout String) {
        // Built apart and appended once: a citation fits in a small inline string, and each append
        // to the long answer text costs far more than one to it.
        var citation = "["
        for (position, id) in ids.enumerated() {
            if position > 0 { citation += ", " }
            if let index = sourceIDs.firstIndex(of: id) {
                citation += Self.numeral(index + 1)
            } else {
                sourceIDs.append(id)
                citation += Self.numeral(sourceIDs.count)
            }
        }
        citation += "]"
        text += citation
    }

    private static let smallNumerals = (0..<100).map { String($0) }
    private static func numeral(_ number: Int) -> String {
        number < smallNumerals.count ? smallNumerals[number] : String(number)
    }

    private func appendBeforeFinalStop(_ text: String, _ suffix: String) -> String {
        if text.hasSuffix(".") { return withoutLastByte(text) + suffix + "." }
        return text + suffix
    }

    var text: String { paragraphs.joined(separator: "\n") }
}

/// The text without its last character when that character is a single ASCII byte (a final stop or
/// bracket): `String(text.dropLast())` walks every character from the start to find the last one.
func withoutLastByte(_ text: String) -> String {
    String(text[..<text.utf8.index(before: text.utf8.endIndex)])
}

extension Reply {
    /// A reply whose words, facts and sources are what a builder put together.
    init(_ builder: AnswerBuilder, intent: String, topics: [String] = [], confidence: Double) {
        self.init(
            question: "", text: builder.text, intent: intent, topics: topics,
            confidence: confidence)
        factIDs = builder.factIDs
        sourceIDs = builder.sourceIDs
    }
}
