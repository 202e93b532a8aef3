import ArgumentParser
import Foundation
import MagnesiumKit
import MagnesiumKnowledge
import MagnesiumText
import MagnesiumTranscripts
import MagnesiumUnderstanding

/// Replays saved transcripts as tests, re-records them with `--update`, and reports
/// what no transcript exercises with `--coverage`.
struct Replay: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replay saved transcripts and compare every reply.",
        discussion: """
            Prints PASS or FAIL for each transcript; for a failure, routing changes (a `# expect:` line that no longer \
            holds) and then a unified diff of each changed reply, each pointing at FILE:LINE and the turn; \
            `N passed, M failed` last. Never writes a file unless --update is given.

            Exit status: 0 all passed (and always for --coverage); 1 a reply or routing differed, or --filter \
            matched nothing; 65 a transcript is malformed (FILE:LINE: message on stderr); 66 a path does not \
            exist or holds no transcripts; 74 --update could not write a file (a read-only file needs --force; \
            a device, FIFO or folder is never replaced; a symbolic link is written through to its file), or \
            standard output could not be written (a full disk; a reader that goes away is no error). A status \
            of 1 or 65 stands whatever happens to standard output, so a pipeline fails when a transcript does. \
            Transcript text and file names are shown with control characters escaped.
            """)

    @OptionGroup var options: KnowledgeOptions

    @Argument(
        help:
            "Transcript files or folders (default: every .txt under Transcripts/ beside the knowledge folder)."
    )
    var paths: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Only transcripts with this tag (repeat for any of several).", valueName: "TAG"))
    var filter: [String] = []

    @Flag(
        name: .long,
        help:
            "Rewrite expected replies that changed, in place, and list them. `# expect:` lines are never changed."
    )
    var update = false

    @Flag(name: .long, help: "With --update: also rewrite transcripts that are read-only.")
    var force = false

    @Flag(
        name: .long,
        help: "List the topics, intents and commands that no transcript exercises (exit 0).")
    var coverage = false

    @Option(name: .long, help: "Colour: auto (terminal only, honours NO_COLOR), always or never.")
    var color: ColorChoice = .auto

    func validate() throws {
        if update && coverage {
            throw ValidationError("--update and --coverage do not go together")
        }
        if force && !update { throw ValidationError("--force goes with --update") }
    }

    func run() throws {
        // The status reports on the transcripts, whatever happens to standard output.
        Output.finishesAfterFailure.store(true, ordering: .relaxed)
        let knowledge = try options.load()
        let style = TerminalStyle(enabled: Terminal.wantsColor(color))
        let replayer = TranscriptReplayer(knowledge: knowledge)
        let (selected, malformed) = try select(replayer, style)
        let results = selected.map { replayer.replay($0.transcript, file: $0.file.shown) }
        if coverage {
            reportCoverage(results, graph: knowledge.graph)
            if malformed > 0 { throw ExitCode(Status.invalidData) }
            return
        }
        var tally = Tally()
        for (index, result) in results.enumerated() {
            report(result, source: selected[index].file, style, &tally)
        }
        if update {
            Output.line(
                "updated \(tally.updatedFiles) \(tally.updatedFiles == 1 ? "transcript" : "transcripts") (\(tally.updatedTurns) \(tally.updatedTurns == 1 ? "turn" : "turns"))"
            )
        }
        Output.line("\(tally.passed) passed, \(tally.failed + malformed) failed")
        if malformed > 0 { throw ExitCode(Status.invalidData) }
        if tally.unwritable > 0 { throw ExitCode(Status.ioError) }
        if tally.failed > 0 { throw ExitCode(Status.failures) }
    }

    /// What the replay of every selected transcript came to.
    private struct Tally {
        var passed = 0
        var failed = 0
        var updatedFiles = 0
        var updatedTurns = 0
        var unwritable = 0
    }

    /// The transcripts to replay (those with a `--tag` asked for), and how many did not parse,
    /// each reported with its problems.
    private func select(_ replayer: TranscriptReplayer, _ style: TerminalStyle) throws -> (
        [(file: TranscriptFile, transcript: Transcript)], malformed: Int
    ) {
        var malformed = 0
        var selected: [(file: TranscriptFile, transcript: Transcript)] = []
        for file in try transcriptFiles() {
            switch file.load(replayer) {
            case .success(let transcript):
                if filter.isEmpty
                    || transcript.tags.contains(where: { tag in
                        filter.contains { $0.lowercased() == tag.lowercased() }
                    })
                {
                    selected.append((file, transcript))
                }
            case .failure(let problems):
                malformed += 1
                if !coverage { Output.line(style.paint("ERROR", .failure) + " " + file.shown) }
                for problem in problems.diagnostics {
                    Output.error(SafeText.escaped(problem.description))
                }
            }
        }
        if selected.isEmpty && malformed == 0 {
            Output.error(
                "magnesium: no transcript is tagged \(SafeText.escaped(filter.joined(separator: " or ")))"
            )
            throw ExitCode(Status.failures)
        }
        return (selected, malformed)
    }

    private func reportCoverage(_ results: [ReplayResult], graph: Graph) {
        let report = TranscriptCoverage(graph: graph, replies: results.flatMap(\.replies))
        let turns = results.map(\.replies.count).reduce(0, +)
        Output.line(
            "coverage of \(results.count) \(results.count == 1 ? "transcript" : "transcripts"), \(turns) \(turns == 1 ? "turn" : "turns"):"
        )
        for line in report.report { Output.line(line) }
    }

    /// One transcript's result: PASS, FAIL with the differences, or (with `--update`) its new
    /// wording written back; a changed routing still fails, since that is a person's call.
    private func report(
        _ result: ReplayResult, source: TranscriptFile, _ style: TerminalStyle, _ tally: inout Tally
    ) {
        let turns =
            "(\(result.transcript.turns.count) \(result.transcript.turns.count == 1 ? "turn" : "turns"))"
        if result.passed {
            tally.passed += 1
            Output.line(style.paint("PASS", .success) + " \(result.file) " + turns)
            return
        }
        guard update, result.wordingChanged else {
            tally.failed += 1
            Output.line(style.paint("FAIL", .failure) + " \(result.file) " + turns)
            show(ReplayReport.lines(for: result), style)
            return
        }
        let (text, changed) = result.transcript.updatingReplies(result.actualReplies)
        do {
            try FileIO.write(text, to: source.path, replace: true, replaceReadOnly: force)
        } catch .readOnly {
            tally.unwritable += 1
            tally.failed += 1
            Output.error(
                "magnesium: cannot write \(result.file): it is read-only (--force rewrites it)")
            return
        } catch {
            tally.unwritable += 1
            tally.failed += 1
            Output.error(
                "magnesium: cannot write \(result.file): \(SafeText.escaped(error.message))")
            return
        }
        tally.updatedFiles += 1
        tally.updatedTurns += changed.count
        let list = changed.map { "turn \($0 + 1) (line \(result.transcript.turns[$0].line))" }
            .joined(separator: ", ")
        Output.line(style.paint("UPDATED", .update) + " \(result.file): " + list)
        var wordingOnly = result
        wordingOnly.failures = result.failures.filter { $0.wording != nil }.map {
            var failure = $0
            failure.routing = []
            return failure
        }
        show(ReplayReport.lines(for: wordingOnly), style)
        guard result.routingChanged else {
            tally.passed += 1
            return
        }
        // The words are re-recorded, but how a turn is understood is a person's call.
        tally.failed += 1
        Output.line(style.paint("FAIL", .failure) + " \(result.file) " + turns)
        var routingOnly = result
        routingOnly.failures = result.failures.filter { !$0.routing.isEmpty }.map {
            var failure = $0
            failure.wording = nil
            return failure
        }
        show(ReplayReport.lines(for: routingOnly), style)
    }

    private func show(_ lines: [ReplayReport.Line], _ style: TerminalStyle) {
        for line in lines {
            let role: TerminalStyle.Role? =
                switch line.kind {
                case .section: .heading
                case .location: .location
                case .routing: .failure
                case .diffHeader: .heading
                case .hunkHeader: .hunk
                case .removed: .failure
                case .added: .success
                case .hint: .dim
                case .context: nil
                }
            let text = "  " + SafeText.escaped(line.text)
            Output.line(role.map { style.paint(text, $0) } ?? text)
        }
    }

    /// Every transcript named on the command line, folders walked in sorted order.
    private func transcriptFiles() throws -> [TranscriptFile] {
        var roots = paths
        if roots.isEmpty {
            let knowledge = KnowledgeOptions.locate(explicit: options.knowledge)
            roots = [
                knowledge?.deletingLastPathComponent().appendingPathComponent("Transcripts").path
                    ?? "Transcripts"
            ]
        }
        var files: [TranscriptFile] = []
        var seen = Set<String>()
        for root in roots {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) else {
                Output.error("magnesium: no such file or folder: \(SafeText.escaped(root))")
                throw ExitCode(Status.notFound)
            }
            var found: [String] = []
            if isDirectory.boolValue {
                let walker = FileManager.default.enumerator(atPath: root)
                while let relative = walker?.nextObject() as? String {
                    let hidden = relative.split(separator: "/").contains { $0.hasPrefix(".") }
                    if relative.hasSuffix(".txt") && !hidden {
                        found.append((root as NSString).appendingPathComponent(relative))
                    }
                }
                found.sort()
            } else {
                found = [root]
            }
            for path in found
            where seen.insert(URL(fileURLWithPath: path).standardizedFileURL.path).inserted {
                files.append(TranscriptFile(path: path))
            }
        }
        if files.isEmpty {
            Output.error(
                "magnesium: no transcripts (*.txt) found in \(SafeText.escaped(roots.joined(separator: ", ")))"
            )
            throw ExitCode(Status.notFound)
        }
        return files
    }
}

/// A transcript on disk: where it is, and how to name it to the person running replay.
struct TranscriptFile {
    var path: String

    /// The path relative to the current folder when it lies inside it, else as given; control
    /// characters escaped (a file name may hold escape sequences), as everything replay prints.
    var shown: String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            .standardizedFileURL.path
        if absolute.hasPrefix(here + "/") {
            return SafeText.escaped(String(absolute.dropFirst(here.count + 1)))
        }
        return SafeText.escaped(path)
    }

    func load(_ replayer: TranscriptReplayer) -> Result<Transcript, DiagnosticsError> {
        guard let data = FileManager.default.contents(atPath: path),
            let text = String(data: data, encoding: .utf8)
        else {
            return .failure(
                DiagnosticsError([
                    Diagnostic(file: shown, line: 1, message: "cannot be read as UTF-8 text")
                ]))
        }
        do {
            let transcript = try Transcript.parse(text, file: shown)
            let problems = replayer.validate(transcript, file: shown)
            return problems.isEmpty ? .success(transcript) : .failure(DiagnosticsError(problems))
        } catch {
            return .failure(error)
        }
    }
}
