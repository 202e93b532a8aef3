import MagnesiumKnowledge
import MagnesiumText

/// The evidence grade of each claim of an answer, shown as a badge beside the sources that
/// back it in the shell's compact notes (`●●● strong` … `○ none found`).
///
/// A reply carries its text and its sources, not the grade of each sentence; the grades are
/// found again by the sentences' own words, since every graded sentence an answer can hold is a
/// fact or a designed answer's item, word for word. So the dialogue needs no change to show them.
public struct EvidenceBadges: Sendable {
    /// One claim of an answer: the source numbers of its citation marker and its grade (nil when
    /// its words are not the knowledge's own, such as a sentence worked out for an amount asked).
    public struct Claim: Sendable, Equatable {
        public var numbers: [Int]
        public var grade: EvidenceGrade?
    }

    private var gradeByText: [String: EvidenceGrade] = [:]

    /// Indexes the words of every fact, designed answer item and emergency rule.
    public init(graph: Graph) {
        for topic in graph.topics {
            for fact in topic.facts { gradeByText[Self.key(fact.text)] = fact.grade }
        }
        for answer in graph.answers {
            let items =
                answer.says + answer.more + [answer.caution, answer.why].compactMap { $0 }
                + answer.additions.map(\.item)
            for item in items { gradeByText[Self.key(item.text)] = item.grade }
        }
        // Emergency advice is what official and professional bodies tell people to do.
        for rule in graph.redFlags.rules {
            gradeByText[Self.key(rule.advice)] =
                gradeByText[Self.key(rule.advice)] ?? .expertOpinion
        }
    }

    /// The claims of an answer's text, in order: each runs up to a citation marker.
    public func claims(in text: String) -> [Claim] {
        var claims: [Claim] = []
        for paragraph in text.split(separator: "\n") {
            var start = paragraph.startIndex
            for marker in Citations.markers(in: paragraph) {
                let words = paragraph[start..<marker.range.lowerBound]
                claims.append(Claim(numbers: marker.numbers, grade: grade(of: words)))
                start = marker.range.upperBound
            }
        }
        return claims
    }

    /// The grade of the words before a marker: the knowledge's sentence they end with, else the
    /// grade the answer states in words ("(evidence: weak)").
    private func grade(of words: Substring) -> EvidenceGrade? {
        var sentence = Self.withoutGradeNote(words)
        while !sentence.isEmpty {
            if let grade = gradeByText[Self.key(sentence)] { return grade }
            // An uncited sentence may come first ("Noted: …"); try from the next sentence on.
            guard let stop = sentence.range(of: ". ") else { break }
            sentence = String(sentence[stop.upperBound...])
        }
        guard let note = words.range(of: "(evidence: "),
            let close = words[note.upperBound...].firstIndex(of: ")")
        else { return nil }
        let word = words[note.upperBound..<close]
        return EvidenceGrade.allCases.first { $0.word == word }
    }

    /// The words without the "(evidence: …)" note answers add before a sentence's final stop.
    private static func withoutGradeNote(_ words: Substring) -> String {
        guard let note = words.range(of: " (evidence: "),
            let close = words[note.upperBound...].firstIndex(of: ")")
        else { return String(words) }
        return String(words[..<note.lowerBound] + words[words.index(after: close)...])
    }

    /// Leading list marks, spaces and a final stop do not tell sentences apart.
    private static func key(_ text: some StringProtocol) -> String {
        var key = text.trimmed
        if key.hasPrefix("- ") { key.removeFirst(2) }
        while key.last == "." || key.last == " " { key.removeLast() }
        return key
    }

    /// The badge of a grade; `·` for a claim whose grade is not known.
    public static func badge(_ grade: EvidenceGrade?) -> String {
        switch grade {
        case .strong?: "●●●"
        case .moderate?: "●●"
        case .weak?: "●"
        case .mixed?: "◐"
        case .none?: "○"
        case .calculated?: "="
        case .expertOpinion?: "◇"
        case nil: "·"
        }
    }

    /// What `:help evidence` says.
    public static let legend = """
        Each source note ends with one mark per claim of the answer shown that the source backs, \
        for how strong the evidence for that claim is:
          ●●●  strong: official reference values, or consistent systematic reviews
          ●●   moderate: several trials, or a meta-analysis with limitations
          ●    weak: few or small trials, or animal or mechanism studies only
          ◐    mixed: trials disagree
          ○    none found: no trials found, or trials show no effect
          =    calculated: arithmetic from atomic weights or other sourced figures
          ◇    expert advice: guidelines or health services, without trial backing
          ·    not graded: a figure worked out for this question (an amount checked)
        :sources gives the full references of the last answer.
        """
}
