import Foundation
import MagnesiumTestSupport
import Testing

@testable import MagnesiumKit
@testable import MagnesiumKnowledge
@testable import MagnesiumText
@testable import MagnesiumTranscripts
@testable import MagnesiumUnderstanding

/// Every saved transcript replays green, each as its own test case so a failure names the file.
@Suite struct TranscriptReplayTests {
    @Test(arguments: Repository.transcriptFiles())
    func replays(_ relativePath: String) throws {
        let file = "Transcripts/" + relativePath
        let url = Repository.transcriptsFolder.appendingPathComponent(relativePath)
        let transcript = try Transcript.parse(String(contentsOf: url, encoding: .utf8), file: file)
        let replayer = TranscriptReplayer(knowledge: Repository.knowledge)
        #expect(replayer.validate(transcript, file: file).isEmpty)
        let result = replayer.replay(transcript, file: file)
        // a plain Bool, so a failure prints the diff and not the whole result
        let passed = result.passed
        #expect(
            passed,
            "\(file) differs; `magnesium replay \(file)` shows it, `--update` accepts it:\n\(result.diff)"
        )
    }

    @Test func theLibraryIsThere() {
        #expect(Repository.transcriptFiles().count >= 60)
    }
}

/// The transcript format: what parses, what is an error, and how errors are placed.
@Suite struct TranscriptFormatTests {
    func problems(_ text: String) -> [String] {
        do {
            _ = try Transcript.parse(text, file: "t.txt")
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test func parsesTitleTagsAnnotationsAndTrimsBlankLines() throws {
        let text = """
            # title: T
            # tags: dosing, follow-up
            # a comment about the whole file

            > hi
            # expect: intent=greeting confidence>=0.5
            Hello.

            > how much?   
            # expect: intent=dose topic=magnesium-bisglycinate topic=upper-limit
            # a note inside the turn
            first line  
            ...
            last line
            """
        let transcript = try Transcript.parse(text, file: "t.txt")
        #expect(transcript.title == "T")
        #expect(transcript.tags == ["dosing", "follow-up"])
        #expect(transcript.turns.map(\.input) == ["hi", "how much?   "])
        #expect(transcript.turns.map(\.line) == [5, 9])
        #expect(transcript.turns[0].expected == ["Hello."])
        #expect(
            transcript.turns[0].expectation
                == RoutingExpectation(
                    intent: "greeting", confidence: [.init(comparison: .atLeast, value: 0.5)],
                    line: 6))
        #expect(
            transcript.turns[0].expectation?.description
                == "# expect: intent=greeting confidence>=0.5")
        #expect(
            transcript.turns[1].expectation?.topics == ["magnesium-bisglycinate", "upper-limit"])
        #expect(transcript.turns[1].expected == ["first line", "...", "last line"])
        #expect(
            transcript.turns[1].pattern.elements == [
                .line("first line"), .anyLines, .line("last line"),
            ])
    }

    @Test func anExcludedIntentIsCheckedAndWrittenBack() throws {
        let transcript = try Transcript.parse(
            "> I had chest pain last year\n# expect: intent!=urgent|out-of-scope\n...\n",
            file: "t.txt")
        let expectation = try #require(transcript.turns[0].expectation)
        #expect(expectation.excludedIntents == ["urgent", "out-of-scope"])
        #expect(expectation.description == "# expect: intent!=urgent|out-of-scope")
        #expect(
            expectation.mismatches(
                with: Reply(question: "", text: "", intent: "urgent", confidence: 1)) == [
                    "expected intent!=urgent|out-of-scope, got intent=urgent"
                ])
        #expect(
            expectation.mismatches(
                with: Reply(question: "", text: "", intent: "safety", confidence: 1)
            ).isEmpty)
        #expect(expectation.unknownNames(in: Repository.knowledge.graph).isEmpty)
    }

    @Test func noTurnIsAnError() {
        #expect(
            problems("# title: empty\n") == [
                "t.txt:1: no user turn (`> ` line): a transcript that tests nothing"
            ])
        #expect(
            problems("") == ["t.txt:1: no user turn (`> ` line): a transcript that tests nothing"])
    }

    @Test func anEmptyReplyIsAnErrorNamingTheTurn() {
        #expect(
            problems("# title: t\n> hello\n\n> bye\nGoodbye.\n") == [
                "t.txt:2: turn 1 (> hello) has no expected reply: a test that checks nothing"
            ])
        #expect(
            problems("> hello\n# only a comment\n") == [
                "t.txt:1: turn 1 (> hello) has no expected reply: a test that checks nothing"
            ])
    }

    @Test func onlyDotsNeedsAnAnnotation() {
        #expect(
            problems("> hello\n...\n") == [
                "t.txt:1: turn 1 (> hello) expects only `...`, which matches anything; write the reply or add a `# expect:` line"
            ])
        #expect(problems("> hello\n# expect: intent=greeting\n...\n").isEmpty)
    }

    @Test func annotationsMustFollowTheUserLineAndBeWellFormed() {
        #expect(
            problems("> hi\nHello.\n# expect: intent=greeting\n") == [
                "t.txt:3: `# expect:` must come right after a `> ` line"
            ])
        #expect(
            problems("# expect: intent=greeting\n> hi\nHello.\n") == [
                "t.txt:1: `# expect:` must come right after a `> ` line"
            ])
        #expect(
            problems("> hi\n# expect: mood=happy\nHello.\n") == [
                "t.txt:2: unknown key `mood` in `# expect:`; use intent=, topic= or confidence>="
            ])
        #expect(
            problems("> hi\n# expect: confidence>=2\nHello.\n") == [
                "t.txt:2: `confidence>=2`: write confidence>=N (or >, <=, <) with N between 0 and 1"
            ])
        #expect(
            problems("> hi\n# expect: intent=a intent=b\nHello.\n") == [
                "t.txt:2: `intent=b`: give intent= once; accept several as intent=a|b"
            ])
        #expect(
            problems("> hi\n# expect: intent=a|\nHello.\n") == [
                "t.txt:2: `intent=a|`: an empty intent between `|`"
            ])
        #expect(
            problems("> hi\n# expect:\nHello.\n") == [
                "t.txt:2: `# expect:` needs at least one of intent=ID, intent!=ID, topic=ID, confidence>=N"
            ])
        #expect(
            problems("> hi\n# expect: intent!=\nHello.\n") == [
                "t.txt:2: `intent!=`: name the intents after intent!=, separated by `|`"
            ])
        #expect(
            problems("> hi\n# expect: intent\nHello.\n") == [
                "t.txt:2: `intent` is not KEY=VALUE; `# expect:` takes intent=ID, topic=ID and confidence>=N"
            ])
    }

    @Test func textBeforeTheFirstTurnAndMisplacedHeadersAreErrors() {
        #expect(
            problems("hello there\n> hi\nHello.\n") == [
                "t.txt:1: text before the first `> ` line; start the conversation with `> ` or make it a `#` comment"
            ])
        #expect(
            problems("> hi\nHello.\n# tags: late\n") == [
                "t.txt:3: `# title:` and `# tags:` belong before the first `> ` line"
            ])
    }

    @Test func everyProblemIsReportedInLineOrder() {
        #expect(
            problems("oops\n> a\n> b\n# expect: x=1\nB\n") == [
                "t.txt:1: text before the first `> ` line; start the conversation with `> ` or make it a `#` comment",
                "t.txt:2: turn 1 (> a) has no expected reply: a test that checks nothing",
                "t.txt:4: unknown key `x` in `# expect:`; use intent=, topic= or confidence>=",
            ])
    }

    @Test func unknownIntentsAndTopicsAreCaughtBeforeReplay() throws {
        let transcript = try Transcript.parse(
            "> hi\n# expect: intent=greting topic=magnesium-bisglycinat\nHello.\n", file: "t.txt")
        let problems = TranscriptReplayer(knowledge: Repository.knowledge).validate(
            transcript, file: "t.txt"
        ).map(\.description)
        #expect(
            problems == [
                "t.txt:2: unknown intent `greting` in `# expect:`",
                "t.txt:2: unknown topic `magnesium-bisglycinat` in `# expect:`",
            ])
    }

    @Test func escapedLinesRoundTrip() throws {
        let lines = ["# not a comment", "> not a turn", "...", "\\ backslash", "plain"]
        let made = Transcript(turns: [
            .init(input: "q", expected: lines.map(ReplyPattern.escape), line: 0)
        ])
        let read = try Transcript.parse(made.render(), file: "t.txt")
        #expect(read.turns[0].pattern.elements == lines.map { .line($0) })
        #expect(read.turns[0].pattern.matches(lines))
    }
}

