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
            On a terminal the answer is wrapped to the window's width; in a pipe or file each paragraph is one line.

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
        Output.line(
            json
                ? JSON.object(for: reply, session: session)
                : TextLayout.wrap(
                    PlainRenderer.text(for: reply, session: session), width: Terminal.columns()))
    }
}
