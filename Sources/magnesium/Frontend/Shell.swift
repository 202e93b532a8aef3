import Foundation
import MagnesiumKit
import MagnesiumKnowledge
import MagnesiumText
import MagnesiumTranscripts
import MagnesiumUnderstanding

/// The interactive shell: a welcome line, a prompt with libedit's editing, history, search
/// and completion, the shell's own commands (`:history`, `:save`), and answers laid out for
/// the terminal. Every other line goes to the ``Session``, exactly as in batch mode and
/// replay, so a saved transcript tests what the person saw.
struct Shell {
    private var session: Session
    private let style: TerminalStyle
    private let editor: LineEditor
    private let historyFile: HistoryFile?
    private let renderer: TerminalRenderer
    private let pager: Pager
    private var hasExplainedSourceNotes = false
    /// Short answers or whole ones: `:short`, `:long`, `--long`.
    private var length: AnswerLength
    /// What the short view held back of the last answer, for `:more` and "tell me more".
    private var heldBack: (reply: Reply, paragraphs: [String])?
    /// How the short view numbered the last answer's sources, for "source?" after it.
    private var numbering: ShownNumbering?

    static let prompt = "magnesium> "
    static let examples = [
        "what is magnesium bisglycinate?", "does it help night leg cramps?",
        "how much should I take?",
    ]

    /// - Parameters:
    ///   - historyPath: the history file, or nil to keep history in memory only (`--no-history`).
    ///   - usesLibedit: false on a terminal that cannot edit (`TERM=dumb`): plain lines then.
    ///   - length: whether answers start short (`:short`) or whole (`--long`).
    ///   - pager: shows tall output (`:sources`, `:topics`, `:history`, whole answers).
    init(
        session: Session, style: TerminalStyle, historyPath: String?, usesLibedit: Bool,
        length: AnswerLength = .short, pager: Pager
    ) {
        self.session = session
        self.style = style
        self.length = length
        self.pager = pager
        let graph = session.knowledge.graph
        self.editor = LineEditor(
            completer: {
                Completer(commands: Session.commands.map(\.name), graph: graph)
            }, usesLibedit: usesLibedit)
        self.historyFile = historyPath.map { HistoryFile(path: $0) }
        self.renderer = TerminalRenderer(style: style, graph: graph)
    }

    /// Runs until `:quit`, Ctrl-D on an empty line, or the end of input.
    mutating func run() {
        // However it ends, the window's next prompt must not inherit a colour or bold.
        resetsStyleOnExit.store(style.enabled, ordering: .relaxed)
        if editor.usesLibedit { turnOnBracketedPaste() }
        defer { resetStyleIfUsed() }
        historyFile?.load()
        welcome()
        while true {
            switch editor.read(prompt: style.prompt(Self.prompt), plainPrompt: Self.prompt) {
            case .endOfInput:
                Output.write("\n")
                return
            case .interrupted:
                // Without libedit the terminal has echoed ^C itself.
                Output.write(editor.usesLibedit ? "^C\n" : "\n")
            case .line(let line):
                if editor.remember(line) {
                    historyFile?.save(linesThisSession: editor.rememberedCount)
                }
                if !handle(line) { return }
            }
        }
    }

    /// One paragraph: what this is, three example questions, and how to get help or leave.
    private func welcome() {
        let examples = Self.examples.map { "\"\($0)\"" }
        let text =
            "magnesium \(Magnesium.configuration.version) answers questions about magnesium bisglycinate and muscle cramps from checked sources. Try \(examples[0]), \(examples[1]) or \(examples[2]). :help lists the commands; Ctrl-D leaves."
        let wrapped = TextLayout.wrap(text, width: Terminal.columns())
        Output.line(style.bold("magnesium") + wrapped.dropFirst("magnesium".count) + "\n")
    }

