import ArgumentParser
import Foundation
import MagnesiumKit
import MagnesiumKnowledge
import MagnesiumText
import MagnesiumTranscripts
import MagnesiumUnderstanding

/// Writes a transcript from questions piped on standard input.
struct Record: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Answer questions from standard input and save the conversation as a transcript.",
        discussion: """
            One question or :command per non-empty line; reading stops after :quit. Lines starting with # are \
            copied, not asked: `# title:` and `# tags:` before the first question, `# expect: ...` right after a \
            question (checked before writing), other comments where they stand. The file replays green at once \
            with `magnesium replay FILE`. It is written whole or not at all, and an existing file is never \
            replaced unless --force is given.

            Exit status: 0 written; 1 the file exists, nothing was recorded, or a `# expect:` line does not hold \
            (nothing is written); 64 usage error (also a --title or --tags with a line break or control \
            character); 65 a malformed `#` line in the script (<stdin>:LINE: message); 74 standard input could \
            not be read (it is a folder), or the file could not be written (it is a device, FIFO or folder, a \
            link to one, or the disk is full). --force replaces a read-only file too; a symbolic link is written \
            through, to the file it points to.
            """)

    @OptionGroup var options: KnowledgeOptions

    @Option(name: .long, help: "A title for the transcript's `# title:` line.")
    var title: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Tags for the `# tags:` line, separated by commas.", valueName: "TAGS"))
    var tags: String?

    @Flag(name: .long, help: "Overwrite FILE if it exists.")
    var force = false

    @Argument(help: "The transcript file to write.")
    var file: String

    func validate() throws {
        // A title or tag is one line of the file: a line break would end it, a control character
        // would reach a terminal.
        for (name, value) in [("--title", title), ("--tags", tags)] {
            if let value,
                value.unicodeScalars.contains(where: {
                    $0.value < 0x20 || (0x7F...0x9F).contains($0.value)
                })
            {
                throw ValidationError("\(name) must be one line without control characters")
            }
        }
    }

    func run() throws {
        // The status says whether the file was written, whatever happens to standard output.
        Output.finishesAfterFailure.store(true, ordering: .relaxed)
        let shown = SafeText.escaped(file)
        if FileManager.default.fileExists(atPath: file) && !force {
            Output.error("magnesium: \(shown) exists; pass --force to overwrite it")
            throw ExitCode(Status.failures)
        }
        let knowledge = try options.load()
        let script = try readScript()
        let tagList = (tags ?? "").split(whereSeparator: { $0 == "," || $0 == " " }).map(
            String.init)
        let recorded: (text: String, turns: Int)
        do {
            recorded = try TranscriptRecorder(knowledge: knowledge).record(
                script: script, title: title, tags: tagList)
        } catch {
            Output.error("<stdin>:\(error.line): \(SafeText.escaped(error.message))")
            throw ExitCode(Status.invalidData)
        }
        guard recorded.turns > 0 else {
            Output.error("magnesium: no questions on standard input; nothing recorded")
            throw ExitCode(Status.failures)
        }
        try checkReplays(recorded.text, script: script, knowledge: knowledge, shown: shown)
        try write(recorded.text, shown: shown)
        Output.error(
            "recorded \(recorded.turns) \(recorded.turns == 1 ? "turn" : "turns") in \(shown)")
    }

    /// Standard input's lines, read line by line with a bounded line length as batch mode reads
    /// (input without line breaks cannot fill memory).
    private func readScript() throws -> [String] {
        var script: [String] = []
        var input = BatchInput()
        while let line = input.nextLine(beforeWaiting: {}) { script.append(line) }
        let readError = BatchIO.inputError.load(ordering: .relaxed)
        if readError != 0 {
            Output.error(
                "magnesium: cannot read standard input: \(String(cString: strerror(readError))); nothing recorded"
            )
            throw ExitCode(Status.ioError)
        }
        return script
    }

    /// What is written must replay green: checked as `replay` would, before writing.
    private func checkReplays(
        _ text: String, script: [String], knowledge: Knowledge, shown: String
    ) throws {
        let transcript: Transcript
        do {
            transcript = try Transcript.parse(text, file: shown)
        } catch {
            for diagnostic in error.diagnostics {
                Output.error(SafeText.escaped(diagnostic.description))
            }
            Output.error("magnesium: \(shown) not written: it would not replay")
            throw ExitCode(Status.failures)
        }
        let replayer = TranscriptReplayer(knowledge: knowledge)
        let unknown = replayer.validate(transcript, file: shown)
        if !unknown.isEmpty {
            reportInScript(unknown, script: script, recorded: text)
            throw ExitCode(Status.invalidData)
        }
        let result = replayer.replay(transcript, file: shown)
        guard !result.passed else { return }
        for failure in result.failures {
            for problem in failure.routing
                + (failure.wording == nil ? [] : ["the reply differs on replay"])
            {
                Output.error(
                    "\(shown):\(failure.annotationLine ?? failure.line): turn \(failure.turn + 1) > \(SafeText.escaped(failure.input)): \(SafeText.escaped(problem))"
                )
            }
        }
        Output.error("magnesium: \(shown) not written: a `# expect:` line does not hold")
        throw ExitCode(Status.failures)
    }

    /// The mistake is in the script: each problem names the script's line, where the `# expect:`
    /// line was typed (copied verbatim into the transcript, which is not written).
    private func reportInScript(_ problems: [Diagnostic], script: [String], recorded: String) {
        let scriptLines = script.map { $0.trimmingCharacters(in: .whitespaces) }
        let recordedLines = recorded.split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
        for diagnostic in problems {
            let typed =
                diagnostic.line >= 1 && diagnostic.line <= recordedLines.count
                ? recordedLines[diagnostic.line - 1].trimmingCharacters(in: .whitespaces) : ""
            let scriptLine = scriptLines.firstIndex(of: typed).map { $0 + 1 }
            Output.error(
                scriptLine.map { "<stdin>:\($0): \(diagnostic.message)" }
                    ?? SafeText.escaped(diagnostic.description))
        }
    }

    private func write(_ text: String, shown: String) throws {
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        do {
            // --force replaces the file, a read-only one included; never a device, FIFO or folder.
            try FileIO.write(text, to: file, replace: force, replaceReadOnly: force)
        } catch .exists {
            Output.error("magnesium: \(shown) exists; pass --force to overwrite it")
            throw ExitCode(Status.failures)
        } catch {
            Output.error("magnesium: cannot write \(shown): \(SafeText.escaped(error.message))")
            throw ExitCode(Status.ioError)
        }
    }
}
