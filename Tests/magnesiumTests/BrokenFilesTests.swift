import Foundation
import Testing

/// Files that are missing, malformed, unreadable or cut short: one clear `FILE:LINE: message`
/// line per problem on stderr, nothing on stdout, and the documented exit status (README).
@Suite struct BrokenFilesTests {
    static let areas = "areas:\n  - id: a\n    name: Area\n"
    static let sources =
        "sources:\n  - id: s\n    title: T\n    publisher: P\n    url: https://example.org\n"
    static let topic = "topics:\n  - id: t\n    name: tee\n    area: a\n    kind: concept\n"
    /// No compiled cache, so every run reads the YAML and no cache file is left behind.
    static let noCache: [String: String?] = ["MAGNESIUM_CACHE": "off"]

    /// A throwaway `Knowledge` folder holding `files` (name → bytes).
    func knowledgeFolder(_ files: [String: Data]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mg-broken-\(UUID().uuidString)/Knowledge")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, data) in files {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        return folder
    }

    func knowledgeFolder(_ files: [String: String]) throws -> URL {
        try knowledgeFolder(files.mapValues { Data($0.utf8) })
    }

    /// `magnesium ask` with the given knowledge folder.
    func ask(_ folder: URL) throws -> BuiltBinary.Run {
        try BuiltBinary.run(
            ["ask", "--knowledge", folder.path, "what is tee?"], environment: Self.noCache)
    }