    /// Answers one line; false when the session should end.
    private mutating func handle(_ line: String) -> Bool {
        // `exit`, `quit`, `bye`, `\q`, `.quit`, `.exit` alone leave, as `:quit` does; `?` alone
        // is `:help`.
        if LeavingWords.leavesShell(line) { return handle(":quit") }
        if line.trimmed == "?" { return handle(":help") }
        let words = line.split(separator: " ").map(String.init)
        guard let first = words.first else { return true }
        if first.hasPrefix(":") {
            switch Session.command(named: first)?.name {
            case ":history":
                showHistory(Array(words.dropFirst()))
                return true
            case ":save":
                save(Array(words.dropFirst()))
                return true
            case ":more" where heldBack != nil:
                showHeldBack()
                return true
            default:
                break
            }
        } else if heldBack != nil && session.wouldAnswerAsMore(line) {
            // "tell me more" first shows what the short view held back.
            showHeldBack()
            return true
        }
        var reply = session.respond(to: line)
        switch reply.intent {
        case ":short": length = .short
        case ":long": length = .long
        // A fresh conversation has no last answer to say more of.
        case ":reset": (heldBack, numbering) = (nil, nil)
        default: break
        }
        if let numbering { reply = numbering.listing(reply, session: session) }
        let width = Terminal.columns()
        let view = renderer.view(for: reply, width: width, length: length)
        // As in the session, commands and "source?" talk about the last answer: what was held
        // back of it stays for `:more`, numbered as it was shown.
        if !reply.intent.hasPrefix(":") && reply.intent != ReservedID.source {
            (heldBack, numbering) = (view.heldBack, view.numbering)
        }
        var text = view.text
        if !reply.sourceIDs.isEmpty && !hasExplainedSourceNotes {
            text +=
                "\n"
                + style.dim(
                    TextLayout.wrap(
                        "  (:sources gives the full references, :help evidence the marks)",
                        width: width))
            hasExplainedSourceNotes = true
        }
        if Self.pagedIntents.contains(reply.intent)
            || (length == .long && TerminalRenderer.isAnswer(reply))
        {
            pager.show(text)
        } else {
            Output.line(text + "\n")
        }
        return reply.action != .quit
    }

    /// Replies that may be taller than the window, shown through the pager when they are.
    private static let pagedIntents: Set<String> = [":sources", ":topics", ReservedID.source]

    /// `:more`, or "tell me more" after a short answer: the rest of it, paged when tall.
    private mutating func showHeldBack() {
        guard let (reply, paragraphs) = heldBack else { return }
        heldBack = nil
        pager.show(renderer.text(ofHeldBack: paragraphs, of: reply, width: Terminal.columns()))
    }

    /// `:history [N]`: what was typed, numbered, oldest first; earlier sessions' lines
    /// apart from this one's. Control characters are shown as escapes, never raw.
    private func showHistory(_ arguments: [String]) {
        var limit = Int.max
        if let argument = arguments.first {
            guard arguments.count == 1, let number = Int(argument), number > 0 else {
                Output.error("Usage: :history [N] (N: how many of the latest lines to show).")
                return
            }
            limit = number
        }
        let entries = editor.entries
        guard !entries.isEmpty else {
            Output.line("No history yet.\n")
            return
        }
        let earlierCount = entries.count - min(editor.rememberedCount, entries.count)
        let firstShown = max(0, entries.count - limit)
        let numberWidth = String(entries.count).count
        var lines: [String] = []
        for (index, entry) in entries.enumerated() where index >= firstShown {
            if index == firstShown && index < earlierCount {
                lines.append(style.dim("Earlier sessions:"))
            }
            if index == max(firstShown, earlierCount) { lines.append(style.dim("This session:")) }
            let number = String(index + 1)
            let shown = SafeText.escaped(entry, keepingNewlines: false)
            lines.append(
                String(repeating: " ", count: numberWidth - number.count + 2) + style.accent(number)
                    + "  " + shown)
        }
        pager.show(lines.joined(separator: "\n"))
    }

    /// `:save NAME [--force]`.
    private func save(_ arguments: [String]) {
        let saver = TranscriptSaver(currentFolder: FileManager.default.currentDirectoryPath)
        do {
            Output.line(
                TextLayout.wrap(
                    SafeText.escaped(try saver.save(session, arguments: arguments)),
                    width: Terminal.columns()) + "\n")
        } catch {
            Output.error(SafeText.escaped(error.message, keepingNewlines: false))
        }
    }
}
