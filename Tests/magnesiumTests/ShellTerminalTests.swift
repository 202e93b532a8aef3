import Foundation
import Testing

/// A tmux session running the built `magnesium` in a real terminal, for sending keys and
/// reading the screen. Each test's sessions have a tmux server (socket) of their own, so tests
/// never touch a person's tmux or each other.
struct TerminalSession {
    static let tmux: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    let socket: String
    let name: String

    /// Starts `magnesium ARGUMENTS` in `folder`, 100×30, with the given environment added to a
    /// clean one; when it ends, its exit status is printed as `[exited N]`.
    init(
        arguments: [String] = [], environment: [String: String], folder: String,
        server: String? = nil, name: String = "shell"
    ) throws {
        let command =
            Self.magnesium(arguments, environment: environment) + "; echo \"[exited $?]\"; sleep 60"
        try self.init(shellCommand: command, folder: folder, server: server, name: name)
    }

    /// Starts a `sh` command line in `folder`, 100×30, as the session `name` of the tmux server
    /// `server`, or of a server of its own when that is nil.
    init(shellCommand: String, folder: String, server: String? = nil, name: String = "shell") throws
    {
        socket = server ?? "magnesium-test-\(UUID().uuidString.prefix(8))"
        self.name = name
        try run([
            "new-session", "-d", "-s", name, "-x", "100", "-y", "30", "-c", folder, shellCommand,
        ])
    }

    /// The command line that runs the built `magnesium ARGUMENTS` with `environment` added to a
    /// clean one, quoted for `sh`.
    static func magnesium(_ arguments: [String] = [], environment: [String: String]) -> String {
        let variables = environment.merging([
            "LANG": "C.UTF-8", "EDITRC": "/dev/null", "PATH": "/usr/bin:/bin",
        ]) { own, _ in own }
        .sorted { $0.key < $1.key }.map { "\($0.key)=\(quoted($0.value))" }
        return "env -i " + variables.joined(separator: " ") + " "
            + ([BuiltBinary.url.path] + arguments).map(quoted).joined(separator: " ")
    }

    static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Runs a tmux command and returns its output.
    ///
    /// Through ``BuiltBinary/runWithDefaultSignals``, so tmux and the shell under it take Ctrl-C
    /// and SIGTERM.
    @discardableResult
    func run(_ arguments: [String]) throws -> String {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mg-tmux-\(UUID().uuidString)"
        ).path
        defer { unlink(output) }
        // The tmux server keeps what it is given, so its output goes to a file, not a pipe.
        _ = try BuiltBinary.runWithDefaultSignals(
            Self.tmux!, ["-L", socket, "-f", "/dev/null"] + arguments, output: output)
        return (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
    }

    /// Sends keys: tmux key names (`Enter`, `Up`, `Tab`, `C-c`) or literal text with `literal`.
    func send(_ keys: String..., literal: Bool = false) throws {
        try run(["send-keys", "-t", name] + (literal ? ["-l"] : []) + keys)
        // Let the shell take in one group of keys before the next arrives.
        Thread.sleep(forTimeInterval: 0.15)
    }

    func type(_ text: String) throws { try send(text, literal: true) }

    /// The screen and the scrollback, with escape sequences when `escapes` is true.
    func screen(escapes: Bool = false) throws -> String {
        try run(["capture-pane", "-p", "-t", name, "-S", "-200"] + (escapes ? ["-e"] : []))
    }

    /// The last non-empty line on the screen: the prompt and what is being typed.
    func promptLine() throws -> String {
        try run(["capture-pane", "-p", "-t", name]).split(separator: "\n").last.map(String.init)
            ?? ""
    }