/// `...` matching and how `--update` keeps it.
@Suite struct ReplyPatternTests {
    let pattern = ReplyPattern(fileLines: ["A", "...", "Z"])

    @Test func dotsMatchZeroOrMoreLines() {
        #expect(pattern.matches(["A", "Z"]))
        #expect(pattern.matches(["A", "B", "C", "Z"]))
        #expect(!pattern.matches(["A", "B"]))
        #expect(!pattern.matches(["B", "Z"]))
        #expect(!pattern.matches(["A", "Z", "extra"]))
        #expect(ReplyPattern(fileLines: ["...", "M", "..."]).matches(["x", "M", "y", "z"]))
        #expect(!ReplyPattern(fileLines: ["...", "M", "..."]).matches(["x", "y"]))
        #expect(ReplyPattern(fileLines: ["exact"]).matches(["exact"]))
        #expect(!ReplyPattern(fileLines: ["exact"]).matches(["exact", ""]))
    }

    @Test func rewritingKeepsDotsAndTheRunsThatStillMatch() {
        #expect(pattern.rewritten(toMatch: ["A2", "B", "C", "Z2"]) == ["A2", "...", "Z2"])
        let middle = ReplyPattern(fileLines: ["A", "...", "M", "...", "Z"])
        #expect(
            middle.rewritten(toMatch: ["A", "x", "M", "y", "Z2"]) == ["A", "...", "M", "...", "Z2"])
        // The middle run is gone: its `...` goes with it, and the result still matches.
        #expect(middle.rewritten(toMatch: ["A", "x", "y", "Z2"]) == ["A", "...", "Z2"])
        // Too short to keep head and tail: the whole reply is written out.
        #expect(pattern.rewritten(toMatch: ["only"]) == ["only"])
        #expect(
            ReplyPattern(fileLines: ["old"]).rewritten(toMatch: ["# new", "..."]) == [
                "\\# new", "\\...",
            ])
        for actual in [["A2", "B", "C", "Z2"], ["A", "x", "M", "y", "Z2"], ["only"]] {
            #expect(ReplyPattern(fileLines: middle.rewritten(toMatch: actual)).matches(actual))
        }
    }

    @Test func alignmentShowsDotsAsTheLinesTheyStandFor() {
        #expect(
            pattern.alignment(with: ["A", "B", "Y"]) == [
                .same(element: 0, text: "A"), .skipped(element: 1, lines: ["B", "Y"]),
                .removed(element: 2, text: "Z"),
            ])
        #expect(
            ReplyPattern(fileLines: ["one", "two"]).alignment(with: ["one", "2", "three"]) == [
                .same(element: 0, text: "one"), .removed(element: 1, text: "two"),
                .added(text: "2"), .added(text: "three"),
            ])
    }
}

