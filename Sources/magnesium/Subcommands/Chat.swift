import ArgumentParser
import Foundation
import MagnesiumKit
import MagnesiumKnowledge
import MagnesiumText
import MagnesiumTranscripts
import MagnesiumUnderstanding

/// The default command: a chat shell on a terminal, batch answers otherwise.
struct Chat: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Chat in a shell, or answer questions from standard input (the default).",
        discussion: """
            On a terminal: a shell with line editing, history kept across sessions in \
            $XDG_STATE_HOME/magnesium/history (default ~/.local/state/magnesium/history), Ctrl-R search, \
            Tab completion of commands and topic names, Ctrl-C to clear the line and Ctrl-D to leave; \
            :help (or ? alone) lists the commands. exit, quit, bye, \\q, .quit, .exit or :q alone on a line \
            leave too.

            Answers show their direct first sentence and about six lines (at 80 columns), with a line \
            saying what is held back; :more (or "tell me more") shows the rest, :long and :short set the \
            default, --long starts with whole answers. In the shell, output taller than the window \
            (:sources, :topics, :history, whole answers) goes through $MAGNESIUM_PAGER, else $PAGER, \
            else less -FRX; --no-pager or an empty MAGNESIUM_PAGER turns that off.

            With standard input from a pipe or file: batch mode, one answer per non-empty line, separated \
            by one blank line, no prompt, answers written out before each wait for more input; the whole input is \
            one conversation. --json gives one JSON object per line instead, always with the whole answer. \\q, .quit, .exit or :q alone \
            end the input as :quit does; exit, quit and bye are answered as before.

            A line is read up to its first 4,000 bytes; the rest of it is skipped. Control characters in \
            answers are shown escaped.

            Exit status: 0 success (also when the reader of a pipe goes away early); 64 usage error; \
            65 invalid knowledge (FILE:LINE: message on stderr); 66 the knowledge folder is missing; \
            74 standard output could not be written (a full disk, /dev/full; reported on stderr) or \
            standard input could not be read (a folder); \
            130 / 143 batch mode stopped by SIGINT / SIGTERM, its output ending with a whole line; \
            129 / 131 / 143 / 138 / 140 / 142 the shell ended by SIGHUP / SIGQUIT / SIGTERM / SIGUSR1 / \
            SIGUSR2 / SIGALRM, terminal settings restored.
            """)

    @OptionGroup var options: KnowledgeOptions

    @Flag(name: .long, help: "Batch mode printing one JSON object per input line.")
    var json = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Colour and bold: auto (only when standard output is a terminal, TERM is not dumb and NO_COLOR is unset), always or never.",
            valueName: "WHEN"))
    var color: ColorChoice = .auto

    @Flag(name: .long, help: "Do not read or write the shell's history file.")
    var noHistory = false

    @Flag(
        name: .long,
        help: "Show answers whole, not their first lines (as :long does; JSON is always whole).")
    var long = false

    @Flag(name: .long, help: "Print tall output in the shell instead of showing it in a pager.")
    var noPager = false

    func run() throws {
        try Self.run(
            knowledgeFolder: options.knowledge, json: json, color: color, noHistory: noHistory,
            long: long, noPager: noPager)
    }

    /// The command's work, callable without parsing (see ``Magnesium/main()``).
    static func run(
        knowledgeFolder: String?, json: Bool, color: ColorChoice, noHistory: Bool, long: Bool,
        noPager: Bool
    ) throws {
        let knowledge = try KnowledgeOptions.load(explicit: knowledgeFolder)
        let session = Session(knowledge: knowledge)
        // A closed pipe shows up as EPIPE, which Output turns into a quiet exit 0.
        signal(SIGPIPE, SIG_IGN)
        let style = TerminalStyle(enabled: !json && Terminal.wantsColor(color))
        if !json && isatty(STDIN_FILENO) == 1 {
            let historyPath =
                noHistory
                ? nil : HistoryFile.defaultPath(environment: ProcessInfo.processInfo.environment)
            let editing = Terminal.isTerminal(STDIN_FILENO) && Terminal.isTerminal(STDOUT_FILENO)
            var shell = Shell(
                session: session, style: style, historyPath: historyPath, usesLibedit: editing,
                length: long ? .long : .short, pager: Pager(disabled: noPager))
            shell.run()
        } else {
            var session = session
            // Nothing in batch mode looks back at earlier replies, so memory stays flat however
            // long the input.
            session.keepsTurns = false
            // SIGINT and SIGTERM end the run after what was answered is written, with 130 or 143.
            BatchIO.catchStopSignals()
            runBatch(&session, json: json, style: style, length: long ? .long : .short)
            let readError = BatchIO.inputError.load(ordering: .relaxed)
            if readError != 0 && !BatchIO.stopRequested {
                Output.error(
                    "magnesium: cannot read standard input: \(String(cString: strerror(readError)))"
                )
                Foundation.exit(Status.ioError)
            }
            // Every answer is written; freeing the graph and the matcher's tables one by one would
            // only delay the exit.
            Foundation.exit(BatchIO.exitStatus())
        }
    }

    /// One answer (or JSON object) per non-empty line. Answers are written before the program waits
    /// for input, so a caller that sends one question at a time gets each answer at once. Lines are
    /// read and understood ahead on a second thread (``ReadAhead``); the answers keep their order.
    private static func runBatch(
        _ session: inout Session, json: Bool, style: TerminalStyle, length: AnswerLength
    ) {
        let reader = ReadAhead(understander: session.knowledge.understander)
        var output = BatchOutput()
        var first = true
        var length = length
        // What the short view held back of the last answer (never in JSON, which is whole).
        var heldBack: (reply: Reply, paragraphs: [String])?
        // How the short view numbered the last answer's sources, for "source?" after it.
        var numbering: ShownNumbering?
        func write(_ lines: [String]) {
            let styled = lines.map { line in
                line.hasPrefix("Sources: ") || line.hasPrefix("(:more for the rest")
                    ? style.dim(line) : style.citations(in: line)
            }
            output.append((first ? "" : "\n") + styled.joined(separator: "\n") + "\n")
            first = false
        }
        while !BatchIO.stopRequested, let read = reader.next(beforeWaiting: { output.flush() }) {
            // `:more`, or "tell me more", after a short answer: what it held back.
            if let held = heldBack,
                Session.command(named: read.line.trimmed)?.name == ":more"
                    || session.wouldAnswerAsMore(read)
            {
                write(
                    PlainAnswer.lines(ofHeldBack: held.paragraphs, of: held.reply, session: session)
                )
                heldBack = nil
                continue
            }
            // `\q`, `.quit` and `.exit` alone end the input as `:quit` does (see LeavingWords).
            var reply: Reply
            if LeavingWords.endsBatch(read.line) {
                reply = session.respond(to: ":quit")
                reply.question = read.line
            } else {
                reply = session.respond(to: read)
            }
            if json {
                output.append { pending in
                    JSON.append(reply, session: session, to: &pending)
                    pending.append(UInt8(ascii: "\n"))
                }
                first = false
            } else {
                switch reply.intent {
                case ":short": length = .short
                case ":long": length = .long
                case ":reset": (heldBack, numbering) = (nil, nil)
                default: break
                }
                if let numbering { reply = numbering.listing(reply, session: session) }
                let shown = PlainAnswer.lines(
                    for: reply, session: session, length: length, moreCommand: ":more")
                if !reply.intent.hasPrefix(":") && reply.intent != ReservedID.source {
                    (heldBack, numbering) = (shown.heldBack, shown.numbering)
                }
                write(shown.lines)
            }
            if reply.action == .quit { break }
        }
        output.flush()
    }
}