    /// Waits until the screen shows what `condition` looks for; false after 15 s (a hang, not
    /// slowness).
    @discardableResult
    func waitFor(_ condition: (String) -> Bool) throws -> Bool {
        for _ in 0..<150 {
            if condition(try screen()) { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return false
    }

    func waitFor(_ text: String) throws -> Bool { try waitFor { $0.contains(text) } }

    func waitForPrompt(showing text: String) throws -> Bool {
        for _ in 0..<150 {
            // tmux drops trailing spaces, the prompt's included.
            let line = try promptLine()
            if line == "magnesium> " + text || (text.isEmpty && line == "magnesium>") {
                return true
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return false
    }

    /// The screen, for a failed expectation's message.
    var shown: Comment {
        Comment(rawValue: "the screen was:\n" + ((try? screen()) ?? "(unreadable)"))
    }

    func count(_ text: String) throws -> Int {
        try screen().components(separatedBy: text).count - 1
    }

    /// Ends the session, and with it this test's tmux server.
    func kill() { _ = try? run(["kill-server"]) }
}

/// Drives the shell in a real terminal, as a person would: answers, Up, Tab, Ctrl-C, Ctrl-R,
/// `:save`, Ctrl-D, history kept for the next session, and colour only where it belongs.
@Suite(
    .enabled(
        if: TerminalSession.tmux != nil,
        "tmux is not installed (apt-get install tmux); the real-terminal shell test is skipped"))
struct ShellTerminalTests {
    @Test func aSessionInARealTerminal() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mg-tty-\(UUID().uuidString)")
        let state = home.appendingPathComponent("state")
        let work = home.appendingPathComponent("work")
        try FileManager.default.createDirectory(
            at: work.appendingPathComponent("Transcripts"), withIntermediateDirectories: true)
        let environment = [
            "HOME": home.path, "XDG_STATE_HOME": state.path, "TERM": "xterm-256color",
        ]

        let first = try TerminalSession(environment: environment, folder: work.path)
        defer { first.kill() }
        #expect(try first.waitForPrompt(showing: ""), first.shown)
        let welcome = try first.screen()
        #expect(welcome.contains("\"what is magnesium bisglycinate?\""))
        #expect(
            try first.screen(escapes: true).contains("\u{1B}[1m"),
            "a terminal with NO_COLOR unset gets bold and colour")

        // A question gets its answer, and its numbered source notes.
        try first.type("what is glycine?")
        try first.send("Enter")
        #expect(try first.waitFor("amino acid"), first.shown)
        #expect(try first.waitFor("  [1] "), first.shown)
        #expect(try first.waitForPrompt(showing: ""))

        // Up recalls it; Ctrl-C throws the line away and the session goes on.
        try first.send("Up")
        #expect(try first.waitForPrompt(showing: "what is glycine?"), first.shown)
        try first.send("C-c")
        #expect(try first.waitFor("magnesium> what is glycine?^C"), first.shown)
        #expect(try first.waitForPrompt(showing: ""), first.shown)

        // Tab completes a command, and a partial multi-word topic name to the whole name.
        try first.type(":to")
        try first.send("Tab")
        #expect(try first.waitForPrompt(showing: ":topics"), first.shown)
        try first.send("Enter")
        #expect(try first.waitFor("I know about these areas"), first.shown)
        try first.type("does it help night le")
        try first.send("Tab")
        #expect(try first.waitForPrompt(showing: "does it help night leg cramps"), first.shown)
        try first.type("?")
        try first.send("Enter")
        #expect(try first.waitForPrompt(showing: ""), first.shown)

        // :save writes a transcript that replays green.
        try first.type(":save tonight")
        try first.send("Enter")
        #expect(try first.waitFor("Saved 3 turns to Transcripts/tonight.txt"), first.shown)

        // Ctrl-R finds the earlier question by a few letters of it.
        let answersBefore = try first.count("amino acid")
        try first.send("C-r")
        try first.type("glyc")
        #expect(
            try first.waitFor {
                $0.split(separator: "\n").suffix(2).joined(separator: "\n").contains(
                    "what is glycine?")
            }, first.shown)
        try first.send("Enter")
        #expect(
            try first.waitFor {
                $0.components(separatedBy: "amino acid").count - 1 > answersBefore
            }, first.shown)
        #expect(!(try first.screen().contains("magnesium> glyc\n")))

        // Ctrl-D on an empty line leaves with status 0.
        #expect(try first.waitForPrompt(showing: ""))
        try first.send("C-d")
        #expect(try first.waitFor("[exited 0]"), first.shown)

        let replay = try BuiltBinary.run([
            "replay", work.appendingPathComponent("Transcripts/tonight.txt").path,
        ])
        #expect(replay.status == 0, "\(replay.stdout)\(replay.stderr)")
        #expect(replay.stdout.contains("PASS"))

        // The history file is private, and a second session starts with the first one's lines.
        let historyFile = state.appendingPathComponent("magnesium/history").path
        let attributes = try FileManager.default.attributesOfItem(atPath: historyFile)
        #expect(attributes[.posixPermissions] as? Int == 0o600)
        #expect(
            try FileManager.default.attributesOfItem(
                atPath: state.appendingPathComponent("magnesium").path)[.posixPermissions] as? Int
                == 0o700)
        #expect(
            try String(contentsOfFile: historyFile, encoding: .utf8).hasPrefix(
                "_HiStOrY_V2_\nwhat\\040is\\040glycine?\n"))

        let second = try TerminalSession(
            environment: environment.merging(["NO_COLOR": "1"]) { $1 }, folder: work.path)
        defer { second.kill() }
        #expect(try second.waitForPrompt(showing: ""), second.shown)
        #expect(
            !(try second.screen(escapes: true).contains("\u{1B}[1m")), "NO_COLOR turns colour off")
        try second.send("Up")
        #expect(try second.waitForPrompt(showing: "what is glycine?"), second.shown)
        try second.send("Up")
        #expect(try second.waitForPrompt(showing: ":save tonight"), second.shown)
        try second.send("C-u")
        try second.type(":history")
        try second.send("Enter")
        #expect(try second.waitFor("Earlier sessions:"), second.shown)
        #expect(try second.waitFor("This session:\n  6  :history"), second.shown)

        // After the window narrows, answers wrap to the new width at spaces only: joined up
        // again, the lines give exactly the words of the plain answer.
        try second.run(["resize-window", "-t", second.name, "-x", "60"])
        try second.send("C-l")
        try second.type("what is glycine?")
        try second.send("Enter")
        #expect(try second.waitFor("  [1] "), second.shown)
        let lines = try second.screen().split(separator: "\n").map(String.init)
        let question = try #require(lines.lastIndex { $0.hasPrefix("magnesium> what is glycine?") })
        let notes = try #require(lines.lastIndex { $0.hasPrefix("  [1] ") })
        // The short view: the answer's first lines, then the line saying what is held back.
        let answer = lines[(question + 1)..<notes].filter { !$0.hasPrefix("(:more for the rest") }
        #expect(answer.count > 2 && answer.allSatisfy { $0.count <= 60 }, second.shown)
        let plain = try BuiltBinary.run(["ask", "--long", "what is glycine?"]).stdout.split(
            separator: "\n"
        ).first.map(String.init)
        #expect(plain?.hasPrefix(answer.joined(separator: " ")) == true, second.shown)
        #expect(
            lines[notes...].filter { $0.hasPrefix("  [") }.allSatisfy { $0.count <= 60 },
            second.shown)
    }

    /// On a terminal that cannot edit (`TERM=dumb`): a plain prompt, no colour, Ctrl-C still
    /// clears the line; and `--no-history` leaves no file behind.
    @Test func aDumbTerminalWithoutHistory() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mg-dumb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let session = try TerminalSession(
            arguments: ["--no-history"], environment: ["HOME": home.path, "TERM": "dumb"],
            folder: home.path)
        defer { session.kill() }
        #expect(try session.waitForPrompt(showing: ""), session.shown)
        try session.type("never sent")
        try session.send("C-c")
        #expect(try session.waitFor("magnesium> never sent^C\nmagnesium>"), session.shown)
        try session.type(":history")
        try session.send("Enter")
        #expect(try session.waitFor("This session:\n  1  :history\n"), session.shown)
        #expect(
            !(try session.screen(escapes: true).contains("\u{1B}[1m")), "no bold on a dumb terminal"
        )
        try session.send("C-d")
        #expect(try session.waitFor("[exited 0]"), session.shown)
        #expect(
            !FileManager.default.fileExists(
                atPath: home.appendingPathComponent(".local/state/magnesium/history").path))
    }
}
