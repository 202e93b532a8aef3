import MagnesiumText

/// The words people type to leave a program, alone on a line: what other shells taught them
/// (`exit`, `quit`, psql's `\q`, sqlite's `.quit`, vi's `:q`).
///
/// In the shell every one of them leaves. In batch mode a line is a question in a
/// conversation, and `exit`, `quit` and `bye` are answered as before (a goodbye; the input
/// goes on, and saved transcripts keep their replies); only the spellings that cannot be a
/// question, `\q`, `.quit`, `.exit` and `:q`, end the input as `:quit` does.
enum LeavingWords {
    static let commandLike: Set<String> = [#"\q"#, ".quit", ".exit", ":q"]
    static let plainWords: Set<String> = ["exit", "quit", "bye"]

    /// True when the line, trimmed and in any case, is one of the words that leave the shell.
    static func leavesShell(_ line: String) -> Bool {
        let word = normalized(line)
        return commandLike.contains(word) || plainWords.contains(word)
    }

    /// True when the line ends batch input: a command-like spelling alone on the line.
    static func endsBatch(_ line: String) -> Bool { commandLike.contains(normalized(line)) }

    private static func normalized(_ line: String) -> String {
        line.trimmed.lowercased()
    }
}
