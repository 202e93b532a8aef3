import Foundation
import Testing

/// Short answers by default, the rest on request, compact source notes with evidence badges, and
/// the pager for tall output, typed in a real 80-column terminal as a person would.
@Suite(
    .enabled(
        if: TerminalSession.tmux != nil,
        "tmux is not installed (apt-get install tmux); the real-terminal shell test is skipped"))
struct ShellAnswerLengthTests {
    /// The shell in a window `rows` high and 80 columns wide, with `environment` added.
    static func start(rows: Int, environment: [String: String] = [:], arguments: [String] = [])
        throws -> (TerminalSession, URL)
    {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mg-length-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let session = try TerminalSession(
            arguments: ["--no-history"] + arguments,
            environment: environment.merging(["HOME": home.path, "TERM": "xterm-256color"]) {
                own, _ in own
            },
            folder: home.path)
        try session.run(["resize-window", "-t", session.name, "-x", "80", "-y", String(rows)])
        return (session, home)
    }

    /// The lines the shell printed for the last question that began with `question`.
    static func answer(to question: String, on screen: String) -> [String] {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(
            String.init)
        guard let start = lines.lastIndex(where: { $0.hasPrefix("magnesium> " + question) })
        else { return [] }
        return Array(lines[(start + 1)...].prefix { !$0.isEmpty })
    }

