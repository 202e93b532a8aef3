import Foundation
import Testing

/// Ctrl-R and Up with a typed beginning, driven as a person would in a real terminal, over a
/// history of three lines from an earlier session.
@Suite(
    .enabled(
        if: TerminalSession.tmux != nil,
        "tmux is not installed (apt-get install tmux); the real-terminal shell test is skipped"))
struct ShellHistorySearchTests {
    static func start() throws -> (TerminalSession, URL) {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mg-search-\(UUID().uuidString)")
        let state = home.appendingPathComponent("state")
        try FileManager.default.createDirectory(
            at: state.appendingPathComponent("magnesium"), withIntermediateDirectories: true)
        try "_HiStOrY_V2_\nwhat\\040is\\040glycine?\n:topics\nwhat\\040is\\040magnesium?\n".write(
            to: state.appendingPathComponent("magnesium/history"), atomically: true,
            encoding: .utf8)
        let session = try TerminalSession(
            environment: [
                "HOME": home.path, "XDG_STATE_HOME": state.path, "TERM": "xterm-256color",
            ], folder: home.path)
        return (session, home)
    }

    func waitForLine(_ session: TerminalSession, _ text: String) throws -> Bool {
        for _ in 0..<100 {
            if try session.promptLine() == text { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return false
    }

    @Test func ctrlRSearchesAndEveryWayOutLeavesAnHonestLine() throws {
        let (session, home) = try Self.start()
        defer {
            session.kill()
            try? FileManager.default.removeItem(at: home)
        }
        try #require(try session.waitForPrompt(showing: ""), session.shown)

        // The search line says what it is, and narrows as letters are typed.
        try session.send("C-r")
        #expect(try waitForLine(session, "(reverse-i-search)'':"), session.shown)
        try session.type("what")
        #expect(
            try waitForLine(session, "(reverse-i-search)'what': what is magnesium?"), session.shown)
        try session.send("C-r")
        #expect(
            try waitForLine(session, "(reverse-i-search)'what': what is glycine?"), session.shown)
        try session.send("C-r")
        #expect(
            try waitForLine(session, "(failed reverse-i-search)'what': what is glycine?"),
            session.shown)

        // Right accepts the match for editing (it used to become `:[Ctopics` and run).
        try session.send("C-u")
        try session.send("C-r")
        try session.type("top")
        #expect(try waitForLine(session, "(reverse-i-search)'top': :topics"), session.shown)
        try session.send("Right")
        #expect(try session.waitForPrompt(showing: ":topics"), session.shown)
        try session.send("Enter")
        #expect(try session.waitFor("I know about these areas"), session.shown)
        #expect(!(try session.screen().contains("[C")), session.shown)

        // Left, Home and End accept and then move; Up accepts as it is.
        for (key, expected) in [
            ("Left", ":topicXs"), ("Home", "X:topics"), ("End", ":topicsX"), ("Up", ":topicsX"),
        ] {
            try #require(try session.waitForPrompt(showing: ""), session.shown)
            try session.send("C-r")
            try session.type("top")
            try #require(
                try waitForLine(session, "(reverse-i-search)'top': :topics"), session.shown)
            try session.send(key)
            try session.type("X")
            #expect(try session.waitForPrompt(showing: expected), "\(key): \(session.shown)")
            try session.send("C-u")
        }

        // Ctrl-G gives back the line as it was typed.
        try session.type("keep this")
        try session.send("C-r")
        try session.type("gly")
        #expect(
            try waitForLine(session, "(reverse-i-search)'gly': what is glycine?"), session.shown)
        try session.send("C-g")
        #expect(try session.waitForPrompt(showing: "keep this"), session.shown)
        try session.send("C-u")

        // Enter runs the match, shown after the prompt as if typed.
        try session.send("C-l")
        try session.send("C-r")
        try session.type("gly")
        try session.send("Enter")
        #expect(try session.waitFor("magnesium> what is glycine?\nGlycine is"), session.shown)
        #expect(!(try session.screen().contains("bck:")), session.shown)

        // Ctrl-C ends the search and clears the line.
        try #require(try session.waitForPrompt(showing: ""), session.shown)
        try session.send("C-r")
        try session.type("zzz")
        #expect(try waitForLine(session, "(failed reverse-i-search)'zzz':"), session.shown)
        try session.send("C-c")
        #expect(try session.waitFor("(failed reverse-i-search)'zzz': ^C\n"), session.shown)
        #expect(try session.waitForPrompt(showing: ""), session.shown)
        try session.send("C-d")
        #expect(try session.waitFor("[exited 0]"), session.shown)
    }

    @Test func upWithATypedBeginningWalksOnlyTheLinesThatBeginSo() throws {
        let (session, home) = try Self.start()
        defer {
            session.kill()
            try? FileManager.default.removeItem(at: home)
        }
        try #require(try session.waitForPrompt(showing: ""), session.shown)
        try session.type("what")
        try session.send("Up")
        #expect(try session.waitForPrompt(showing: "what is magnesium?"), session.shown)
        try session.send("Up")
        #expect(try session.waitForPrompt(showing: "what is glycine?"), session.shown)
        try session.send("Up")
        #expect(try session.waitForPrompt(showing: "what is glycine?"), "no older match")
        try session.send("Down")
        #expect(try session.waitForPrompt(showing: "what is magnesium?"), session.shown)
        try session.send("Down")
        #expect(try session.waitForPrompt(showing: "what"), "back to what was typed")

        // On an empty line Up walks the whole history; an edited line starts a new walk.
        try session.send("C-u")
        try session.send("Up")
        #expect(try session.waitForPrompt(showing: "what is magnesium?"), session.shown)
        try session.send("Up")
        #expect(try session.waitForPrompt(showing: ":topics"), session.shown)
        try session.send("C-u")
        try session.type(":")
        try session.send("Up")
        #expect(try session.waitForPrompt(showing: ":topics"), session.shown)
        try session.send("Enter")
        #expect(try session.waitFor("I know about these areas"), session.shown)
        try session.send("C-d")
        #expect(try session.waitFor("[exited 0]"), session.shown)
    }
}
