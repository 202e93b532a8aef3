import ArgumentParser

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
}
