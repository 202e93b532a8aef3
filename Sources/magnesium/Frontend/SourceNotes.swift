import MagnesiumKit
import MagnesiumKnowledge
import MagnesiumText

/// The shell's compact source notes: one line per distinct work cited in the text shown, its
/// numbers together (`[1, 6]` when an answer cites a review and one of its tables), its short
/// citation cut to fit, and one evidence badge per claim it backs (`●●● ●`, see
/// ``EvidenceBadges``). `:sources` gives the full references.
struct SourceNotes {
    let graph: Graph
    let badges: EvidenceBadges

    /// One distinct work: the numbers it is cited by in the text, and how it is named.
    struct Work: Equatable {
        var numbers: [Int]
        var citation: String
        var grades: [EvidenceGrade?]
    }

    /// The works cited in `text`, in the order of their first number; `sourceIDs` are the
    /// reply's, numbered from 1.
    func works(citedIn text: String, sourceIDs: [String]) -> [Work] {
        let claims = badges.claims(in: text)
        let cited = Set(claims.flatMap(\.numbers))
        var works: [Work] = []
        var indexByKey: [String: Int] = [:]
        for (offset, id) in sourceIDs.enumerated() where cited.contains(offset + 1) {
            let source = graph.source(id)
            let key = source.map(Self.workKey) ?? id
            if let index = indexByKey[key] {
                works[index].numbers.append(offset + 1)
                if let source { works[index].citation = Self.sharedCitation(source) }
            } else {
                indexByKey[key] = works.count
                works.append(
                    Work(
                        numbers: [offset + 1], citation: source?.shortCitation ?? id, grades: []))
            }
        }
        for index in works.indices {
            let numbers = Set(works[index].numbers)
            works[index].grades = claims.filter { !numbers.isDisjoint(with: $0.numbers) }.map(
                \.grade)
        }
        return works
    }

    /// Sources of one work share their publisher, year and title up to a colon: the Cochrane
    /// review and "…: table 1, design of the 11 trials" are one line.
    private static func workKey(_ source: Source) -> String {
        "\(source.publisher)|\(source.year.map(String.init) ?? "")|\(workTitle(source))"
    }

    private static func workTitle(_ source: Source) -> Substring {
        source.title.split(separator: ":", maxSplits: 1).first ?? source.title[...]
    }

    /// The short citation of a work several of whose parts are cited.
    private static func sharedCitation(_ source: Source) -> String {
        var text = source.publisher.isEmpty ? "" : source.publisher + ": "
        text += workTitle(source)
        if let year = source.year { text += " (\(year))" }
        return text
    }

    /// The notes' lines, each at most `width` columns (0: not cut).
    func lines(citedIn text: String, sourceIDs: [String], width: Int) -> [String] {
        works(citedIn: text, sourceIDs: sourceIDs).map { work in
            let marker = "  [" + work.numbers.map(String.init).joined(separator: ", ") + "] "
            var marks = work.grades.map(EvidenceBadges.badge)
            // However many claims a source backs, its name keeps at least half the line.
            let room = max(8, width / 3)
            while marks.count > 1, TextLayout.columns(marks.joined(separator: " ")) > room {
                marks.removeLast()
            }
            if marks.count < work.grades.count {
                marks.append("+\(work.grades.count - marks.count)")
            }
            let badge = marks.joined(separator: " ")
            let citation = SafeText.escaped(work.citation, keepingNewlines: false)
            let available = width - marker.count - TextLayout.columns(badge) - 1
            let shown =
                width > 0 ? TextLayout.truncated(citation, width: max(8, available)) : citation
            return marker + shown + (badge.isEmpty ? "" : " " + badge)
        }
    }
}
