import MagnesiumKit
import MagnesiumKnowledge
import MagnesiumText

/// The source numbers of an answer as its short view shows them. A reply numbers its sources in
/// the order its whole text cites them, but the short view holds back sentences from the middle
/// (the answer's later claims) and still shows the caution after them, so the numbers read would
/// skip ("[1, 2] … [7]", "Sources: [1] …; [2] …; [7] …"). Here the sources the shown lines cite
/// are numbered first, in the order they are read, then those only the held-back rest cites, then
/// any cited nowhere: the shown lines read [1], [2], [3] with no gap, and `:more` goes on from
/// there. JSON, transcripts and the long view keep the reply's own numbers.
struct ShownNumbering: Equatable {
    /// The reply's sources in the order of their new numbers.
    let sourceIDs: [String]
    /// The reply's own order of its sources, which the numbers replace.
    let replySourceIDs: [String]
    /// The new number of each old one; absent where the two are the same.
    private let renumbered: [Int: Int]

    init(_ reply: Reply, shown: [String], rest: [String]) {
        var order: [Int] = []
        var seen = Set<Int>()
        for paragraph in shown + rest {
            for marker in Citations.markers(in: paragraph[...]) {
                for number in marker.numbers
                where number >= 1 && number <= reply.sourceIDs.count && seen.insert(number).inserted
                {
                    order.append(number)
                }
            }
        }
        order += reply.sourceIDs.indices.map { $0 + 1 }.filter { !seen.contains($0) }
        var renumbered: [Int: Int] = [:]
        for (index, old) in order.enumerated() where old != index + 1 {
            renumbered[old] = index + 1
        }
        self.sourceIDs = order.map { reply.sourceIDs[$0 - 1] }
        self.replySourceIDs = reply.sourceIDs
        self.renumbered = renumbered
    }

    /// Whether the reply's own numbers already read in order.
    var changesNothing: Bool { renumbered.isEmpty }

    /// `text` with each citation marker's numbers replaced by the new ones, in rising order
    /// within a marker ("[7, 2]" reads "[2, 7]").
    func apply(_ text: String) -> String {
        guard !renumbered.isEmpty else { return text }
        return Citations.replacingMarkers(in: text) { marker, _ in
            "["
                + marker.numbers.map { renumbered[$0] ?? $0 }.sorted().map(String.init)
                .joined(separator: ", ") + "]"
        }
    }

    /// The cut with the new numbers in every part.
    func apply(_ cut: AnswerCut) -> AnswerCut {
        guard !renumbered.isEmpty else { return cut }
        return AnswerCut(
            shown: cut.shown.map(apply), preface: cut.preface.map(apply), lead: apply(cut.lead),
            body: cut.body.map(apply), rest: cut.rest.map(apply))
    }

    /// The reply with the new numbers: its text, its sources' order and the paragraphs always
    /// shown. What is held back for `:more` is kept with this reply, whose sources its numbers name.
    func apply(_ reply: Reply) -> Reply {
        guard !renumbered.isEmpty else { return reply }
        var numbered = reply
        numbered.text = apply(reply.text)
        numbered.sourceIDs = sourceIDs
        numbered.alwaysShown = Set(reply.alwaysShown.map(apply))
        return numbered
    }
}

extension ShownNumbering {
    /// `reply` as shown after the answer numbered so: "source?" and `:sources` list the answer's
    /// sources by the numbers it was read with; any other reply is as it is.
    func listing(_ reply: Reply, session: Session) -> Reply {
        guard !renumbered.isEmpty, reply.intent == ReservedID.source,
            reply.text == session.sourcesListing(replySourceIDs)
        else { return reply }
        var listed = reply
        listed.text = session.sourcesListing(sourceIDs)
        return listed
    }
}