/// Replaying against the real knowledge: routing and wording are reported apart.
@Suite struct TranscriptReplayerTests {
    let replayer = TranscriptReplayer(knowledge: Repository.knowledge)

    @Test func aChangedReplyFailsWithADiffNamingFileLineAndTurn() throws {
        let transcript = try Transcript.parse(
            "# title: t\n> :reset\nStarting afresh: I have forgotten this conversation and what you told me about yourself.\n> :profile\n# expect: intent=:profile\nsomething else entirely\n",
            file: "t.txt")
        let result = replayer.replay(transcript, file: "t.txt")
        #expect(!result.passed)
        #expect(!result.routingChanged)
        #expect(result.failures.map(\.turn) == [1])
        #expect(result.diff.contains("t.txt:6: turn 2 > :profile"))
        #expect(result.diff.contains("--- t.txt (expected)"))
        #expect(result.diff.contains("@@ -6,1 +6,1 @@"))
        #expect(result.diff.contains("-something else entirely"))
        #expect(result.diff.contains("+You haven't told me anything about yourself."))
        #expect(!result.diff.contains("routing changed"))
    }

    @Test func aRoutingChangeIsReportedApartFromTheWording() throws {
        let transcript = try Transcript.parse(
            "> :profile\n# expect: intent=dose topic=magnesium confidence>=0.5\n...\n",
            file: "t.txt")
        let result = replayer.replay(transcript, file: "t.txt")
        #expect(result.routingChanged)
        #expect(!result.wordingChanged)
        #expect(
            result.failures.first?.routing == [
                "expected intent=dose, got intent=:profile",
                "expected topic=magnesium, got no topics",
            ])
        #expect(
            result.diff.hasPrefix(
                "routing changed (how a turn was understood):\nt.txt:2: turn 1 > :profile\n"))
        #expect(!result.diff.contains("reply changed"))
    }

    @Test func severalIntentsMayBeAccepted() throws {
        let either = try Transcript.parse(
            "> :profile\n# expect: intent=dose|:profile\n...\n", file: "t.txt")
        #expect(either.turns[0].expectation?.description == "# expect: intent=dose|:profile")
        #expect(replayer.replay(either, file: "t.txt").passed)
        let neither = try Transcript.parse(
            "> :profile\n# expect: intent=dose|timing\n...\n", file: "t.txt")
        #expect(
            replayer.replay(neither, file: "t.txt").failures.first?.routing == [
                "expected intent=dose|timing, got intent=:profile"
            ])
        let typo = try Transcript.parse(
            "> :profile\n# expect: intent=dose|tming\n...\n", file: "t.txt")
        #expect(
            replayer.validate(typo, file: "t.txt").map(\.description) == [
                "t.txt:2: unknown intent `tming` in `# expect:`"
            ])
    }

    @Test func confidenceBoundsAreChecked() throws {
        let low = try Transcript.parse("> :profile\n# expect: confidence<0.5\n...\n", file: "t.txt")
        #expect(
            replayer.replay(low, file: "t.txt").failures.first?.routing == [
                "expected confidence<0.5, got confidence 1"
            ])
        let high = try Transcript.parse(
            "> :profile\n# expect: confidence>=0.5\n...\n", file: "t.txt")
        #expect(replayer.replay(high, file: "t.txt").passed)
    }

    @Test func updatingRewritesOnlyChangedRepliesAndKeepsEverythingElse() throws {
        let text = """
            # title: keep me
            # tags: update

            > :reset
            # expect: intent=:reset
            # a comment on the first turn
            Starting afresh: ...
            ...

            > :profile
            # expect: intent=:profile
            this reply is out of date
            # a note inside the reply
            and so is this line

            # a comment before the last turn
            > :quit
            Goodbye.
            """
        let transcript = try Transcript.parse(text, file: "t.txt")
        let result = replayer.replay(transcript, file: "t.txt")
        #expect(result.failures.map(\.turn) == [0, 1])
        let (updated, changed) = transcript.updatingReplies(result.actualReplies)
        #expect(changed == [0, 1])
        let profile = result.actualReplies[1]
        #expect(
            updated == """
                # title: keep me
                # tags: update

                > :reset
                # expect: intent=:reset
                # a comment on the first turn
                \(result.actualReplies[0].joined(separator: "\n"))
                ...

                > :profile
                # expect: intent=:profile
                \(profile.joined(separator: "\n"))
                # a note inside the reply

                # a comment before the last turn
                > :quit
                Goodbye.
                """)
        let again = try Transcript.parse(updated, file: "t.txt")
        #expect(replayer.replay(again, file: "t.txt").passed)
        #expect(again.updatingReplies(result.actualReplies) == (updated, []))
    }

    @Test func aRecordedSessionReplaysGreen() throws {
        var session = Session(knowledge: Repository.knowledge)
        for line in [
            "what is magnesium bisglycinate?", "how much of it should I take?", ":why", ":profile",
        ] { _ = session.respond(to: line) }
        let recorded = Transcript.recording(session, title: "recorded", tags: ["a", "b"])
        let text = recorded.render()
        #expect(
            text.hasPrefix("# title: recorded\n# tags: a, b\n> what is magnesium bisglycinate?\n"))
        let transcript = try Transcript.parse(text, file: "t.txt")
        #expect(replayer.replay(transcript, file: "t.txt").passed)
    }
}

