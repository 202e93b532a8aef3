import ArgumentParser
import Foundation
import MagnesiumKit

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
            (nothing is written); 65 a malformed `#` line in the script (<stdin>:LINE: message); 74 the file \
            could not be written.
            """)

    @OptionGroup var options: KnowledgeOptions

    @Option(name: .long, help: "A title for the transcript's `# title:` line.")
    var title: String?

    @Option(name: .long, help: ArgumentHelp("Tags for the `# tags:` line, separated by commas.", valueName: "TAGS"))
    var tags: String?

    @Flag(name: .long, help: "Overwrite FILE if it exists.")
    var force = false

    @Argument(help: "The transcript file to write.")
    var file: String

    func run() throws {
        if FileManager.default.fileExists(atPath: file) && !force {
            Output.error("magnesium: \(file) exists; pass --force to overwrite it")
            throw ExitCode(Status.failures)
        }
        let knowledge = try options.load()
        var script: [String] = []
        while let line = readLine(strippingNewline: true) { script.append(line) }
        let tagList = (tags ?? "").split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        let recorded: (text: String, turns: Int)
        do {
            recorded = try TranscriptRecorder(knowledge: knowledge).record(script: script, title: title, tags: tagList)
        } catch {
            Output.error("<stdin>:\(error.line): \(error.message)")
            throw ExitCode(Status.invalidData)
        }
        guard recorded.turns > 0 else {
            Output.error("magnesium: no questions on standard input; nothing recorded")
            throw ExitCode(Status.failures)
        }
        // What is written must replay green: check it as `replay` would, before writing.
        let transcript: Transcript
        do {
            transcript = try Transcript.parse(recorded.text, file: file)
        } catch {
            for diagnostic in error.diagnostics { Output.error(diagnostic.description) }
            Output.error("magnesium: \(file) not written: it would not replay")
            throw ExitCode(Status.failures)
        }
        let replayer = TranscriptReplayer(knowledge: knowledge)
        let unknown = replayer.validate(transcript, file: file)
        if !unknown.isEmpty {
            for diagnostic in unknown { Output.error(diagnostic.description) }
            throw ExitCode(Status.invalidData)
        }
        let result = replayer.replay(transcript, file: file)
        if !result.passed {
            for failure in result.failures {
                for problem in failure.routing + (failure.wording == nil ? [] : ["the reply differs on replay"]) {
                    Output.error("\(file):\(failure.annotationLine ?? failure.line): turn \(failure.turn + 1) > \(VisibleText.escaped(failure.input)): \(problem)")
                }
            }
            Output.error("magnesium: \(file) not written: a `# expect:` line does not hold")
            throw ExitCode(Status.failures)
        }
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        do {
            try AtomicFile.write(recorded.text, to: file, replace: force)
        } catch .exists {
            Output.error("magnesium: \(file) exists; pass --force to overwrite it")
            throw ExitCode(Status.failures)
        } catch let .cannotWrite(reason) {
            Output.error("magnesium: cannot write \(file): \(reason)")
            throw ExitCode(74)
        }
        Output.error("recorded \(recorded.turns) \(recorded.turns == 1 ? "turn" : "turns") in \(file)")
    }
}
