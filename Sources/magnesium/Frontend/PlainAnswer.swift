import MagnesiumKit
import MagnesiumKnowledge
import MagnesiumText

/// A reply as batch mode and `ask` print it: whole, as ``PlainRenderer`` gives it (`--long`,
/// `:long`; what transcripts and JSON hold), or by default its first lines as an 80-column
/// terminal would show them, a line saying what is held back, and the `Sources:` line of the
/// sources those first lines cite. Each paragraph is one line.
enum PlainAnswer {
    /// The lines to print; the paragraphs held back with the reply numbered as shown (see
    /// ``ShownNumbering``), whose sources their numbers name (nil when it is shown whole); and
    /// that numbering.
    static func lines(
        for reply: Reply, session: Session, length: AnswerLength, moreCommand: String
    ) -> (
        lines: [String], heldBack: (reply: Reply, paragraphs: [String])?,
        numbering: ShownNumbering?
    ) {
        guard length == .short, TerminalRenderer.isAnswer(reply) else {
            return (PlainRenderer.lines(for: reply, session: session), nil, nil)
        }
        let whole = AnswerCut.cut(
            reply.text, width: AnswerLength.measuringWidth, lines: AnswerLength.shortLines,
            alwaysShown: reply.alwaysShown)
        guard whole.holdsBack else {
            return (PlainRenderer.lines(for: reply, session: session), nil, nil)
        }
        let numbering = ShownNumbering(reply, shown: whole.shown, rest: whole.rest)
        let (cut, numbered) = (numbering.apply(whole), numbering.apply(reply))
        let shown = citedNumbers(in: cut.shown)
        let newSources = citedNumbers(in: cut.rest).subtracting(shown).count
        let lines =
            cut.shown + [AnswerCut.hint(command: moreCommand, newSources: newSources)]
            + sourcesLine(shown, reply: numbered, session: session)
        return (lines.map { SafeText.escaped($0) }, (numbered, cut.rest), numbering)
    }

    /// The held-back paragraphs of `reply` and the `Sources:` line of what they cite.
    static func lines(ofHeldBack paragraphs: [String], of reply: Reply, session: Session)
        -> [String]
    {
        (paragraphs + sourcesLine(citedNumbers(in: paragraphs), reply: reply, session: session))
            .map { SafeText.escaped($0) }
    }

    private static func citedNumbers(in paragraphs: [String]) -> Set<Int> {
        Set(paragraphs.flatMap { Citations.markers(in: $0[...]).flatMap(\.numbers) })
    }

    /// `Sources: [1] …; [3] …` for the numbers given, as ``PlainRenderer`` writes it.
    private static func sourcesLine(_ numbers: Set<Int>, reply: Reply, session: Session)
        -> [String]
    {
        let cited = numbers.sorted().filter { $0 >= 1 && $0 <= reply.sourceIDs.count }
        guard !cited.isEmpty else { return [] }
        return [PlainRenderer.sourcesLine(numbers: cited, of: reply, session: session)]
    }
}
