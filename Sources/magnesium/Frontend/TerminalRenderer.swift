import MagnesiumKit
import MagnesiumKnowledge
import MagnesiumText
import MagnesiumTranscripts
import MagnesiumUnderstanding

/// A reply as the shell shows it: control characters escaped, wrapped to the terminal's
/// width, citation numbers coloured, then one short numbered note per source, cut to one
/// line (`:sources` gives the full references). Batch output uses ``PlainRenderer`` instead.
struct TerminalRenderer {
    let style: TerminalStyle
    let graph: Graph

    /// The reply's text for a terminal `width` columns wide (0: do not wrap).
    func text(for reply: Reply, width: Int) -> String {
        var paragraphs = SafeText.escaped(reply.text, keepingNewlines: true).split(
            separator: "\n", omittingEmptySubsequences: false
        ).map(String.init)
        if reply.intent == "urgent", let first = paragraphs.first {
            // Emergency advice comes first and must stand out; it carries no colour inside.
            paragraphs[0] = TextLayout.wrap(first, width: width).split(separator: "\n").map {
                style.alarm(String($0))
            }.joined(separator: "\n")
            return
                ([paragraphs[0]] + paragraphs.dropFirst().map { layout($0, width: width) }
                + notes(for: reply, width: width))
                .joined(separator: "\n")
        }
        return (paragraphs.map { layout($0, width: width) } + notes(for: reply, width: width))
            .joined(separator: "\n")
    }

    private func layout(_ paragraph: String, width: Int) -> String {
        style.citations(in: TextLayout.wrap(paragraph, width: width))
    }

    /// `  [1] NIH Office of Dietary Supplements: Magnesium fact sheet…`, one line each.
    func notes(for reply: Reply, width: Int) -> [String] {
        reply.sourceIDs.enumerated().map { index, id in
            let marker = "  [\(index + 1)] "
            let citation = SafeText.escaped(
                graph.source(id)?.shortCitation ?? id, keepingNewlines: false)
            let shown =
                width > 0 ? TextLayout.truncated(citation, width: width - marker.count) : citation
            return style.dim(marker + shown)
        }
    }
}
