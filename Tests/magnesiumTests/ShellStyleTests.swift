import Foundation
import Testing

/// Reads a `tmux capture-pane -e` screen as a terminal would: which cells are bold. tmux writes
/// an SGR sequence wherever the attributes change, carrying them from one line to the next.
enum ScreenCells {
    /// Whether the first character of the last occurrence of `text` on the screen is bold.
    static func isBold(at text: String, in screen: String) -> Bool? {
        let characters = Array(screen.unicodeScalars)
        let target = Array(text.unicodeScalars)
        var bold = false
        var found: Bool?
        var index = 0
        while index < characters.count {
            if characters[index] == "\u{1B}", index + 1 < characters.count,
                characters[index + 1] == "["
            {
                var end = index + 2
                while end < characters.count, !(0x40...0x7E).contains(characters[end].value) {
                    end += 1
                }
                if end < characters.count, characters[end] == "m" {
                    let parameters = String(String.UnicodeScalarView(characters[(index + 2)..<end]))
                    for parameter in parameters.split(
                        separator: ";", omittingEmptySubsequences: false)
                    {
                        switch Int(parameter) ?? 0 {
                        case 0, 22: bold = false
                        case 1: bold = true
                        default: break
                        }
                    }
                }
                index = end + 1
                continue
            }
            if index + target.count <= characters.count,
                Array(characters[index..<(index + target.count)]) == target
            {
                found = bold
            }
            index += 1
        }
        return found
    }
}

/// One way out of the shell, for the style test.
struct ShellExit: Sendable, CustomTestStringConvertible {
    var name: String
    var keys: [String]
    var literal: String?
    var signal: Int32?
    var status: Int32
    var testDescription: String { name }

    static let all = [
        ShellExit(name: ":quit", keys: ["Enter"], literal: ":quit", status: 0),
        ShellExit(name: "Ctrl-D", keys: ["C-d"], status: 0),
        ShellExit(name: "SIGTERM", keys: [], signal: SIGTERM, status: 143),
        ShellExit(name: "SIGHUP", keys: [], signal: SIGHUP, status: 129),
    ]
}

/// No style leaks: the prompt's bold ends inside the prompt, so what the person types is plain,
/// and however the shell ends, the window's next prompt is not bold.
@Suite(
    .enabled(
        if: TerminalSession.tmux != nil,
        "tmux is not installed (apt-get install tmux); the real-terminal shell test is skipped"))
struct ShellStyleTests {
    @Test(arguments: ShellExit.all)
    func noBoldLeaksIntoTheLineOrPastTheShell(exit: ShellExit) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mg-style-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = [
            "HOME": folder.path, "XDG_STATE_HOME": folder.appendingPathComponent("state").path,
            "TERM": "xterm-256color",
        ]
        let magnesium =
            "echo $$ > pid.txt; exec " + TerminalSession.magnesium(environment: environment)
        let script = """
            sh -c \(TerminalSession.quoted(magnesium))
            echo "[exited $?]"
            exec env PS1='after$ ' sh -i
            """
        let terminal = try TerminalSession(
            shellCommand: "sh -c " + TerminalSession.quoted(script), folder: folder.path)
        defer { terminal.kill() }
        try #require(try terminal.waitForPrompt(showing: ""), terminal.shown)

        // The prompt is bold; what is typed after it is not.
        try terminal.type("plain words")
        try #require(try terminal.waitForPrompt(showing: "plain words"), terminal.shown)
        let typing = try terminal.screen(escapes: true)
        #expect(ScreenCells.isBold(at: "magnesium>", in: typing) == true, terminal.shown)
        #expect(ScreenCells.isBold(at: "plain words", in: typing) == false, terminal.shown)
        try terminal.send("C-u")

        // A coloured answer, then the way out.
        try terminal.type("what is glycine?")
        try terminal.send("Enter")
        try #require(try terminal.waitFor("amino acid"), terminal.shown)
        try #require(try terminal.waitForPrompt(showing: ""), terminal.shown)
        if let literal = exit.literal { try terminal.type(literal) }
        for key in exit.keys { try terminal.send(key) }
        if let signal = exit.signal {
            let pid = try #require(
                ShellTerminalEndingTests.contents(of: folder.appendingPathComponent("pid.txt"))
                    .flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
            #expect(kill(pid, signal) == 0)
        }
        try #require(try terminal.waitFor("[exited \(exit.status)]"), terminal.shown)
        try #require(try terminal.waitFor("after$"), terminal.shown)
        try terminal.type("echo next")
        try #require(try terminal.waitFor("after$ echo next"), terminal.shown)
        let after = try terminal.screen(escapes: true)
        #expect(ScreenCells.isBold(at: "[exited", in: after) == false, terminal.shown)
        #expect(ScreenCells.isBold(at: "after$ echo next", in: after) == false, terminal.shown)
    }
}
