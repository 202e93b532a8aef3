/// Collects the sentences of an answer and numbers the sources they cite.
struct AnswerBuilder {
    let graph: Graph
    private(set) var paragraphs: [String] = []
    private(set) var sourceIDs: [String] = []
    private(set) var factIDs: [String] = []

    init(graph: Graph) { self.graph = graph }

    /// The `about` values whose facts say how strong the evidence is, in the answer itself.
    static let evidential: Set<String> = ["evidence", "benefit", "mechanism", "absorption", "tolerance", "comparison", "prevention"]

    var isEmpty: Bool { paragraphs.isEmpty }

    mutating func add(_ text: String) { paragraphs.append(text) }

    /// Adds facts as one paragraph, each sentence followed by its source numbers.
    mutating func add(facts: [Fact]) {
        guard !facts.isEmpty else { return }
        paragraphs.append(facts.map { sentence(for: $0) }.joined(separator: " "))
    }

    mutating func sentence(for fact: Fact) -> String {
        factIDs.append(fact.id)
        var text = fact.text
        if Self.evidential.contains(fact.about) || fact.grade == .none || fact.grade == .mixed {
            text = appendBeforeFinalStop(text, " (evidence: \(gradeWord(fact.grade)))")
        }
        return text + " " + cite(fact.sourceIDs)
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
        var numbers: [Int] = []
        for id in ids {
            if let index = sourceIDs.firstIndex(of: id) {
                numbers.append(index + 1)
            } else {
                sourceIDs.append(id)
                numbers.append(sourceIDs.count)
            }
        }
        return "[" + numbers.map(String.init).joined(separator: ", ") + "]"
    }

    func gradeWord(_ grade: EvidenceGrade) -> String {
        switch grade {
        case .none: "none found"
        case .expertOpinion: "expert advice"
        default: grade.rawValue
        }
    }

    private func appendBeforeFinalStop(_ text: String, _ suffix: String) -> String {
        if text.hasSuffix(".") { return String(text.dropLast()) + suffix + "." }
        return text + suffix
    }

    var text: String { paragraphs.joined(separator: "\n") }
}
