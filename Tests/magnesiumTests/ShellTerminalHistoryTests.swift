import Foundation
import Testing

/// Several shells sharing one history file, as when a person has a few windows open: every
/// line each of them saves stays in a file libedit can read, however their saves overlap.
@Suite(
    .enabled(
        if: TerminalSession.tmux != nil,
        "tmux is not installed (apt-get install tmux); the real-terminal shell test is skipped"))
struct ShellTerminalHistoryTests {
    static let sessionCount = 4
    static let roundCount = 6

    /// The line session `session` types in round `round`: no spaces, so it is written to the
    /// file as typed (libedit writes a space as `\040`).
    static func line(session: Int, round: Int) -> String { "history-check-s\(session)-r\(round)" }

    @Test func sessionsSavingAndClosingAtOnceKeepEveryLine() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mg-shared-history-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let state = home.appendingPathComponent("state")
        let environment = [
            "HOME": home.path, "XDG_STATE_HOME": state.path, "TERM": "xterm-256color",
        ]
        let server = "magnesium-test-\(UUID().uuidString.prefix(8))"
        let sessions = try (1...Self.sessionCount).map { number in
            try TerminalSession(
                environment: environment, folder: home.path, server: server, name: "s\(number)")
        }
        // One server holds every session: killing it ends them all, whatever the test's outcome.
        defer { sessions[0].kill() }
        for session in sessions {
            try #require(try session.waitForPrompt(showing: ""), session.shown)
        }

        for round in 1...Self.roundCount {
            for (index, session) in sessions.enumerated() {
                try session.type(Self.line(session: index + 1, round: round))
            }
            for (index, session) in sessions.enumerated() {
                try #require(
                    try session.waitForPrompt(showing: Self.line(session: index + 1, round: round)),
                    session.shown)
            }
            // Enter in every window from one tmux command, so the sessions save at the same moment.
            try sessions[0].run(together("Enter", in: sessions))
            for session in sessions {
                try #require(
                    try session.waitFor(
                        "magnesium> \(Self.line(session: Int(session.name.dropFirst())!, round: round))\n"
                    ), session.shown)
                try #require(try session.waitForPrompt(showing: ""), session.shown)
            }
        }
        try sessions[0].run(together("C-d", in: sessions))
        for session in sessions { try #require(try session.waitFor("[exited 0]"), session.shown) }

        let folder = state.appendingPathComponent("magnesium")
        let file = folder.appendingPathComponent("history")
        let lines = try String(contentsOf: file, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false
        ).map(String.init)
        #expect(lines.first == "_HiStOrY_V2_")
        #expect(lines.last == "", "the file ends with a whole line")
        let entries = Array(lines.dropFirst().dropLast())
        let expected = (1...Self.sessionCount).flatMap { session in
            (1...Self.roundCount).map { Self.line(session: session, round: $0) }
        }
        #expect(
            entries.sorted() == expected.sorted(),
            "every line of every session, each once, and nothing else")
        for session in 1...Self.sessionCount {
            let own = entries.filter { $0.hasPrefix("history-check-s\(session)-") }
            #expect(
                own == (1...Self.roundCount).map { Self.line(session: session, round: $0) },
                "session \(session)'s lines in the order typed")
        }
        #expect(
            try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
                == 0o600)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            $0.hasSuffix(".tmp")
        }
        #expect(leftovers.isEmpty, "temporary files left behind: \(leftovers)")

        // A new session reads the file (libedit refuses a malformed one, with a warning) and
        // has every line.
        let next = try TerminalSession(environment: environment, folder: home.path)
        defer { next.kill() }
        try #require(try next.waitForPrompt(showing: ""), next.shown)
        try next.type(":history")
        try next.send("Enter")
        let total = Self.sessionCount * Self.roundCount
        #expect(try next.waitFor("\n  \(total + 1)  :history\n"), next.shown)
        #expect(try next.screen().contains("Earlier sessions:\n   1  history-check-s"))
        #expect(!(try next.screen().contains("warning")), next.shown)
    }

    /// One tmux command line that sends `key` to every session in turn, with nothing between.
    func together(_ key: String, in sessions: [TerminalSession]) -> [String] {
        Array(sessions.map { ["send-keys", "-t", $0.name, key] }.joined(separator: [";"]))
    }
}
