import ArgumentParser
import Foundation
import MagnesiumKit

/// The default command: a chat shell on a terminal, batch answers otherwise.
struct Chat: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Chat in a shell, or answer questions from standard input (the default).",
        discussion: "On a terminal: a line-editing shell (:help lists commands). With standard input from a pipe or file: one answer per non-empty line, separated by a blank line, no prompt.")

    @OptionGroup var options: KnowledgeOptions

    @Flag(name: .long, help: "Batch mode printing one JSON object per input line.")
    var json = false

    @Option(name: .long, help: "Colour and bold: auto (terminal only, honours NO_COLOR), always or never.")
    var color: ColorChoice = .auto

    @Flag(name: .long, help: "Do not read or write the shell's history file.")
    var noHistory = false

    func run() throws {
        let knowledge = try options.load()
        var session = Session(knowledge: knowledge)
        signal(SIGPIPE, SIG_IGN)
        if json || !Terminal.isTerminal(STDIN_FILENO) || isatty(STDIN_FILENO) != 1 {
            runBatch(&session)
        } else {
            var shell = Shell(session: session, styled: Terminal.wantsColor(color), historyPath: noHistory ? nil : Shell.defaultHistoryPath())
            shell.run()
        }
    }

    private func runBatch(_ session: inout Session) {
        var first = true
        while let line = readLine(strippingNewline: true) {
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let reply = session.respond(to: line)
            if json {
                Output.line(JSON.object(for: reply, session: session))
            } else {
                Output.write((first ? "" : "\n") + PlainRenderer.text(for: reply, session: session) + "\n")
            }
            first = false
            if reply.action == .quit { break }
        }
    }
}