    @Test func answersAreShortAndTheRestComesOnRequest() throws {
        let (session, home) = try Self.start(rows: 40, environment: ["MAGNESIUM_PAGER": ""])
        defer {
            session.kill()
            try? FileManager.default.removeItem(at: home)
        }
        try #require(try session.waitForPrompt(showing: ""), session.shown)

        // The first sentence in bold, a few lines, a hint, one compact note per work.
        try session.type("what is magnesium bisglycinate?")
        try session.send("Enter")
        #expect(try session.waitFor("(:more for the rest, 4 more sources)"), session.shown)
        try #require(try session.waitForPrompt(showing: ""), session.shown)
        let short = Self.answer(to: "what is magnesium bisglycinate?", on: try session.screen())
        let notes = short.filter { $0.hasPrefix("  [") }
        let text = short.prefix { !$0.hasPrefix("(:more") }
        #expect(text.count <= 7, session.shown)
        #expect(short.allSatisfy { $0.count <= 80 }, session.shown)
        #expect(notes.count == 4 && Set(notes).count == notes.count, session.shown)
        #expect(notes[0].hasSuffix("●●●"), session.shown)
        #expect(
            ScreenCells.isBold(
                at: "Magnesium bisglycinate is a", in: try session.screen(escapes: true))
                == true)
        // The caution is never held back, and only the first sentence is bold.
        #expect(
            ScreenCells.isBold(
                at: "Magnesium bisglycinate carries", in: try session.screen(escapes: true))
                == false)
        #expect(!short.joined().contains("It is sold as better absorbed"), session.shown)

        // "tell me more" shows what was held back first, with the notes of its own sources.
        try session.type("tell me more")
        try session.send("Enter")
        #expect(try session.waitFor("It is sold as better absorbed"), session.shown)
        try #require(try session.waitForPrompt(showing: ""), session.shown)
        let rest = Self.answer(to: "tell me more", on: try session.screen())
        // Numbered on from the four the short answer cited, in the order they are read.
        #expect(rest.contains { $0.hasPrefix("  [7] Magnesium Research") }, session.shown)
        #expect(rest.joined().contains("Only about 14.1 %"), session.shown)
        #expect(!rest.joined().contains("carries the same cautions"), session.shown)
        // Then "tell me more" goes on to more on the subject, and :more has nothing left.
        try session.type("tell me more")
        try session.send("Enter")
        #expect(try session.waitFor("A chelate is a compound"), session.shown)

        // :long shows answers whole; :short goes back.
        try session.type(":lo")
        try session.send("Enter")
        #expect(try session.waitFor("Answers are now shown whole"), session.shown)
        try session.type("how much of it should I take?")
        try session.send("Enter")
        #expect(try session.waitFor("Before choosing a magnesium dose"), session.shown)
        try #require(try session.waitForPrompt(showing: ""), session.shown)
        let whole = Self.answer(to: "how much of it should I take?", on: try session.screen())
        #expect(!whole.contains { $0.hasPrefix("(:more") }, session.shown)
        // The two parts of the Cochrane review it cites make one note.
        #expect(
            whole.filter { $0.contains("Cochrane Database of Systematic Reviews") }.count == 1
                && whole.contains { $0.hasPrefix("  [3, 6] Cochrane") }, session.shown)

        try session.type(":help evidence")
        try session.send("Enter")
        #expect(try session.waitFor("●●●  strong:"), session.shown)
        try session.send("C-d")
        #expect(try session.waitFor("[exited 0]"), session.shown)
    }

    /// A pager that shows where it starts and ends and waits for Enter, as `less` waits for q.
    static let markingPager =
        #"printf '[pager]\n'; cat; printf '[end of pager]\n'; read key < /dev/tty"#

    @Test func tallOutputGoesThroughThePagerAndTheLineEditorWorksAfter() throws {
        let (session, home) = try Self.start(
            rows: 12, environment: ["MAGNESIUM_PAGER": Self.markingPager])
        defer {
            session.kill()
            try? FileManager.default.removeItem(at: home)
        }
        try #require(try session.waitForPrompt(showing: ""), session.shown)
        try session.type(":topics")
        try session.send("Enter")
        #expect(try session.waitFor("[end of pager]"), session.shown)
        #expect(try session.screen().contains("[pager]\nI know about these areas:"), session.shown)
        try session.send("Enter")
        try #require(try session.waitForPrompt(showing: ""), session.shown)
        // libedit edits the next line as before: completion, and Enter runs it.
        try session.type(":to")
        try session.send("Tab")
        #expect(try session.waitForPrompt(showing: ":topics"), session.shown)
        try session.send("C-u")
        try session.type("what is glycine?")
        try session.send("Enter")
        #expect(try session.waitFor("simplest amino acid"), session.shown)
        try #require(try session.waitForPrompt(showing: ""), session.shown)
        // A short answer fits the window and is not paged.
        #expect(try session.count("[pager]") == 1, session.shown)
        try session.send("C-d")
        #expect(try session.waitFor("[exited 0]"), session.shown)
    }

    @Test(arguments: [
        (["MAGNESIUM_PAGER": ""], [String]()), (["PAGER": markingPager], ["--no-pager"]),
        (["MAGNESIUM_PAGER": "no-such-pager-here"], [String]()),
    ])
    func paginationCanBeTurnedOffAndAPagerThatFailsFallsBackToPrinting(
        environment: [String: String], arguments: [String]
    ) throws {
        let (session, home) = try Self.start(
            rows: 12, environment: environment, arguments: arguments)
        defer {
            session.kill()
            try? FileManager.default.removeItem(at: home)
        }
        try #require(try session.waitForPrompt(showing: ""), session.shown)
        try session.type(":topics")
        try session.send("Enter")
        #expect(try session.waitFor("Warning signs and emergencies"), session.shown)
        #expect(try session.waitForPrompt(showing: ""), session.shown)
        #expect(!(try session.screen().contains("[pager]")), session.shown)
        if environment["MAGNESIUM_PAGER"] == "no-such-pager-here" {
            #expect(try session.screen().contains("could not start (not found)"), session.shown)
        }
    }

    @Test func realLessQuitsWithQAndGivesThePromptBack() throws {
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/less"))
        let (session, home) = try Self.start(rows: 12)
        defer {
            session.kill()
            try? FileManager.default.removeItem(at: home)
        }
        try #require(try session.waitForPrompt(showing: ""), session.shown)
        try session.type(":topics")
        try session.send("Enter")
        #expect(try session.waitFor { $0.hasSuffix("\n:") || $0.hasSuffix("\n:\n") }, session.shown)
        try session.send("q")
        try #require(try session.waitForPrompt(showing: ""), session.shown)
        try session.type("exit")
        try session.send("Enter")
        #expect(try session.waitFor("[exited 0]"), session.shown)
    }

    /// Batch and `ask` are short by default and whole with `--long`; JSON is always whole.
    @Test func batchAndAskAreShortByDefaultAndJSONIsWhole() throws {
        let questions = "what is magnesium bisglycinate?\n:more\ntell me more\n:more\n"
        let short = try BuiltBinary.run([], input: questions).stdout.components(
            separatedBy: "\n\n")
        #expect(short.count == 4)
        #expect(short[0].contains("\n(:more for the rest, 4 more sources)\nSources: [1] "))
        #expect(
            short[0].contains("carries the same cautions") && !short[0].contains("It is sold as"))
        #expect(short[1].hasPrefix("Only about 14.1 %") && short[1].contains("It is sold as"))
        #expect(
            short[1].contains("Sources: [1] ") && !short[1].contains("carries the same cautions"))
        // Nothing is held back any more: "tell me more" and :more go to the session.
        #expect(short[2].hasPrefix("A chelate is a compound"))
        #expect(short[3].hasPrefix("Nothing was held back from the last answer."))
        let long = try BuiltBinary.run(["--long"], input: "what is magnesium bisglycinate?\n")
        #expect(long.stdout.contains("It is sold as") && !long.stdout.contains("(:more"))
        let json = try BuiltBinary.run(
            ["--json"], input: "what is magnesium bisglycinate?\n:more\n")
        #expect(json.stdout.contains("It is sold as"))
        #expect(json.stdout.contains("Nothing was held back from the last answer."))
        let ask = try BuiltBinary.run(["ask", "what is magnesium bisglycinate?"])
        #expect(ask.stdout.contains("(--long for the rest, 4 more sources)"))
        let whole = try BuiltBinary.run(["ask", "--long", "what is magnesium bisglycinate?"])
        #expect(whole.stdout.contains("It is sold as"))
    }
}
