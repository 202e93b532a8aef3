import ArgumentParser
import MagnesiumKit
import MagnesiumKnowledge
import MagnesiumText
import MagnesiumTranscripts
import MagnesiumUnderstanding

/// One question, one answer.
struct Ask: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Answer one question and exit.",
        discussion: """
            Control characters in the question or the knowledge are shown escaped, never sent to the terminal. \
            On a terminal the answer is wrapped to the window's width; in a pipe or file each paragraph is one line. \
            The answer shows its direct first sentence and about six lines (at 80 columns), with a line saying \
            what is held back; --long shows it whole. --json always gives the whole answer.

            Options may also come before the subcommand: magnesium --knowledge DIR ask "QUESTION".

            Exit status: 0 answered (also when the reader of a pipe goes away early); 64 usage error; \
            65 invalid knowledge; 66 the knowledge folder is missing; 74 standard output could not be written \
            (a full disk, /dev/full).
            """)

    @OptionGroup var options: KnowledgeOptions

    @Flag(name: .long, help: "Print the answer as one JSON object.")
    var json = false

    @Flag(
        name: .customLong("red-flags"),
        help:
            "Also show what the red-flag reader found: concepts, cues, and the rules fired or held back."
    )
    var redFlags = false

    @Flag(name: .long, help: "Show the whole answer, not its first lines.")
    var long = false

    @Argument(help: "The question, in quotes.")
    var question: [String]

    func run() throws {
        let knowledge = try options.load()
        if redFlags {
            for line in knowledge.understander.explainRedFlags(in: question.joined(separator: " "))
            { Output.line(SafeText.escaped(line)) }
        }
        var session = Session(knowledge: knowledge)
        let reply = session.respond(to: question.joined(separator: " "))
        // Wrapped to the window on a terminal; a pipe gets one line per paragraph, as before.
        if json {
            Output.line(JSON.object(for: reply, session: session))
            return
        }
        let lines = PlainAnswer.lines(
            for: reply, session: session, length: long ? .long : .short, moreCommand: "--long"
        ).lines
        Output.line(TextLayout.wrap(lines.joined(separator: "\n"), width: Terminal.columns()))
    }
}
