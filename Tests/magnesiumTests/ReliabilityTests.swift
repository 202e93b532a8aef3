import Foundation
import Testing

/// The defects of the hostile-input and reliability review (`reliability-review.md`), each driven
/// through the built binary as the review reproduced it: closed and broken standard streams,
/// write errors, signals, odd standard input, escape sequences reaching a terminal, files that
/// are not regular files, and odd environments. Each test names the review's defect id.
@Suite struct ReliabilityTests {
    // MARK: - Helpers

    /// A fresh folder for one test, with a `home` folder inside for HOME.
    static func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mg-rel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("home"), withIntermediateDirectories: true)
        return folder
    }

    /// Runs a bash script in `folder` with the built binary in `$MG` and `q.txt` holding two
    /// questions, with default signal handling (``BuiltBinary/runWithDefaultSignals``).
    static func bash(_ script: String, in folder: URL, environment: [String: String] = [:]) throws
        -> BuiltBinary.Run
    {
        try Data("what is glycine?\nhow much should I take?\n".utf8).write(
            to: folder.appendingPathComponent("q.txt"))
        let out = folder.appendingPathComponent("bash-out").path
        let err = folder.appendingPathComponent("bash-err").path
        var variables: [String: String] = [
            "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
            "HOME": folder.appendingPathComponent("home").path,
            "MG": BuiltBinary.url.path,
            "XDG_CACHE_HOME": folder.appendingPathComponent("cache").path,
        ]
        for (name, value) in environment { variables[name] = value }
        let exited = try BuiltBinary.runWithDefaultSignals(
            "/bin/bash", ["-c", "cd \(quoted(folder.path)) || exit 99\n" + script],
            environment: variables.map { "\($0.key)=\($0.value)" }, output: out, errors: err)
        return BuiltBinary.Run(
            status: exited, stdoutBytes: try BuiltBinary.contents(of: URL(fileURLWithPath: out)),
            stderrBytes: try BuiltBinary.contents(of: URL(fileURLWithPath: err)))
    }

    static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The shell in a pseudo-terminal (`script`), fed `input` line by line; its output and exit
    /// status come back through the script's own (`script -e`).
    static func shellScript(_ command: String, input: String) -> String {
        "printf '%s' \(quoted(input)) | NO_COLOR=1 TERM=xterm timeout 60 script -qec \(quoted(command)) /dev/null; echo \"[exited $?]\""
    }

    /// A copy of the repository's knowledge in `folder/Knowledge`, with `edit` applied to one file.
    static func knowledgeCopy(in folder: URL, file: String, edit: (String) -> String) throws -> URL
    {
        let copy = folder.appendingPathComponent("Knowledge")
        try FileManager.default.copyItem(
            at: BuiltBinary.root.appendingPathComponent("Knowledge"), to: copy)
        let target = copy.appendingPathComponent(file)
        let text = try String(contentsOf: target, encoding: .utf8)
        let edited = edit(text)
        #expect(edited != text, "the edit must change \(file)")
        try edited.write(to: target, atomically: true, encoding: .utf8)
        return copy
    }

    /// Bytes that act on a terminal when printed raw: ESC, BEL, CSI as one byte, and the
    /// right-to-left override.
    static func rawControls(in data: Data) -> Bool {
        let text = String(decoding: data, as: UTF8.self)
        return text.unicodeScalars.contains { [0x1B, 0x07, 0x9B, 0x202E].contains($0.value) }
    }

    static let hostile = "x\u{1B}]0;T\u{07}\u{1B}[2J\u{202E}"

    // MARK: - H1, H2: closed standard descriptors

    @Test func h1ClosedStdoutDoesNotHang() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Self.bash(
            """
            timeout 20 "$MG" < q.txt >&-; echo "plain $?"
            timeout 20 "$MG" --json < q.txt >&-; echo "json $?"
            """, in: folder)
        #expect(run.stdout == "plain 0\njson 0\n", "124 is a hang: \(run.stdout) \(run.stderr)")
    }

    @Test func h2ClosedStdinDoesNotHang() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Self.bash(
            """
            timeout 20 "$MG" <&- >/dev/null; echo "plain $?"
            timeout 20 "$MG" --json <&- >/dev/null; echo "json $?"
            timeout 20 "$MG" < q.txt 2>&- | grep -c Sources; echo "no stderr ${PIPESTATUS[0]}"
            """, in: folder)
        #expect(run.stdout == "plain 0\njson 0\n2\nno stderr 0\n", "\(run.stdout) \(run.stderr)")
    }

    // MARK: - M1: write errors are reported with status 74

    @Test func m1WriteErrorsAreReportedWithStatus74() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let commands = [
            "batch": "\"$MG\" < q.txt", "json": "\"$MG\" --json < q.txt",
            "ask": "\"$MG\" ask 'what is glycine?'",
            "check": "\"$MG\" check",
            "replay":
                "\"$MG\" replay \(Self.quoted(BuiltBinary.root.appendingPathComponent("Transcripts").path))",
            "help": "\"$MG\" ask --help", "graph": "\"$MG\" graph glycine",
        ]
        for (name, command) in commands.sorted(by: { $0.key < $1.key }) {
            let run = try Self.bash(
                "\(command) > /dev/full 2> err.txt; echo $?; grep -c 'cannot write to standard output: No space left on device' err.txt",
                in: folder)
            #expect(run.stdout == "74\n1\n", "\(name): \(run.stdout) \(run.stderr)")
        }
        // The shell, on a terminal, with its output on /dev/full: it cannot show even its welcome.
        let shell = try Self.bash(
            Self.shellScript("\"$MG\" > /dev/full", input: "what is glycine?\n:quit\n"), in: folder)
        #expect(
            shell.stdout.contains(
                "magnesium: cannot write to standard output: No space left on device"),
            "\(shell.stdout)")
        #expect(shell.stdout.hasSuffix("[exited 74]\n"), "\(shell.stdout)")
    }

    // MARK: - M2, L17: closed pipes

    @Test func m2ReplayAndCheckKeepTheirFailingStatus() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "# title: failing\n\n> what is glycine?\nNot the answer at all.\n".write(
            to: folder.appendingPathComponent("failing.txt"), atomically: true, encoding: .utf8)
        let replay = try Self.bash(
            """
            set -o pipefail
            "$MG" replay failing.txt | head -c 1 > /dev/null; echo "head $?"
            "$MG" replay failing.txt | true; echo "true $?"
            "$MG" replay failing.txt > /dev/full 2>/dev/null; echo "full $?"
            "$MG" replay failing.txt >&- 2>/dev/null; echo "closed $?"
            """, in: folder)
        #expect(
            replay.stdout == "head 1\ntrue 1\nfull 1\nclosed 1\n",
            "\(replay.stdout) \(replay.stderr)")

        // A fact over 300 characters is a content problem: check fails with 65 whatever its output
        // does.
        let long = String(
            repeating: "This sentence only makes the fact too long to pass the check. ", count: 6)
        let knowledge = try Self.knowledgeCopy(in: folder, file: "topics/glycine.yaml") {
            $0.replacingOccurrences(
                of: "          makes its own, and food supplies more.\n",
                with: "          makes its own, and food supplies more. \(long)\n")
        }
        let check = try Self.bash(
            """
            set -o pipefail
            "$MG" check --knowledge Knowledge 2>/dev/null | head -c 1 > /dev/null; echo "head $?"
            "$MG" check --knowledge Knowledge > /dev/full 2>/dev/null; echo "full $?"
            """, in: folder)
        #expect(FileManager.default.fileExists(atPath: knowledge.path))
        #expect(check.stdout == "head 65\nfull 65\n", "\(check.stdout) \(check.stderr)")
    }

    @Test func l17AskAndCheckEndQuietlyOnAClosedPipe() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Self.bash(
            """
            "$MG" ask 'what is glycine?' | true; echo "ask ${PIPESTATUS[0]}"
            "$MG" check 2>/dev/null | true; echo "check ${PIPESTATUS[0]}"
            "$MG" graph 2>/dev/null | true; echo "graph ${PIPESTATUS[0]}"
            "$MG" < q.txt | true; echo "batch ${PIPESTATUS[0]}"
            """, in: folder)
        #expect(
            run.stdout == "ask 0\ncheck 0\ngraph 0\nbatch 0\n",
            "141 is death by SIGPIPE: \(run.stdout)")
        #expect(run.stderr.isEmpty, "a reader going away is no error: \(run.stderr)")
    }

    // MARK: - M3: a stop signal leaves whole lines

    @Test func m3AStopSignalWithASlowReaderLeavesTheLastLineWhole() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("many.txt")
        try Data(
            String(
                repeating: "what is magnesium bisglycinate?\nhow much should I take?\n",
                count: 3_000
            ).utf8
        ).write(to: input)
        for signal in [SIGINT, SIGTERM] {
            let (process, output) = try BatchSignalTests.launch(
                ["--json"], input: try FileHandle(forReadingFrom: input))
            // Nobody reads until the pipe is full and the program is blocked writing into it.
            var waited = 0
            while Self.bytesWaiting(in: output) < 60_000 && waited < 2_000 {
                usleep(10_000)
                waited += 1
            }
            kill(process.processIdentifier, signal)
            let received = output.readDataToEndOfFile()
            process.waitUntilExit()
            #expect(process.terminationStatus == 128 + signal)
            let text = String(decoding: received, as: UTF8.self)
            #expect(text.hasSuffix("}\n"), "the last line is whole: …\(text.suffix(80))")
            for line in text.split(separator: "\n") {
                #expect(
                    (try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil,
                    "not a whole JSON line: \(line.prefix(80))")
            }
        }
    }

    static func bytesWaiting(in handle: FileHandle) -> Int {
        var count: Int32 = 0
        return ioctl(handle.fileDescriptor, UInt(FIONREAD), &count) == 0 ? Int(count) : 0
    }

    // MARK: - M8, L8: odd standard input

    @Test func m8ALineWithoutEndIsReadOnlyUpToTheQuestionLimit() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        // 5 MB of NUL bytes and then 3 MB of letters, no newline, then a question.
        let run = try Self.bash(
            """
            { head -c 5000000 /dev/zero; head -c 3000000 /dev/zero | tr '\\0' a; printf '\\nwhat is glycine?\\n'; } | "$MG" --json
            """, in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let objects = run.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(objects.count == 2)
        let question = (objects.first?["question"] as? String) ?? ""
        #expect(
            question.utf8.count <= 4_000,
            "the rest of the line is dropped as it is read, not kept: \(question.utf8.count) bytes")
        let answer = (objects.last?["answer"] as? String) ?? ""
        #expect(answer.contains("amino acid"))
    }

    @Test func l8StandardInputAFolderIsAnError() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Self.bash(
            """
            "$MG" < home; echo "plain $?"
            "$MG" --json < home; echo "json $?"
            "$MG" record x.txt < home; echo "record $?"
            """, in: folder)
        #expect(run.stdout == "plain 74\njson 74\nrecord 74\n", "\(run.stdout)")
        #expect(
            run.stderr.components(
                separatedBy: "magnesium: cannot read standard input: Is a directory"
            ).count == 4, "\(run.stderr)")
    }

    // MARK: - M5, L1, L2: nothing raw reaches a terminal

    @Test func m5ReplayShowsTranscriptTextAndFileNamesEscaped() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let name = "fail\(Self.hostile).txt"
        try "> hi\nexp \(Self.hostile)\n".write(
            to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        let run = try BuiltBinary.run(["replay", name], directory: folder)
        #expect(run.status == 1)
        #expect(
            !Self.rawControls(in: run.stdoutBytes) && !Self.rawControls(in: run.stderrBytes),
            "\(run.stdout)")
        #expect(run.stdout.contains("FAIL failx\\e]0;T\\x07\\e[2J\\u{202E}.txt"), "\(run.stdout)")
        #expect(run.stdout.contains("-exp x\\e]0;T\\x07\\e[2J\\u{202E}"), "\(run.stdout)")
    }

    @Test func l1ErrorMessagesShowArgumentsEscaped() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cases: [(arguments: [String], status: Int32)] = [
            (["graph", Self.hostile], 66),
            (["ask", "--knowledge", "/tmp/\(Self.hostile)", "hi"], 66),
            (["replay", "/tmp/\(Self.hostile).txt"], 66),
            (["replay", "--filter", Self.hostile], 1),
            (["--color", Self.hostile], 64),
            (["--\(Self.hostile)"], 64),
        ]
        for (arguments, status) in cases {
            let run = try BuiltBinary.run(arguments, directory: BuiltBinary.root)
            #expect(run.status == status, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("\\e]0;T\\x07"), "\(arguments): \(run.stderr)")
            #expect(
                !Self.rawControls(in: run.stdoutBytes + run.stderrBytes),
                "\(arguments): \(run.stderr)")
        }
        let record = try BuiltBinary.run(
            ["record", "esc\(Self.hostile).txt"], input: "what is glycine?\n", directory: folder)
        #expect(record.status == 0, "\(record.stderr)")
        #expect(record.stderr == "recorded 1 turn in escx\\e]0;T\\x07\\e[2J\\u{202E}.txt\n")
        let title = try BuiltBinary.run(
            ["record", "t.txt", "--title", "a\nb"], input: "what is glycine?\n", directory: folder)
        #expect(title.status == 64, "a title of two lines is a usage error: \(title.stderr)")
    }

    @Test func l2KnowledgeTextIsShownEscapedByAskBatchAndGraph() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try Self.knowledgeCopy(in: folder, file: "topics/glycine.yaml") {
            $0.replacingOccurrences(
                of: "    name: glycine\n", with: "    name: \"glycine \\e]0;T\\a\\e[2J \\u202E\"\n")
        }
        let runs = [
            try BuiltBinary.run(["ask", "--knowledge", "Knowledge", ":topics"], directory: folder),
            try BuiltBinary.run(
                ["--knowledge", "Knowledge"], input: ":topics\n", directory: folder),
            try BuiltBinary.run(
                ["graph", "--knowledge", "Knowledge", "glycine"], directory: folder),
            try BuiltBinary.run(
                ["graph", "--knowledge", "Knowledge", "glycine", "--format", "dot"],
                directory: folder),
        ]
        for run in runs {
            #expect(run.status == 0, "\(run.stderr)")
            #expect(
                run.stdout.contains("glycine \\e]0;T\\x07\\e[2J \\u{202E}"),
                "\(run.stdout.prefix(400))")
            #expect(!Self.rawControls(in: run.stdoutBytes), "\(run.stdout.prefix(400))")
        }
    }

    // MARK: - M7, L14, L15: only regular files are replaced

    @Test func m7RecordNeverReplacesAFIFOAndWritesThroughALink() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("fifo.txt").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let refused = try BuiltBinary.run(
            ["record", "fifo.txt", "--force"], input: "what is glycine?\n", directory: folder)
        #expect(refused.status == 74, "\(refused.stderr)")
        #expect(refused.stderr.contains("not a regular file"), "\(refused.stderr)")
        var info = stat()
        #expect(
            lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO, "the FIFO is still a FIFO")

        // Through a link: the file it points to gets the transcript, keeping its mode; the link
        // stays.
        let target = folder.appendingPathComponent("target.txt").path
        try "old\n".write(toFile: target, atomically: true, encoding: .utf8)
        chmod(target, 0o640)
        #expect(symlink("target.txt", folder.appendingPathComponent("link.txt").path) == 0)
        let through = try BuiltBinary.run(
            ["record", "link.txt", "--force"], input: "what is glycine?\n", directory: folder)
        #expect(through.status == 0, "\(through.stderr)")
        #expect(
            lstat(folder.appendingPathComponent("link.txt").path, &info) == 0
                && info.st_mode & S_IFMT == S_IFLNK)
        #expect(try String(contentsOfFile: target, encoding: .utf8).contains("> what is glycine?"))
        #expect(stat(target, &info) == 0 && info.st_mode & 0o777 == 0o640, "mode kept")
    }

    @Test func l14ReplayUpdateRefusesAReadOnlyFileUnlessForced() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("ro.txt").path
        let stale = "# title: ro\n\n> what is glycine?\nAn old answer.\n"
        try stale.write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o444)
        let refused = try BuiltBinary.run(["replay", "--update", "ro.txt"], directory: folder)
        #expect(refused.status == 74, "\(refused.stdout) \(refused.stderr)")
        #expect(
            refused.stderr.contains("ro.txt: it is read-only (--force rewrites it)"),
            "\(refused.stderr)")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == stale)

        let forced = try BuiltBinary.run(
            ["replay", "--update", "--force", "ro.txt"], directory: folder)
        #expect(forced.status == 0, "\(forced.stdout) \(forced.stderr)")
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains("amino acid"))
        var info = stat()
        #expect(stat(file, &info) == 0 && info.st_mode & 0o777 == 0o444, "mode kept")

        // Through a link, the transcript it points to is updated and the link stays a link.
        try stale.write(
            toFile: folder.appendingPathComponent("real.txt").path, atomically: true,
            encoding: .utf8)
        #expect(symlink("real.txt", folder.appendingPathComponent("linked.txt").path) == 0)
        let linked = try BuiltBinary.run(["replay", "--update", "linked.txt"], directory: folder)
        #expect(linked.status == 0, "\(linked.stdout) \(linked.stderr)")
        #expect(
            lstat(folder.appendingPathComponent("linked.txt").path, &info) == 0
                && info.st_mode & S_IFMT == S_IFLNK)
        #expect(
            try String(
                contentsOfFile: folder.appendingPathComponent("real.txt").path, encoding: .utf8
            ).contains("amino acid"))
    }

    @Test func l15SaveFollowsNoLinkOutOfItsFolderAndReplacesNoFIFO() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let work = folder.appendingPathComponent("work")
        let outside = folder.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        #expect(symlink(outside.path, work.appendingPathComponent("sub").path) == 0)
        #expect(mkfifo(work.appendingPathComponent("fifo.txt").path, 0o644) == 0)
        let input = "what is glycine?\n:save sub/x\n:save fifo --force\n:save kept\n:quit\n"
        let run = try Self.bash(
            "cd work && " + Self.shellScript("\"$MG\" --no-history", input: input), in: folder)
        #expect(
            run.stdout.contains(
                "Not saved: sub/x leads outside the current folder through a symbolic link"),
            "\(run.stdout)")
        #expect(
            run.stdout.contains("Not saved: cannot write fifo.txt (it is not a regular file"),
            "\(run.stdout)")
        #expect(run.stdout.contains("Saved 1 turn to kept.txt"), "\(run.stdout)")
        #expect(run.stdout.hasSuffix("[exited 0]\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty)
        var info = stat()
        #expect(
            lstat(work.appendingPathComponent("fifo.txt").path, &info) == 0
                && info.st_mode & S_IFMT == S_IFIFO)
    }

    // MARK: - L4, L13, L16: the cache, EDITRC and HOME

    @Test func l4AFIFOAtTheCachePathIsNotOpened() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = folder.appendingPathComponent("cache/magnesium")
        let first = try Self.bash("\"$MG\" ask 'what is glycine?' > /dev/null", in: folder)
        #expect(first.status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter {
            $0.hasSuffix(".bin")
        }
        try #require(files.count == 1, "\(files)")
        let file = cache.appendingPathComponent(files[0]).path
        unlink(file)
        #expect(mkfifo(file, 0o644) == 0)
        let run = try Self.bash(
            "timeout 20 \"$MG\" ask 'what is glycine?'; echo \"[exited $?]\"", in: folder)
        #expect(
            run.stdout.contains("amino acid") && run.stdout.hasSuffix("[exited 0]\n"),
            "124 is a hang: \(run.stdout)")
    }

    @Test func l13AnEditrcThatIsNotARegularFileIsNotRead() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(mkfifo(folder.appendingPathComponent("editrc-fifo").path, 0o644) == 0)
        for editrc in ["editrc-fifo", "/dev/zero"] {
            let run = try Self.bash(
                Self.shellScript(
                    "EDITRC=\(editrc) \"$MG\" --no-history", input: "what is glycine?\n:quit\n"),
                in: folder)
            #expect(
                run.stdout.contains(
                    "magnesium: warning: \(editrc) is not a regular file; it is not read"),
                "\(run.stdout)")
            #expect(run.stdout.contains("amino acid"), "\(run.stdout)")
            #expect(run.stdout.hasSuffix("[exited 0]\n"), "\(run.stdout)")
        }
    }

    @Test func l16AHomeThatDoesNotExistGetsNothingCreated() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let home = folder.appendingPathComponent("nonexistent/dir").path
        let environment = ["HOME": home, "XDG_CACHE_HOME": ""]
        let batch = try Self.bash(
            "\"$MG\" < q.txt | grep -c Sources", in: folder, environment: environment)
        #expect(batch.stdout == "2\n", "\(batch.stderr)")
        let shell = try Self.bash(
            Self.shellScript("\"$MG\"", input: "what is glycine?\n:quit\n"), in: folder,
            environment: environment)
        #expect(
            shell.stdout.contains("amino acid") && shell.stdout.hasSuffix("[exited 0]\n"),
            "\(shell.stdout)")
        #expect(
            !FileManager.default.fileExists(
                atPath: folder.appendingPathComponent("nonexistent").path),
            "nothing is created under a missing HOME")
    }

    // MARK: - L11: libedit's history in memory is capped

    @Test func l11AHugeHistoryIsCappedInMemory() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let state = folder.appendingPathComponent("state/magnesium")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        let lines = (0..<5_000).map { "line\\040\($0)" }
        try (["_HiStOrY_V2_"] + lines).joined(separator: "\n").appending("\n").write(
            to: state.appendingPathComponent("history"), atomically: true, encoding: .utf8)
        let run = try Self.bash(
            Self.shellScript("\"$MG\"", input: ":history 2\n:quit\n"), in: folder,
            environment: ["XDG_STATE_HOME": folder.appendingPathComponent("state").path])
        #expect(run.stdout.contains("   999  line 4999"), "\(run.stdout)")
        #expect(
            run.stdout.contains("  1000  :history 2"),
            "at most 1,000 lines in memory: \(run.stdout)")
        let kept = try String(contentsOf: state.appendingPathComponent("history"), encoding: .utf8)
        #expect(
            kept.split(separator: "\n").count == 1_001, "the file keeps its header and 1,000 lines")
    }

    // MARK: - L18: messages a person can act on

    @Test func l18KnowledgeMistakesAreNamedPlainly() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try Self.knowledgeCopy(in: folder, file: "topics/glycine.yaml") { text in
            // `grade: [x]` on the first fact, and the first relation pointed at glycine itself.
            var edited = text.replacingOccurrences(
                of: "grade: strong", with: "grade: [x]", options: [],
                range: text.range(of: "grade: strong"))
            edited = edited.replacingOccurrences(
                of: "      - type: helps-with\n        to: sleep\n",
                with: "      - type: helps-with\n        to: glycine\n")
            return edited
        }
        try String(repeating: "[", count: 2_000).appending(String(repeating: "]", count: 2_000))
            .appending("\n")
            .write(
                to: folder.appendingPathComponent("Knowledge/deep.yaml"), atomically: true,
                encoding: .utf8)
        let run = try BuiltBinary.run(
            ["check", "--knowledge", "Knowledge"], directory: folder,
            environment: ["MAGNESIUM_CACHE": "off"])
        #expect(run.status == 65)
        #expect(
            run.stderr.contains("`grade` must be one word, not a list or a mapping"),
            "\(run.stderr)")
        #expect(!run.stderr.contains("unknown grade ``"), "\(run.stderr)")
        #expect(
            run.stderr.contains("topic glycine: helps-with relation to itself"), "\(run.stderr)")
        #expect(
            run.stderr.contains("deep.yaml:1: malformed YAML: nested too deeply"), "\(run.stderr)")
        #expect(!run.stderr.contains("yaml_set_max_nest_level"), "\(run.stderr)")
    }

    @Test func l18ABadExpectationInARecordScriptNamesTheScriptLine() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try BuiltBinary.run(
            ["record", "out.txt"], input: "what is glycine?\n# expect: intent=no-such-intent\n",
            directory: folder)
        #expect(run.status == 65)
        #expect(run.stderr.contains("<stdin>:2: unknown intent `no-such-intent`"), "\(run.stderr)")
        #expect(
            !FileManager.default.fileExists(atPath: folder.appendingPathComponent("out.txt").path),
            "nothing is written")
    }
}
