import ArgumentParser
import Foundation
import MagnesiumKit

/// The default command: a chat shell on a terminal, batch answers otherwise.
struct Chat: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Chat in a shell, or answer questions from standard input (the default).",
        discussion: """
            On a terminal: a shell with line editing, history kept across sessions in \
            $XDG_STATE_HOME/magnesium/history (default ~/.local/state/magnesium/history), Ctrl-R search, \
            Tab completion of commands and topic names, Ctrl-C to clear the line and Ctrl-D to leave; \
            :help lists the commands.

            With standard input from a pipe or file: batch mode, one answer per non-empty line, separated \
            by one blank line, no prompt, each answer written as soon as it is made; the whole input is \
            one conversation. --json gives one JSON object per line instead.

            Exit status: 0 success (also when the reader of a pipe goes away early); 64 usage error; \
            65 invalid knowledge (FILE:LINE: message on stderr); 66 the knowledge folder is missing.
            """)

    @OptionGroup var options: KnowledgeOptions

    @Flag(name: .long, help: "Batch mode printing one JSON object per input line.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Colour and bold: auto (only when standard output is a terminal, TERM is not dumb and NO_COLOR is unset), always or never.", valueName: "WHEN"))
    var color: ColorChoice = .auto

    @Flag(name: .long, help: "Do not read or write the shell's history file.")
    var noHistory = false

    func run() throws {
        try Self.run(knowledgeFolder: options.knowledge, json: json, color: color, noHistory: noHistory)
    }

    /// The command's work, callable without parsing (see ``Magnesium/main()``).
    static func run(knowledgeFolder: String?, json: Bool, color: ColorChoice, noHistory: Bool) throws {
        let knowledge = try KnowledgeOptions.load(explicit: knowledgeFolder)
        let session = Session(knowledge: knowledge)
        // A closed pipe then shows up as EPIPE, which Output turns into a quiet exit 0.
        signal(SIGPIPE, SIG_IGN)
        let style = TerminalStyle(enabled: !json && Terminal.wantsColor(color))
        if !json && isatty(STDIN_FILENO) == 1 {
            let historyPath = noHistory ? nil : HistoryFile.defaultPath(environment: ProcessInfo.processInfo.environment)
            let editing = Terminal.isTerminal(STDIN_FILENO) && Terminal.isTerminal(STDOUT_FILENO)
            var shell = Shell(session: session, style: style, historyPath: historyPath, usesLibedit: editing)
            shell.run()
        } else {
            var session = session
            // Nothing in batch mode looks back at earlier replies, so memory stays flat however long the input.
            session.keepsTurns = false
            // Every answer is written with write(2) as soon as it is made, so nothing waits in a buffer:
            // an interrupt or termination ends at once with the conventional status (130, 143).
            // A parent may hand the process these signals blocked (Foundation's Process does), so unblock them.
            var stopSignals = sigset_t()
            sigemptyset(&stopSignals)
            sigaddset(&stopSignals, SIGINT)
            sigaddset(&stopSignals, SIGTERM)
            pthread_sigmask(SIG_UNBLOCK, &stopSignals, nil)
            signal(SIGINT) { _ in _exit(130) }
            signal(SIGTERM) { _ in _exit(143) }
            runBatch(&session, json: json, style: style)
            // Every answer is written; freeing the graph and the matcher's tables one by one would only delay the exit.
            Foundation.exit(0)
        }
    }

    /// One answer (or JSON object) per non-empty line, each written as soon as it is made.
    private static func runBatch(_ session: inout Session, json: Bool, style: TerminalStyle) {
        var first = true
        while let line = readLine(strippingNewline: true) {
            if line.trimmed.isEmpty { continue }
            let reply = session.respond(to: line)
            if json {
                Output.line(JSON.object(for: reply, session: session))
            } else {
                let lines = PlainRenderer.lines(for: reply, session: session).map { line in
                    line.hasPrefix("Sources: ") ? style.dim(line) : style.citations(in: line)
                }
                Output.write((first ? "" : "\n") + lines.joined(separator: "\n") + "\n")
            }
            first = false
            if reply.action == .quit { break }
        }
    }
}
