import Foundation
import Testing

/// The words people use to leave, `?` for help, and command names cut short, typed in a real
/// terminal; and what batch mode does with the same words.
@Suite(
    .enabled(
        if: TerminalSession.tmux != nil,
        "tmux is not installed (apt-get install tmux); the real-terminal shell test is skipped"))
struct ShellLeavingTests {
    static func start() throws -> (TerminalSession, URL) {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mg-leave-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let session = try TerminalSession(
            arguments: ["--no-history"],
            environment: ["HOME": home.path, "TERM": "xterm-256color"], folder: home.path)
        return (session, home)
    }

    @Test(arguments: ["exit", "quit", "bye", #"\q"#, ".quit", ".exit", ":q", "  Exit  "])
    func aWordAloneLeaves(word: String) throws {
        let (session, home) = try Self.start()
        defer {
            session.kill()
            try? FileManager.default.removeItem(at: home)
        }
        try #require(try session.waitForPrompt(showing: ""), session.shown)
        try session.type(word)
        try session.send("Enter")
        #expect(try session.waitFor("[exited 0]"), session.shown)
        #expect(!(try session.screen().contains("I hope the cramps ease off")), session.shown)
    }

    @Test func aQuestionMarkShowsHelpAndShortNamesRunCommands() throws {
        let (session, home) = try Self.start()
        defer {
            session.kill()
            try? FileManager.default.removeItem(at: home)
        }
        try #require(try session.waitForPrompt(showing: ""), session.shown)
        try session.type("?")
        try session.send("Enter")
        #expect(try session.waitFor("use a command (:help COMMAND explains one)"), session.shown)

        // A unique beginning runs the command; an ambiguous one names the candidates.
        try session.type(":pro")
        try session.send("Enter")
        #expect(try session.waitFor("You haven't told me anything about yourself"), session.shown)
        try session.type(":s")
        try session.send("Enter")
        #expect(
            try session.waitFor(":s could be :sources, :short or :save; type more of the name."),
            session.shown)
        try session.type(":help hist")
        try session.send("Enter")
        #expect(try session.waitFor(":history [N]: questions from"), session.shown)

        // "exit" inside a sentence is a question, not a way out.
        try session.type("exit the shell please")
        try session.send("Enter")
        try #require(try session.waitForPrompt(showing: ""), session.shown)
        #expect(!(try session.screen().contains("[exited")), session.shown)
        try session.send("C-d")
        #expect(try session.waitFor("[exited 0]"), session.shown)
    }

    /// Batch mode answers `exit`, `quit` and `bye` as before and reads on; `\q`, `.quit` and
    /// `.exit` end the input as `:quit` does.
    @Test func batchModeStopsOnlyAtCommandLikeWords() throws {
        let run = try BuiltBinary.run(
            [], input: "what is glycine?\nexit\nbye\nwhat is glycine?\n\\q\nwhat is glycine?\n")
        #expect(run.status == 0)
        let answers = run.stdout.components(separatedBy: "\n\n")
        #expect(answers.count == 5, "\(run.stdout)")
        #expect(answers[1].hasPrefix("Goodbye, and I hope the cramps ease off."))
        #expect(answers[2].hasPrefix("Goodbye, and I hope the cramps ease off."))
        #expect(answers[3].hasPrefix("Glycine is"))
        #expect(answers[4] == "Goodbye.\n")
        let json = try BuiltBinary.run(["--json"], input: ".exit\nwhat is glycine?\n")
        #expect(json.stdout.split(separator: "\n").count == 1)
        #expect(json.stdout.contains(#""question":".exit","answer":"Goodbye.""#))
    }
}