    /// Checks the shape every load failure must have and returns the stderr lines.
    @discardableResult
    func expectFailure(
        _ run: BuiltBinary.Run, status: Int32, sourceLocation: SourceLocation = #_sourceLocation
    ) -> [String] {
        #expect(run.status == status, "stderr: \(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stdoutBytes.isEmpty, "stdout: \(run.stdout)", sourceLocation: sourceLocation)
        #expect(
            BuiltBinary.Run.rawControls(in: run.stderrBytes).isEmpty,
            "raw controls on stderr: \(run.stderr.debugDescription)", sourceLocation: sourceLocation
        )
        let lines = run.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            .map(String.init)
        #expect(!lines.isEmpty, "a failure says why", sourceLocation: sourceLocation)
        return lines
    }

    /// Every line reads `FILE:LINE: message`.
    func expectFileLineMessages(
        _ lines: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) {
        for line in lines {
            #expect(
                line.wholeMatch(of: /[^:\n]+:[0-9]+: \S.*/) != nil,
                "not FILE:LINE: message: \(line)", sourceLocation: sourceLocation)
        }
    }

    // MARK: - Knowledge

    @Test func noKnowledgeFolderIs66() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mg-none-\(UUID().uuidString)/Knowledge")
        let byFlag = try BuiltBinary.run(
            ["--knowledge", missing.path], input: Data("what is glycine?\n".utf8),
            environment: Self.noCache)
        #expect(
            expectFailure(byFlag, status: 66) == [
                "magnesium: knowledge folder not found: \(missing.path)"
            ])
        let byEnvironment = try BuiltBinary.run(
            ["ask", "hi"],
            environment: ["MAGNESIUM_KNOWLEDGE": missing.path, "MAGNESIUM_CACHE": "off"])
        expectFailure(byEnvironment, status: 66)
        let aFileNotAFolder = try knowledgeFolder(["areas.yaml": Self.areas])
            .appendingPathComponent("areas.yaml")
        expectFailure(
            try BuiltBinary.run(
                ["check", "--knowledge", aFileNotAFolder.path], environment: Self.noCache),
            status: 66)
    }

    @Test func anEmptyKnowledgeFolderIs65() throws {
        let lines = expectFailure(try ask(try knowledgeFolder([String: String]())), status: 65)
        #expect(lines == ["Knowledge:0: no .yaml files in this folder"])
    }

    @Test func malformedYAMLNamesTheFileAndLine() throws {
        let cases: [(String, Data, String)] = [
            (
                "unclosed.yaml", Data("topics:\n  - id: x\n    name: [oops\n".utf8),
                "Knowledge/unclosed.yaml:4: malformed YAML"
            ),
            (
                "tabs.yaml", Data("topics:\n\t- id: x\n".utf8),
                "Knowledge/tabs.yaml:2: malformed YAML"
            ),
            (
                "control.yaml", Data("topics:\n  - id: x\n    name: a\u{1C}b\n".utf8),
                "Knowledge/control.yaml:3: malformed YAML"
            ),
            (
                "latin1.yaml", Data([0x74, 0x3A, 0x20, 0xE9, 0x0A]),
                "Knowledge/latin1.yaml:0: not valid UTF-8 text"
            ),
            (
                "list.yaml", Data("- just\n- a list\n".utf8),
                "Knowledge/list.yaml:1: the top level must be a mapping"
            ),
        ]
        for (name, data, expected) in cases {
            let folder = try knowledgeFolder(["areas.yaml": Data(Self.areas.utf8), name: data])
            let lines = expectFailure(try ask(folder), status: 65)
            expectFileLineMessages(lines)
            #expect(lines.count == 1 && lines[0].hasPrefix(expected), "\(name): \(lines)")
        }
    }

    @Test func quotedControlCharactersInMessagesAreEscaped() throws {
        // A YAML double-quoted string can hold an escape sequence; messages quote the bad value.
        let folder = try knowledgeFolder([
            "areas.yaml": Self.areas,
            "topics.yaml":
                "topics:\n  - id: t\n    name: tee\n    area: a\n    kind: \"\\e[2J\\nnew line\"\n",
        ])
        let lines = expectFailure(try ask(folder), status: 65)
        expectFileLineMessages(lines)
        #expect(
            lines.first?.hasPrefix(
                "Knowledge/topics.yaml:5: topic t: unknown kind `\\e[2J\\nnew line`") == true,
            "\(lines)")
    }

    @Test func aRelationToAnUnknownTopicIs65() throws {
        let folder = try knowledgeFolder([
            "areas.yaml": Self.areas,
            "topics.yaml": Self.topic
                + "    relations:\n      - type: related-to\n        to: nowhere\n",
        ])
        let lines = expectFailure(try ask(folder), status: 65)
        expectFileLineMessages(lines)
        #expect(
            lines.contains(
                "Knowledge/topics.yaml:7: topic t: related-to relation to unknown topic `nowhere`"),
            "\(lines)")
    }

    /// Whether `chmod 000` stops this process reading a file; it does not for root (as in CI).
    static let permissionsStopReading: Bool = {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mg-perm-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        guard FileManager.default.createFile(atPath: file.path, contents: Data("x".utf8)),
            chmod(file.path, 0) == 0
        else { return false }
        let descriptor = open(file.path, O_RDONLY)
        if descriptor >= 0 { close(descriptor) }
        return descriptor < 0
    }()

    @Test(
        .enabled(
            if: permissionsStopReading,
            "skipped: this user (root?) can read a chmod 000 file, so unreadability cannot be staged this way; anUnreadableEntryIs65 covers the message"
        ))
    func anUnreadableFileIs65() throws {
        let folder = try knowledgeFolder(["areas.yaml": Self.areas, "topics.yaml": Self.topic])
        let file = folder.appendingPathComponent("topics.yaml")
        #expect(chmod(file.path, 0) == 0)
        defer { _ = chmod(file.path, 0o644) }
        let lines = expectFailure(try ask(folder), status: 65)
        #expect(lines == ["Knowledge/topics.yaml:0: cannot be read (Permission denied)"])
    }

    @Test func anUnreadableEntryIs65() throws {
        // Works as root too: a folder named like a YAML file, and a link to nowhere.
        let folder = try knowledgeFolder(["areas.yaml": Self.areas, "topics.yaml": Self.topic])
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("folder.yaml"), withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("gone.yaml").path,
            withDestinationPath: "/nonexistent/gone.yaml")
        let lines = expectFailure(try ask(folder), status: 65)
        expectFileLineMessages(lines)
        #expect(
            lines.contains { $0.hasPrefix("Knowledge/folder.yaml:0: cannot be read") }, "\(lines)")
        #expect(
            lines.contains { $0.hasPrefix("Knowledge/gone.yaml:0: cannot be read") }, "\(lines)")
    }

    // MARK: - Transcripts

    /// `magnesium replay FILE` on a transcript holding `data`.
    func replay(_ data: Data) throws -> BuiltBinary.Run {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mg-transcript-\(UUID().uuidString).txt")
        try data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        var run = try BuiltBinary.run(["replay", file.path])
        run.stderrBytes = Data(run.stderr.replacingOccurrences(of: file.path, with: "FILE").utf8)
        return run
    }

    @Test func aTruncatedTranscriptIs65WithFileAndLine() throws {
        let cut = try replay(
            Data(
                "# title: cut short\n> what is glycine?\nGlycine is the simplest amino acid ...\n> how much of it should I ta"
                    .utf8))
        #expect(cut.status == 65)
        #expect(
            cut.stderr
                == "FILE:4: turn 2 (> how much of it should I ta) has no expected reply: a test that checks nothing\n"
        )
        let cutInAnnotation = try replay(Data("> hi\n# expect: intent=greeting confid".utf8))
        #expect(cutInAnnotation.status == 65)
        #expect(
            cutInAnnotation.stdout.contains("ERROR FILE")
                || cutInAnnotation.stdout.contains("ERROR "), "\(cutInAnnotation.stdout)")
        let lines = cutInAnnotation.stderr.split(separator: "\n").map(String.init)
        #expect(!lines.isEmpty)
        expectFileLineMessages(lines)
    }

    @Test func aBinaryFileAsTranscriptIs65() throws {
        var bytes: [UInt8] = Array("> hi\n".utf8)
        bytes += (0..<512).map { UInt8(truncatingIfNeeded: $0 &* 151 &+ 7) }
        let run = try replay(Data(bytes))
        #expect(run.status == 65)
        #expect(run.stderr == "FILE:1: cannot be read as UTF-8 text\n")
    }

    @Test func controlCharactersInATranscriptDoNotReachTheTerminalRaw() throws {
        let run = try replay(Data("> \u{1B}[2Jwhat is glycine?\n".utf8))
        #expect(run.status == 65)
        #expect(
            run.stderr
                == "FILE:1: turn 1 (> \\e[2Jwhat is glycine?) has no expected reply: a test that checks nothing\n"
        )
    }

    @Test func aTranscriptWithWindowsLineEndsReplays() throws {
        let run = try replay(Data("# title: saved on Windows\r\n> :quit\r\nGoodbye.\r\n".utf8))
        #expect(run.status == 0, "\(run.stderr.debugDescription)")
        #expect(run.stdout.hasSuffix("1 passed, 0 failed\n"), "\(run.stdout)")
    }

    /// A copy of `Knowledge/` in a folder of its own, to break.
    private func copyOfTheKnowledge() throws -> URL {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mg-reserved-\(UUID().uuidString)/Knowledge")
        try FileManager.default.createDirectory(
            at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: BuiltBinary.root.appendingPathComponent("Knowledge"), to: copy)
        return copy
    }

    /// Review §1.6: renaming an intent the program answers by name used to pass `check` and
    /// silently turn "tell me more" into "outside what I know".
    @Test func aMissingReservedIntentFailsCheck() throws {
        let copy = try copyOfTheKnowledge()
        let intents = copy.appendingPathComponent("intents.yaml")
        let text = try String(contentsOf: intents, encoding: .utf8)
        #expect(text.contains("\n  - id: more\n"))
        try text.replacingOccurrences(of: "\n  - id: more\n", with: "\n  - id: tell-me-more\n")
            .write(to: intents, atomically: true, encoding: .utf8)
        let run = try BuiltBinary.run(
            ["check", "--knowledge", copy.path], environment: Self.noCache)
        #expect(run.status == 65, "\(run.stderr)")
        #expect(
            run.stderr.contains("Knowledge/intents.yaml:0: intent `more` is missing"),
            "\(run.stderr)")
    }

    /// The correction a line meaning to stop a medicine falls back on is given by name.
    @Test func aMissingReservedAnswerFailsCheck() throws {
        let copy = try copyOfTheKnowledge()
        let answers = copy.appendingPathComponent("answers/safety-and-interactions.yaml")
        let text = try String(contentsOf: answers, encoding: .utf8)
        // ReservedID.notInPlaceOfAMedicine (importing MagnesiumKnowledge here makes Testing's
        // SourceLocation ambiguous).
        let reserved = "false-premise-magnesium-instead-of-prescribed-medicine"
        let id = "id: " + reserved + "\n"
        #expect(text.contains(id))
        try text.replacingOccurrences(of: id, with: "id: renamed-correction\n")
            .write(to: answers, atomically: true, encoding: .utf8)
        let run = try BuiltBinary.run(
            ["check", "--knowledge", copy.path], environment: Self.noCache)
        #expect(run.status == 65, "\(run.stderr)")
        #expect(
            run.stderr.contains(
                "answer `\(reserved)` is missing: the program gives it by name"
            ),
            "\(run.stderr)")
    }
}
