import MagnesiumKit
import MagnesiumKnowledge
import MagnesiumText

/// How much of each answer the shell, batch mode and `ask` show: its first lines (the default,
/// `:short`) or all of it (`:long`, `--long`). JSON and transcripts always carry it whole.
enum AnswerLength: Sendable {
    case short, long

    /// Lines an answer's text may take at 80 columns in the short view: its first sentence and
    /// about six lines in all.
    static let shortLines = 6
    /// Batch output and `ask` in a pipe are measured as an 80-column terminal would show them.
    static let measuringWidth = 80
}

/// An answer's text cut where the short view ends, at the end of a claim (a sentence or two up to
/// a citation marker), so no sentence is parted from its sources.
struct AnswerCut: Equatable {
    /// The paragraphs shown, as in the reply's text.
    var shown: [String]
    /// What comes before the lead, such as "Noted: you take proton pump inhibitors.".
    var preface: [String]
    /// The direct first sentence, up to and including its citation marker.
    var lead: String
    /// What follows the lead in the short view, as paragraphs starting below it.
    var body: [String]
    /// What is held back, as paragraphs; empty when the whole answer is shown.
    var rest: [String]

    var holdsBack: Bool { !rest.isEmpty }

    /// Cuts `text` so that its lead, on lines of its own, and what comes before and after it take
    /// at most `lines` lines `width` columns wide; nil `lines` keeps it all. The lead is the first
    /// claim with a citation (uncited words before it, such as what was noted about the person,
    /// are a preface) and is always shown whole; a rest that would take one line more is shown
    /// rather than hinted at.
    ///
    /// Safety outranks length: the paragraphs in `alwaysShown` (a caution, what the person's
    /// situation changes) and uncited sentences after the lead (the assistant's own referrals,
    /// "please check with your doctor") are never held back, whatever room they take.
    static func cut(_ text: String, width: Int, lines: Int?, alwaysShown: Set<String> = [])
        -> AnswerCut
    {
        let claims = self.claims(in: text, alwaysShown: alwaysShown)
        let leadIndex = claims.firstIndex { $0.isCited } ?? 0
        guard leadIndex < claims.count else {
            return AnswerCut(shown: [], preface: [], lead: "", body: [], rest: [])
        }
        let preface = paragraphs(of: claims[..<leadIndex])
        let after = claims[(leadIndex + 1)...]
        var body = Array(after)
        var rest: [Claim] = []
        if let lines {
            let kept = after.filter { $0.isKept || !$0.isCited }
            // The body goes below the lead, so its first claim starts a line of its own.
            let room =
                lines - rows(claims[leadIndex].text, width: width)
                - preface.reduce(0) { $0 + rows($1, width: width) }
                - rows(of: paragraphs(of: kept[...]), width: width)
            var chosen: [Claim] = []
            var full = false
            body = []
            for claim in after {
                if claim.isKept || !claim.isCited {
                    body.append(claim)
                } else if !full,
                    rows(of: paragraphs(of: (chosen + [claim])[...]), width: width) <= room
                {
                    chosen.append(claim)
                    body.append(claim)
                } else {
                    // Once one claim does not fit, none after it is shown: the text keeps its order.
                    full = true
                    rest.append(claim)
                }
            }
            // A hint would take the line the rest needs.
            if rows(of: paragraphs(of: rest[...]), width: width) <= 1 {
                body = Array(after)
                rest = []
            }
        }
        return AnswerCut(
            shown: paragraphs(of: (claims[...leadIndex] + body)[...]), preface: preface,
            lead: claims[leadIndex].text,
            body: paragraphs(of: body[...]),
            rest: paragraphs(of: rest[...]))
    }

    /// One claim of a paragraph: its words up to and including a citation marker, or the words
    /// after the paragraph's last marker.
    private struct Claim {
        var text: String
        var paragraph: Int
        var isCited: Bool
        /// Whether its paragraph must be shown whole (see ``cut(_:width:lines:alwaysShown:)``).
        var isKept = false
    }

    private static func claims(in text: String, alwaysShown: Set<String>) -> [Claim] {
        var claims: [Claim] = []
        for (index, paragraph) in text.split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated()
        {
            let isKept = alwaysShown.contains(String(paragraph))
            var start = paragraph.startIndex
            for marker in Citations.markers(in: paragraph) {
                let words = paragraph[start..<marker.range.upperBound].trimmed
                if !words.isEmpty {
                    claims.append(
                        Claim(text: words, paragraph: index, isCited: true, isKept: isKept))
                }
                start = marker.range.upperBound
            }
            let tail = paragraph[start...].trimmed
            if !tail.isEmpty {
                // Words after the last marker belong with it when they only close the sentence.
                if tail.count <= 2, let last = claims.last, last.paragraph == index {
                    claims[claims.count - 1].text += tail
                } else {
                    claims.append(
                        Claim(text: tail, paragraph: index, isCited: false, isKept: isKept))
                }
            }
        }
        return claims
    }

    /// Claims joined back into their paragraphs: by a space within one, apart across them; the
    /// first starts a paragraph.
    private static func paragraphs(of claims: ArraySlice<Claim>) -> [String] {
        var paragraphs: [String] = []
        var previous: Int?
        for claim in claims {
            if claim.paragraph == previous, let last = paragraphs.last {
                paragraphs[paragraphs.count - 1] = last + " " + claim.text
            } else {
                paragraphs.append(claim.text)
            }
            previous = claim.paragraph
        }
        return paragraphs
    }

    private static func rows(of paragraphs: [String], width: Int) -> Int {
        paragraphs.reduce(0) { $0 + rows($1, width: width) }
    }

    /// "(:more for the rest, 2 more sources)": the line that says something was held back, and
    /// how many sources the rest cites that the shown part does not.
    static func hint(command: String, newSources: Int) -> String {
        switch newSources {
        case 0: "(\(command) for the rest)"
        case 1: "(\(command) for the rest, 1 more source)"
        default: "(\(command) for the rest, \(newSources) more sources)"
        }
    }

    /// Lines a paragraph takes wrapped to `width` columns.
    static func rows(_ paragraph: String, width: Int) -> Int {
        TextLayout.wrap(paragraph, width: width).split(
            separator: "\n", omittingEmptySubsequences: false
        )
        .count
    }
}
