import MagnesiumKit
import MagnesiumKnowledge
import MagnesiumText
import MagnesiumTranscripts
import MagnesiumUnderstanding

/// A reply as the shell shows it: control characters escaped, wrapped to the terminal's
/// width, its direct first sentence in bold, citation numbers coloured, then one compact note
/// per distinct source with its evidence badges (``SourceNotes``; `:sources` gives the full
/// references). In the short view an answer's first lines are shown and the rest held back for
/// `:more`. Batch output uses ``PlainAnswer`` instead.
struct TerminalRenderer {
    let style: TerminalStyle
    let graph: Graph
    let notes: SourceNotes

    init(style: TerminalStyle, graph: Graph) {
        self.style = style
        self.graph = graph
        self.notes = SourceNotes(graph: graph, badges: EvidenceBadges(graph: graph))
    }

    /// What the shell shows of a reply, and the paragraphs it holds back for `:more`.
    struct View {
        var text: String
        /// The paragraphs held back, with the reply numbered as shown; nil when shown whole.
        var heldBack: (reply: Reply, paragraphs: [String])?
        /// How the short view numbered the reply's sources, when it changed them.
        var numbering: ShownNumbering? = nil
    }

    /// The reply for a terminal `width` columns wide (0: do not wrap).
    func view(for reply: Reply, width: Int, length: AnswerLength) -> View {
        let escaped = SafeText.escaped(reply.text, keepingNewlines: true)
        if reply.intent == ReservedID.urgent {
            // Emergency advice comes first and must stand out; it carries no colour inside, and
            // nothing of an emergency reply is held back.
            var paragraphs = escaped.split(separator: "\n", omittingEmptySubsequences: false).map(
                String.init)
            let first = paragraphs.removeFirst()
            let alarm = TextLayout.wrap(first, width: width).split(separator: "\n").map {
                style.alarm(String($0))
            }
            return View(
                text: (alarm + paragraphs.map { layout($0, width: width) }
                    + noteLines(citedIn: escaped, reply: reply, width: width))
                    .joined(separator: "\n"),
                heldBack: nil)
        }
        guard Self.isAnswer(reply) else {
            return View(
                text: escaped.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { layout(String($0), width: width) }.joined(separator: "\n"),
                heldBack: nil)
        }
        let whole = AnswerCut.cut(
            escaped, width: width > 0 ? width : AnswerLength.measuringWidth,
            lines: length == .short ? AnswerLength.shortLines : nil,
            alwaysShown: reply.alwaysShown)
        let numbering =
            whole.holdsBack ? ShownNumbering(reply, shown: whole.shown, rest: whole.rest) : nil
        let cut = numbering?.apply(whole) ?? whole
        let reply = numbering?.apply(reply) ?? reply
        var lines = cut.preface.map { layout($0, width: width) }
        lines += TextLayout.wrap(cut.lead, width: width).split(separator: "\n").map {
            bold(String($0))
        }
        lines += cut.body.map { layout($0, width: width) }
        let shown = cut.shown.joined(separator: "\n")
        if cut.holdsBack {
            lines.append(style.dim(hint(command: ":more", shown: shown, cut: cut, reply: reply)))
        }
        lines += noteLines(citedIn: shown, reply: reply, width: width)
        return View(
            text: lines.joined(separator: "\n"), heldBack: cut.holdsBack ? (reply, cut.rest) : nil,
            numbering: numbering)
    }

    /// Held-back paragraphs of `reply`, with the notes of the sources they cite.
    func text(ofHeldBack paragraphs: [String], of reply: Reply, width: Int) -> String {
        let text = paragraphs.joined(separator: "\n")
        return
            (paragraphs.map { layout($0, width: width) }
            + noteLines(citedIn: text, reply: reply, width: width)).joined(separator: "\n")
    }

    /// Replies the short view may cut: answers with sources. Commands, small talk, clarifying
    /// questions and the full references ("source?") are shown as they are.
    static func isAnswer(_ reply: Reply) -> Bool {
        !reply.sourceIDs.isEmpty && !reply.intent.hasPrefix(":")
            && reply.intent != ReservedID.urgent && reply.intent != ReservedID.source
    }

    /// "(:more for the rest, 2 more sources)": what a held-back rest holds that is not shown.
    func hint(command: String, shown: String, cut: AnswerCut, reply: Reply) -> String {
        let shownNumbers = Set(
            notes.works(citedIn: shown, sourceIDs: reply.sourceIDs).flatMap(\.numbers))
        let newWorks = notes.works(
            citedIn: cut.rest.joined(separator: "\n"), sourceIDs: reply.sourceIDs
        ).filter { shownNumbers.isDisjoint(with: $0.numbers) }.count
        return AnswerCut.hint(command: command, newSources: newWorks)
    }

    private func layout(_ paragraph: String, width: Int) -> String {
        style.citations(in: TextLayout.wrap(paragraph, width: width))
    }

    /// A line of the lead: its words bold, its citation markers in the accent colour.
    private func bold(_ line: String) -> String {
        guard style.enabled else { return line }
        var out = ""
        var start = line.startIndex
        for marker in Citations.markers(in: line[...]) {
            out += style.bold(String(line[start..<marker.range.lowerBound]))
            out += style.accent(String(line[marker.range]))
            start = marker.range.upperBound
        }
        return out + style.bold(String(line[start...]))
    }

    private func noteLines(citedIn text: String, reply: Reply, width: Int) -> [String] {
        notes.lines(citedIn: text, sourceIDs: reply.sourceIDs, width: width).map(style.dim)
    }
}
