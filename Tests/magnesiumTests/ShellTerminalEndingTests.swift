import Foundation
import Testing

/// One way the shell can end, and the exit status its parent then sees.
struct ShellEnding: Sendable, CustomTestStringConvertible {
    var name: String
    /// tmux key names that end it, or nil when a signal does.
    var keys: [String]?
    var signal: Int32?
    var status: Int32
    var testDescription: String { name }

    static let all = [
        ShellEnding(name: "Ctrl-D", keys: ["C-u", "C-d"], status: 0),
        ShellEnding(name: "SIGTERM", signal: SIGTERM, status: 143),
        ShellEnding(name: "SIGHUP, as when the window is closed", signal: SIGHUP, status: 129),
        ShellEnding(name: "SIGQUIT, as Ctrl-\\ sends", signal: SIGQUIT, status: 131),
        ShellEnding(name: "SIGSEGV, as a crash raises", signal: SIGSEGV, status: 139),
        // Review L12: signals whose default action ends the process left the terminal raw.
        ShellEnding(name: "SIGUSR1", signal: SIGUSR1, status: 138),
        ShellEnding(name: "SIGUSR2", signal: SIGUSR2, status: 140),
        ShellEnding(name: "SIGALRM", signal: SIGALRM, status: 142),
    ]
}

/// However the shell ends, the terminal it ran in is left as it was found: the settings
/// (`stty -g`) are the same as before it started, and the shell of the window works, echo
/// included. Lines entered before the end are in the history file.
@Suite(
    .enabled(
        if: TerminalSession.tmux != nil,
        "tmux is not installed (apt-get install tmux); the real-terminal shell test is skipped"))
struct ShellTerminalEndingTests {
    @Test(arguments: ShellEnding.all)
    func theTerminalIsRestored(ending: ShellEnding) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mg-ending-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let state = folder.appendingPathComponent("state")
        // The Swift runtime's backtracer would wait for a key after a crash on a terminal;
        // turned off, a crash ends the process at once, as it does for most people's programs.
        // Under AddressSanitizer (the suite's ASan run), the sent SIGSEGV must reach the program's
        // own handler too, not ASan's report of a crash that did not happen.
        let environment = [
            "HOME": folder.path, "XDG_STATE_HOME": state.path, "TERM": "xterm-256color",
            "SWIFT_BACKTRACE": "enable=no",
            "ASAN_OPTIONS": "handle_segv=0",
        ]
        // A plain `sh` script, not an interactive shell: bash and zsh put the terminal back
        // themselves after a job dies of a signal, which would hide a shell that does not. The
        // inner `sh` writes its process number and becomes magnesium, so the test can signal
        // magnesium alone. After it ends, an interactive `sh` (which leaves the terminal's
        // settings alone) shows whether the window is usable.
        let magnesium =
            "echo $$ > pid.txt; exec " + TerminalSession.magnesium(environment: environment)
        let script = """
            ulimit -c 0
            stty -g > before.txt
            sh -c \(TerminalSession.quoted(magnesium))
            echo "[exited $?]"
            stty -g > after.txt
            exec env PS1='$ ' sh -i
            """
        let terminal = try TerminalSession(
            shellCommand: "sh -c " + TerminalSession.quoted(script), folder: folder.path)
        defer { terminal.kill() }
        try #require(try terminal.waitForPrompt(showing: ""), terminal.shown)

        // One line entered, and one half typed (libedit has the terminal in raw mode now).
        try terminal.type("what is glycine?")
        try terminal.send("Enter")
        try #require(try terminal.waitFor("amino acid"), terminal.shown)
        try #require(try terminal.waitForPrompt(showing: ""), terminal.shown)
        try terminal.type("how much of it")
        try #require(try terminal.waitForPrompt(showing: "how much of it"), terminal.shown)