/// `record`'s scripts: `#` lines are copied, questions are asked.
@Suite struct TranscriptRecorderTests {
    let recorder = TranscriptRecorder(knowledge: Repository.knowledge)

    @Test func copiesHeaderCommentsAndAnnotationsInPlace() throws {
        let script = [
            "# title: t", "# tags: a b", "# about the file", "", ":profile",
            "# expect: intent=:profile", "# a note", ":quit", "# expect: intent=:quit",
            "never asked",
        ]
        let (text, turns) = try recorder.record(script: script)
        #expect(turns == 2)
        #expect(
            text == """
                # title: t
                # tags: a, b
                # about the file
                > :profile
                # expect: intent=:profile
                You haven't told me anything about yourself. You can say things like "I'm pregnant", "I'm 72" or "I take omeprazole".
                # a note
                > :quit
                # expect: intent=:quit
                Goodbye.

                """)
        #expect(
            TranscriptReplayer(knowledge: Repository.knowledge).replay(
                try Transcript.parse(text, file: "t.txt"), file: "t.txt"
            ).passed)
    }

    @Test func titleAndTagsGivenOnTheCommandLineWin() throws {
        let (text, _) = try recorder.record(
            script: ["# title: old", "# tags: old", ":quit"], title: "new", tags: ["x", "y"])
        #expect(text.hasPrefix("# title: new\n# tags: x, y\n> :quit\n"))
    }

    @Test func misplacedOrMalformedLinesNameTheirLine() {
        #expect(throws: TranscriptRecorder.ScriptError.self) {
            try recorder.record(script: ["# expect: intent=greeting", "hi"])
        }
        do {
            _ = try recorder.record(script: ["hi", "# a comment", "# expect: intent=greeting"])
            Issue.record("an `# expect:` after a comment was accepted")
        } catch {
            #expect(error.line == 3)
            #expect(error.message == "`# expect:` must come right after a question")
        }
        do {
            _ = try recorder.record(script: ["hi", "# expect: mood=ok"])
            Issue.record("a malformed `# expect:` was accepted")
        } catch {
            #expect(error.line == 2)
        }
    }
}

/// The coverage report counts what replies touched.
@Suite struct TranscriptCoverageTests {
    @Test func listsWhatNoReplyTouched() {
        let graph = Repository.knowledge.graph
        let replies = converse(["what is magnesium bisglycinate?", ":help"])
        let coverage = TranscriptCoverage(graph: graph, replies: replies)
        #expect(!coverage.isComplete)
        #expect(!coverage.topics.untested.map(\.id).contains("magnesium-bisglycinate"))
        #expect(coverage.topics.untested.map(\.id).contains("pumpkin-seeds"))
        #expect(!coverage.intents.untested.map(\.id).contains("definition"))
        #expect(coverage.intents.untested.map(\.id).contains("thanks"))
        #expect(!coverage.commands.untested.map(\.id).contains(":help"))
        #expect(coverage.commands.untested.map(\.id).contains(":forget"))
        #expect(coverage.report.contains("untested command: :forget"))
        #expect(coverage.report.last == "commands: 1 of \(coverage.commands.total) exercised")
    }
}
