import Foundation
import MagnesiumKit

/// The interactive shell: prompt, line editing, commands and styled answers.
struct Shell {
    var session: Session
    let styled: Bool
    let historyPath: String?

    static func defaultHistoryPath() -> String? {
        let environment = ProcessInfo.processInfo.environment
        var base = environment["XDG_STATE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
        if base == nil, let home = environment["HOME"] { base = home + "/.local/state" }
        guard let base else { return nil }
        let folder = base + "/magnesium"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            Output.error("magnesium: warning: cannot create \(folder); history is off for this session")
            return nil
        }
        let path = folder + "/history"
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: Data("_HiStOrY_V2_\n".utf8), attributes: [.posixPermissions: 0o600])
        }
        return path
    }

    mutating func run() {
        let graph = session.knowledge.graph
        let completions = Session.commands.map(\.name) + graph.topics.map(\.name)
        let editor = LineEditor(historyPath: historyPath, completions: completions)
        Output.line(bold("magnesium") + " answers questions about magnesium bisglycinate and muscle cramps. Try:")
        for example in ["what is magnesium bisglycinate?", "how much should I take?", "does it help night leg cramps?"] {
            Output.line("  " + example)
        }
        Output.line("Type :help for commands, :quit or Ctrl-D to leave.")
        while true {
            switch editor.read(prompt: "magnesium> ") {
            case .endOfInput:
                Output.write("\n")
                return
            case .interrupted:
                Output.write("^C\n")
                continue
            case let .line(line):
                if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
                let reply = session.respond(to: line)
                show(reply)
                if reply.action == .quit { return }
            }
        }
    }

    private func show(_ reply: Reply) {
        var text = reply.text
        if !reply.sourceIDs.isEmpty {
            let graph = session.knowledge.graph
            let notes = reply.sourceIDs.enumerated().map { index, id in
                "[\(index + 1)] " + (graph.source(id)?.shortCitation ?? id)
            }
            text += "\n" + dim(notes.joined(separator: "\n"))
        }
        Output.line(text + "\n")
    }

    private func bold(_ text: String) -> String { styled ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    private func dim(_ text: String) -> String { styled ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
}
