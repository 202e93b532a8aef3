import ArgumentParser
import Foundation

@main
struct Magnesium: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "magnesium",
        abstract: "An offline assistant for questions about magnesium bisglycinate and muscle cramps.",
        discussion: """
            With no subcommand: a chat shell on a terminal, or batch mode when standard input is a pipe \
            or file (one question per line; --json for one JSON object per line).

            Exit status: 0 success; 1 a replay or check found failures; 64 usage error; \
            65 invalid knowledge or transcript (FILE:LINE: message on stderr); 66 a file or folder not found.
            """,
        version: "0.1.0",
        subcommands: [Chat.self, Ask.self, Replay.self, Record.self, Check.self, GraphCommand.self],
        defaultSubcommand: Chat.self
    )

    /// Plain `magnesium` and `magnesium --json` (how batches and pipes start) go straight to the
    /// chat: building the parser's command tree looks up type metadata for every option of every
    /// subcommand, about 2 ms of a start-up budget of 12. Every other command line is parsed as usual.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard arguments.isEmpty || arguments == ["--json"] else { return main(nil) }
        do {
            try Chat.run(knowledgeFolder: nil, json: !arguments.isEmpty, color: .auto, noHistory: false)
        } catch {
            exit(withError: error)
        }
    }
}
