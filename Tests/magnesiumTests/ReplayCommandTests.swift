import Foundation
import Testing

/// `magnesium replay` and `magnesium record` as a person or CI runs them: the built binary, pipes,
/// files.
@Suite struct ReplayCommandTests {
    /// Runs `magnesium` in `directory`, by default the repository, whose `Transcripts/` it then
    /// replays.
    func run(_ arguments: [String], input: String = "", in directory: URL? = nil) throws
        -> BuiltBinary.Run
    {
        try BuiltBinary.run(arguments, input: input, directory: directory ?? BuiltBinary.root)
    }

    /// A fresh folder for one test.
    func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mg-replay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Records `questions` into `folder/name` and returns the file's text.
    @discardableResult
    func record(
        _ questions: [String], to name: String, in folder: URL, title: String = "t",
        tags: String = "sample"
    ) throws -> String {
        let result = try run(
            ["record", name, "--title", title, "--tags", tags],
            input: questions.joined(separator: "\n") + "\n", in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        return try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    /// Every file under a folder with its contents and modification time.
    func snapshot(_ folder: URL) throws -> [String: String] {
        var state: [String: String] = [:]
        let walker = FileManager.default.enumerator(atPath: folder.path)
        while let relative = walker?.nextObject() as? String {
            let path = folder.appendingPathComponent(relative).path
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            let contents = (try? String(contentsOfFile: path, encoding: .utf8)) ?? "<folder>"
            state[relative] = "\(attributes[.modificationDate] ?? "")|\(contents)"
        }
        return state
    }

    @Test func theLibraryReplaysGreenWithALinePerTranscript() throws {
        let result = try run(["replay"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let lines = result.lines
        let count = lines.filter { $0.hasPrefix("PASS Transcripts/") }.count
        #expect(count >= 60)
        #expect(lines.last == "\(count) passed, 0 failed")
        #expect(lines.count == count + 1)
        #expect(!result.stdout.contains("\u{1B}["))
    }

    @Test func aChangedAnswerShowsADiffAtFileLineAndTurnAndNothingIsWritten() throws {
        let folder = try scratch()
        let text = try record(
            ["what is glycine?", "how much of it should I take?", ":profile"], to: "dose.txt",
            in: folder)
        let changed = text.replacingOccurrences(
            of: "You haven't told me anything about yourself.", with: "I know all about you.")
        #expect(changed != text)
        try changed.write(
            to: folder.appendingPathComponent("dose.txt"), atomically: true, encoding: .utf8)
        let profileLine =
            changed.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
                $0.hasPrefix("I know all about you.")
            }! + 1
        let before = try snapshot(folder)

        let result = try run(["replay", "dose.txt"], in: folder)
        #expect(result.status == 1)
        #expect(result.lines.first == "FAIL dose.txt (3 turns)")
        #expect(result.stdout.contains("dose.txt:\(profileLine): turn 3 > :profile"))
        #expect(result.stdout.contains("-I know all about you."))
        #expect(result.stdout.contains("+You haven't told me anything about yourself."))
        #expect(result.lines.last == "0 passed, 1 failed")
        #expect(try snapshot(folder) == before)
    }

    @Test func updateFixesAChangedAnswerListsItAndKeepsComments() throws {
        let folder = try scratch()
        let text = try record(["what is glycine?", ":profile"], to: "t.txt", in: folder)
        let edited =
            text
            .replacingOccurrences(
                of: "> :profile\n",
                with: "> :profile\n# expect: intent=:profile\n# why this turn matters\n"
            )
            .replacingOccurrences(
                of: "You haven't told me anything about yourself.", with: "Stale words.")
        try edited.write(
            to: folder.appendingPathComponent("t.txt"), atomically: true, encoding: .utf8)

        let updated = try run(["replay", "--update", "t.txt"], in: folder)
        #expect(updated.status == 0, "\(updated.stdout)")
        #expect(
            updated.lines.first
                == "UPDATED t.txt: turn 2 (line \(edited.components(separatedBy: "\n").firstIndex(of: "> :profile")! + 1))"
        )
        #expect(updated.stdout.contains("-Stale words."))
        #expect(updated.lines.suffix(2) == ["updated 1 transcript (1 turn)", "1 passed, 0 failed"])
        let after = try String(contentsOf: folder.appendingPathComponent("t.txt"), encoding: .utf8)
        #expect(
            after
                == edited.replacingOccurrences(
                    of: "Stale words.", with: "You haven't told me anything about yourself."))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["t.txt"])

        let again = try run(["replay", "t.txt"], in: folder)
        #expect(again.status == 0)
        #expect(again.lines == ["PASS t.txt (2 turns)", "1 passed, 0 failed"])
    }

