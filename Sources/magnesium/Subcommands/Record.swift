import ArgumentParser
import Foundation
import MagnesiumKit

/// Writes a transcript from questions piped on standard input.
struct Record: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Answer questions from standard input and save the conversation as a transcript.",
        discussion: "The file replays green at once with `magnesium replay FILE`. Refuses to overwrite an existing file unless --force is given.")

    @OptionGroup var options: KnowledgeOptions

    @Option(name: .long, help: "A title for the transcript's `# title:` line.")
    var title: String?

    @Flag(name: .long, help: "Overwrite FILE if it exists.")
    var force = false

    @Argument(help: "The transcript file to write.")
    var file: String

    func run() throws {
        if FileManager.default.fileExists(atPath: file) && !force {
            Output.error("magnesium: \(file) exists; pass --force to overwrite it")
            throw ExitCode(Status.failures)
        }
        var session = Session(knowledge: try options.load())
        var transcript = Transcript()
        transcript.title = title
        var replies: [[String]] = []
        while let line = readLine(strippingNewline: true) {
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let reply = session.respond(to: line)
            transcript.turns.append(.init(input: line, expected: [], line: 0))
            replies.append(PlainRenderer.lines(for: reply, session: session))
        }
        guard !transcript.turns.isEmpty else {
            Output.error("magnesium: no questions on standard input; nothing recorded")
            throw ExitCode(Status.failures)
        }
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // Write beside the target, then rename: a reader never sees half a file.
        let temporary = folder.appendingPathComponent(".\(URL(fileURLWithPath: file).lastPathComponent).tmp")
        do {
            try transcript.render(replies: replies).write(to: temporary, atomically: false, encoding: .utf8)
            if rename(temporary.path, file) != 0 { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            Output.error("magnesium: cannot write \(file)")
            throw ExitCode(74)
        }
        Output.error("recorded \(transcript.turns.count) turns in \(file)")
    }
}
