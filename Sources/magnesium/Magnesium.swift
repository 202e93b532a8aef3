import ArgumentParser
import Foundation
import MagnesiumKit
import MagnesiumKnowledge
import MagnesiumText
import MagnesiumTranscripts
import MagnesiumUnderstanding

@main
struct Magnesium: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "magnesium",
        abstract:
            "An offline assistant for questions about magnesium bisglycinate and muscle cramps.",
        discussion: """
            With no subcommand: a chat shell on a terminal, or batch mode when standard input is a pipe \
            or file (one question per line; --json for one JSON object per line). A subcommand's options \
            may also come before its name: magnesium --knowledge DIR ask "QUESTION".

            Exit status: 0 success (also when the reader of a pipe goes away early); 1 a replay or record \
            failed; 64 usage error; 65 invalid knowledge or transcript (FILE:LINE: message on stderr); 66 a \
            file or folder not found; 74 an I/O error (standard output could not be written, standard input \
            could not be read, or a file could not be written); 130 / 143 batch mode stopped by SIGINT / \
            SIGTERM. Each command's --help gives its own.
            """,
        version: "0.1.0",
        subcommands: [
            Chat.self, Ask.self, Replay.self, Record.self, Check.self, GraphCommand.self,
        ],
        defaultSubcommand: Chat.self
    )

    /// Plain `magnesium` and `magnesium --json` (how batches and pipes start) go straight to the
    /// chat: building the parser's command tree looks up type metadata for every option of every
    /// subcommand, about 2 ms of a start-up budget of 12. So does `magnesium --version`, the
    /// process floor a start-up is measured against, which then costs what those starts cost
    /// before their work (the parser was 15 M of its 18 M instructions). Every other command line
    /// is parsed as usual.
    static func main() {
        // Before anything opens a file or pipe: a closed 0, 1 or 2 must not be taken by one.
        StandardDescriptors.ensureOpen()
        // A closed pipe then shows up as EPIPE, which ``Output`` and ``BatchOutput`` end quietly
        // on.
        signal(SIGPIPE, SIG_IGN)
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments == ["--version"] {
            Output.line(configuration.version)
            Foundation.exit(Output.finalStatus(0))
        }
        guard arguments.isEmpty || arguments == ["--json"] else { runParsed(arguments) }
        do {
            try Chat.run(
                knowledgeFolder: nil, json: !arguments.isEmpty, color: .auto, noHistory: false,
                long: false, noPager: false)
            Foundation.exit(Output.finalStatus(0))
        } catch {
            finish(with: error)
        }
    }

    /// What ArgumentParser's `main` does, with two differences: its messages go through
    /// ``SafeText`` (they quote the arguments, which may hold escape sequences), and the
    /// exit status accounts for failed writes to standard output (``Output/finalStatus(_:)``).
    private static func runParsed(_ arguments: [String]) -> Never {
        do {
            var command = try parseAsRoot(subcommandFirst(arguments))
            try command.run()
            Foundation.exit(Output.finalStatus(0))
        } catch {
            finish(with: error)
        }
    }

    /// Options that take a value when written apart from it (`--knowledge DIR`).
    static let optionsWithValues: Set<String> = ["--knowledge", "--color"]

    /// `magnesium --knowledge DIR ask …` as `magnesium ask --knowledge DIR …`: options written
    /// before a subcommand's name are moved after it, where ArgumentParser looks for them (it
    /// would take them for the default `chat` and the name for a stray argument). A subcommand
    /// that has no such option reports it as unknown (status 64).
    static func subcommandFirst(_ arguments: [String]) -> [String] {
        let names = Set(configuration.subcommands.map { $0._commandName })
        var index = 0
        while index < arguments.count, arguments[index].hasPrefix("-"), arguments[index] != "--" {
            index += optionsWithValues.contains(arguments[index]) ? 2 : 1
        }
        guard index > 0, index < arguments.count, names.contains(arguments[index]) else {
            return arguments
        }
        return [arguments[index]] + arguments[..<index] + arguments[(index + 1)...]
    }

    private static func finish(with error: Error) -> Never {
        let status = exitCode(for: error).rawValue
        let message = fullMessage(for: error)
        if !message.isEmpty {
            // --help and --version end with status 0 and print to stdout; errors go to stderr.
            if status == 0 {
                Output.line(message)
            } else {
                Output.error(SafeText.escaped(message, keepingNewlines: true))
            }
        }
        Foundation.exit(Output.finalStatus(status))
    }
}