    @Test func updateKeepsWindowsLineEndingsAndWhatWasTyped() throws {
        let folder = try scratch()
        let file = folder.appendingPathComponent("w.txt")
        // A CR typed into the first question (kept as text), then CRLF throughout.
        let text =
            "# title: saved on Windows\r\n> :profile\r\r\nStale words.\r\n> :quit\r\nGoodbye.\r\n"
        try Data(text.utf8).write(to: file)
        let updated = try run(["replay", "--update", "w.txt"], in: folder)
        #expect(updated.status == 0, "\(updated.stdout)\(updated.stderr)")
        #expect(updated.lines.first == "UPDATED w.txt: turn 1 (line 2)")
        let after = String(decoding: try BuiltBinary.contents(of: file), as: UTF8.self)
        #expect(
            after.hasPrefix(
                "# title: saved on Windows\r\n> :profile\r\r\nYou haven't told me anything about yourself."
            ), "\(after.debugDescription)")
        #expect(after.hasSuffix(".\r\n> :quit\r\nGoodbye.\r\n"), "\(after.debugDescription)")
        #expect(
            !after.replacingOccurrences(of: "\r\n", with: "").contains("\n"),
            "a line lost its CR: \(after.debugDescription)")
        #expect(
            try run(["replay", "w.txt"], in: folder).lines == [
                "PASS w.txt (2 turns)", "1 passed, 0 failed",
            ])
    }

    @Test func updateLeavesRoutingChangesToAPerson() throws {
        let folder = try scratch()
        try "> :profile\n# expect: intent=dose\nOld words.\n".write(
            to: folder.appendingPathComponent("r.txt"), atomically: true, encoding: .utf8)
        let result = try run(["replay", "--update", "r.txt"], in: folder)
        #expect(result.status == 1)
        #expect(result.stdout.contains("UPDATED r.txt: turn 1 (line 1)"))
        #expect(result.stdout.contains("FAIL r.txt (1 turn)"))
        #expect(
            result.stdout.contains(
                "r.txt:2: turn 1 > :profile\n    expected intent=dose, got intent=:profile"))
        let after = try String(contentsOf: folder.appendingPathComponent("r.txt"), encoding: .utf8)
        #expect(after.hasPrefix("> :profile\n# expect: intent=dose\nYou haven't told me"))
    }

    @Test func filterSelectsByTag() throws {
        let folder = try scratch()
        try record(["hi"], to: "a.txt", in: folder, tags: "greeting, small-talk")
        try record(["bye"], to: "b.txt", in: folder, tags: "goodbye")
        let result = try run(["replay", ".", "--filter", "small-talk"], in: folder)
        #expect(result.status == 0)
        #expect(result.lines == ["PASS a.txt (1 turn)", "1 passed, 0 failed"])
        let both = try run(
            ["replay", ".", "--filter", "goodbye", "--filter", "greeting"], in: folder)
        #expect(both.lines.last == "2 passed, 0 failed")
        let none = try run(["replay", ".", "--filter", "nothing-has-this"], in: folder)
        #expect(none.status == 1)
        #expect(none.stderr == "magnesium: no transcript is tagged nothing-has-this\n")
        let library = try run(["replay", "--filter", "red-flags"])
        #expect(library.status == 0)
        #expect(library.lines.dropLast().allSatisfy { $0.hasPrefix("PASS Transcripts/") })
    }

    @Test func coverageListsWhatIsUntested() throws {
        let folder = try scratch()
        try record(["what is magnesium bisglycinate?", ":help"], to: "one.txt", in: folder)
        let result = try run(["replay", "--coverage", "one.txt"], in: folder)
        #expect(result.status == 0)
        #expect(result.lines.first == "coverage of 1 transcript, 2 turns:")
        #expect(result.lines.contains("untested command: :forget"))
        #expect(!result.lines.contains("untested command: :help"))
        #expect(result.lines.contains { $0.hasPrefix("untested intent: thanks (") })
        #expect(result.lines.contains { $0.hasPrefix("untested topic: pumpkin-seeds (") })
        #expect(result.lines.last?.hasPrefix("commands: 1 of ") == true)
    }

    @Test func theLibraryLeavesNoIntentOrCommandUntested() throws {
        let result = try run(["replay", "--coverage"])
        #expect(result.status == 0)
        // Topics are reached through designed answers, which name their own topics; the topics no
        // reply names are listed for authors, not required.
        #expect(
            !result.stdout.contains("untested intent")
                && !result.stdout.contains("untested command"), "\(result.stdout)")
    }

    @Test func malformedTranscriptsAreErrorsWithFileAndLine() throws {
        let folder = try scratch()
        try "# title: nothing\n".write(
            to: folder.appendingPathComponent("empty.txt"), atomically: true, encoding: .utf8)
        try "> hi\n\n> bye\nGoodbye.\n".write(
            to: folder.appendingPathComponent("vacuous.txt"), atomically: true, encoding: .utf8)
        try "> hi\n# expect: intent=greting\nHello!\n".write(
            to: folder.appendingPathComponent("typo.txt"), atomically: true, encoding: .utf8)
        let before = try snapshot(folder)
        let result = try run(["replay", ".", "--update"], in: folder)
        #expect(result.status == 65)
        #expect(
            result.lines == [
                "ERROR empty.txt", "ERROR typo.txt", "ERROR vacuous.txt",
                "updated 0 transcripts (0 turns)", "0 passed, 3 failed",
            ])
        #expect(
            result.stderr == """
                empty.txt:1: no user turn (`> ` line): a transcript that tests nothing
                typo.txt:2: unknown intent `greting` in `# expect:`
                vacuous.txt:1: turn 1 (> hi) has no expected reply: a test that checks nothing

                """)
        #expect(try snapshot(folder) == before)
    }

    @Test func missingPathsEmptyFoldersAndBadOptions() throws {
        let folder = try scratch()
        let missing = try run(["replay", "nope.txt"], in: folder)
        #expect(missing.status == 66)
        #expect(missing.stderr == "magnesium: no such file or folder: nope.txt\n")
        let empty = try run(["replay", "."], in: folder)
        #expect(empty.status == 66)
        #expect(empty.stderr.hasPrefix("magnesium: no transcripts (*.txt) found in ."))
        let both = try run(["replay", "--update", "--coverage"], in: folder)
        #expect(both.status == 64)
    }

    @Test func colourOnlyWhenAskedOrOnATerminal() throws {
        let folder = try scratch()
        try "> :profile\nWrong.\n".write(
            to: folder.appendingPathComponent("c.txt"), atomically: true, encoding: .utf8)
        let piped = try run(["replay", "c.txt"], in: folder)
        #expect(!piped.stdout.contains("\u{1B}["))
        let forced = try run(["replay", "--color", "always", "c.txt"], in: folder)
        #expect(forced.stdout.contains("\u{1B}[31mFAIL\u{1B}[0m c.txt"))
        #expect(forced.stdout.contains("\u{1B}[31m  -Wrong.\u{1B}[0m"))
    }

    @Test func colourOnARealTerminalUnlessNoColor() throws {
        // `script` runs the program on a pseudo-terminal, as a person's shell would.
        let script = URL(fileURLWithPath: "/usr/bin/script")
        try #require(
            FileManager.default.isExecutableFile(atPath: script.path),
            "util-linux `script` is needed for this test")
        let folder = try scratch()
        try "> :profile\nWrong.\n".write(
            to: folder.appendingPathComponent("c.txt"), atomically: true, encoding: .utf8)
        func onTerminal(_ environment: [String: String]) throws -> String {
            // NO_COLOR from the environment the tests run in must not decide what this test sees.
            var variables: [String: String?] = ["NO_COLOR": nil]
            for (name, value) in environment { variables[name] = value }
            let run = try BuiltBinary.run(
                ["-qec", "'\(BuiltBinary.url.path)' replay c.txt", "/dev/null"], directory: folder,
                environment: variables, executable: script)
            #expect(run.status == 1)
            return run.stdout
        }
        let coloured = try onTerminal(["TERM": "xterm"])
        #expect(coloured.contains("\u{1B}[31mFAIL\u{1B}[0m c.txt"))
        let plain = try onTerminal(["TERM": "xterm", "NO_COLOR": "1"])
        #expect(plain.contains("FAIL c.txt"))
        #expect(!plain.contains("\u{1B}["))
        let dumb = try onTerminal(["TERM": "dumb"])
        #expect(!dumb.contains("\u{1B}["))
    }

    @Test func recordWritesAtomicallyAndRefusesToOverwrite() throws {
        let folder = try scratch()
        let first = try record(
            ["what causes cramps?", ":quit", "never asked"], to: "sub/r.txt", in: folder,
            title: "causes", tags: "cramps")
        #expect(first.hasPrefix("# title: causes\n# tags: cramps\n> what causes cramps?\n"))
        #expect(first.hasSuffix("> :quit\nGoodbye.\n"))
        #expect(
            try FileManager.default.contentsOfDirectory(
                atPath: folder.appendingPathComponent("sub").path) == ["r.txt"])

        let refused = try run(["record", "sub/r.txt"], input: "hi\n", in: folder)
        #expect(refused.status == 1)
        #expect(refused.stderr == "magnesium: sub/r.txt exists; pass --force to overwrite it\n")
        #expect(
            try String(contentsOf: folder.appendingPathComponent("sub/r.txt"), encoding: .utf8)
                == first)

        let forced = try run(["record", "sub/r.txt", "--force"], input: "hi\n", in: folder)
        #expect(forced.status == 0)
        #expect(
            try String(contentsOf: folder.appendingPathComponent("sub/r.txt"), encoding: .utf8)
                .hasPrefix("> hi\n"))

        let nothing = try run(["record", "none.txt"], input: "\n  \n", in: folder)
        #expect(nothing.status == 1)
        #expect(
            !FileManager.default.fileExists(atPath: folder.appendingPathComponent("none.txt").path))

        let replay = try run(["replay", "sub"], in: folder)
        #expect(replay.lines == ["PASS sub/r.txt (1 turn)", "1 passed, 0 failed"])
    }

    @Test func recordReportsAPlaceItCannotWriteTo() throws {
        let folder = try scratch()
        try "a file, not a folder\n".write(
            to: folder.appendingPathComponent("notes"), atomically: true, encoding: .utf8)
        let result = try run(["record", "notes/x.txt"], input: "hi\n", in: folder)
        #expect(result.status == 74)
        #expect(result.stderr.hasPrefix("magnesium: cannot write notes/x.txt: "))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["notes"])
    }
}