        if let keys = ending.keys {
            for key in keys { try terminal.send(key) }
        } else {
            let pid = try #require(
                Self.contents(of: folder.appendingPathComponent("pid.txt")).flatMap {
                    pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines))
                })
            #expect(kill(pid, ending.signal!) == 0)
        }
        // The script goes on only if magnesium ended alone (libedit's own handlers signalled
        // the whole process group, which took the script and the window with it).
        try #require(try terminal.waitFor("[exited \(ending.status)]"), terminal.shown)

        let before = try #require(
            Self.contents(of: folder.appendingPathComponent("before.txt")),
            "stty -g before magnesium started")
        let after = try #require(
            Self.contents(of: folder.appendingPathComponent("after.txt")),
            "stty -g after magnesium ended never came: \(terminal.shown)")
        #expect(after == before, "the terminal's settings changed")

        try #require(
            try terminal.waitFor { $0.split(separator: "\n").last == "$" },
            "the window's shell gives no prompt; \(terminal.shown)")
        try terminal.type("echo usable-$((6*7))")
        try terminal.send("Enter")
        #expect(
            try terminal.waitFor { $0.contains("\n$ echo usable-$((6*7))\nusable-42\n") },
            "typed text is echoed and the line runs; \(terminal.shown)")

        let history = try String(
            contentsOf: state.appendingPathComponent("magnesium/history"), encoding: .utf8)
        #expect(
            history == "_HiStOrY_V2_\nwhat\\040is\\040glycine?\n",
            "the line entered before the end is kept")
    }

    /// Ctrl-Z hands the terminal back as it was found, and `fg` takes up the line being typed.
    @Test func ctrlZLeavesTheTerminalAsFoundAndFgTakesUpTheLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mg-stop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = [
            "HOME": folder.path, "XDG_STATE_HOME": folder.appendingPathComponent("state").path,
            "TERM": "xterm-256color",
        ]
        // An interactive `sh` for its job control (Ctrl-Z, `fg`); unlike bash it leaves the
        // terminal's settings to the program it runs, so what the test sees is magnesium's doing.
        let terminal = try TerminalSession(
            shellCommand: "exec env PS1='$ ' sh -i", folder: folder.path)
        defer { terminal.kill() }
        func shellCommand(_ line: String) throws {
            try #require(
                try terminal.waitFor { $0.split(separator: "\n").last == "$" },
                "no prompt from the window's shell; \(terminal.shown)")
            try terminal.type(line)
            try terminal.send("Enter")
        }
        try shellCommand("stty -g > before.txt")
        try shellCommand(TerminalSession.magnesium(environment: environment))
        try #require(try terminal.waitForPrompt(showing: ""), terminal.shown)
        try terminal.type("what is gly")
        try #require(try terminal.waitForPrompt(showing: "what is gly"), terminal.shown)

        try terminal.send("C-z")
        try #require(try terminal.waitFor("Stopped"), terminal.shown)
        try shellCommand("stty -g > stopped.txt")
        let before = try #require(Self.contents(of: folder.appendingPathComponent("before.txt")))
        #expect(
            Self.contents(of: folder.appendingPathComponent("stopped.txt")) == before,
            "the terminal's settings while magnesium is stopped")

        try shellCommand("fg")
        #expect(
            try terminal.waitForPrompt(showing: "what is gly"),
            "the line is shown again; \(terminal.shown)")
        try terminal.type("cine?")
        try terminal.send("Enter")
        #expect(
            try terminal.waitFor("amino acid"), "the line goes on being edited; \(terminal.shown)")
        try #require(try terminal.waitForPrompt(showing: ""), terminal.shown)
        try terminal.send("C-d")
        try shellCommand("stty -g > after.txt")
        #expect(Self.contents(of: folder.appendingPathComponent("after.txt")) == before)
    }

    /// A file's text once it has some, waiting up to 15 s for the script to write it; nil after
    /// that.
    static func contents(of file: URL) -> String? {
        for _ in 0..<150 {
            if let text = try? String(contentsOf: file, encoding: .utf8), text.hasSuffix("\n") {
                return text
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return nil
    }
}
