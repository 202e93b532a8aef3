import MagnesiumKnowledge
import MagnesiumText
import MagnesiumUnderstanding

/// Plain, stable text for a reply: the whole answer, then one line naming its numbered
/// sources. Transcripts use it, and so do batch mode and `ask` with `--long`, so a transcript
/// holds what a person reading whole answers in piped output sees (by default those show the
/// answer's first lines, the executable's `PlainAnswer`). Control characters and escape
/// sequences (from the knowledge, or echoed from the question) are shown by ``SafeText``,
/// never sent raw.
public enum PlainRenderer {
    public static func lines(for reply: Reply, session: Session) -> [String] {
        var text = reply.text
        if !reply.sourceIDs.isEmpty {
            text +=
                "\n"
                + sourcesLine(
                    numbers: Array(1...reply.sourceIDs.count), of: reply, session: session)
        }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map {
            SafeText.escaped(String($0))
        }
    }

    /// `Sources: [1] …; [3] …`: the short citations of the reply's sources with these numbers
    /// (from 1, in the order given).
    public static func sourcesLine(numbers: [Int], of reply: Reply, session: Session) -> String {
        "Sources: "
            + numbers.map { number in
                let id = reply.sourceIDs[number - 1]
                return "[\(number)] " + (session.knowledge.graph.source(id)?.shortCitation ?? id)
            }.joined(separator: "; ")
    }

    public static func text(for reply: Reply, session: Session) -> String {
        lines(for: reply, session: session).joined(separator: "\n")
    }
}
