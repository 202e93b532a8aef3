import MagnesiumUnderstanding

/// Reading a line before the conversation answers it: batch mode does this on a thread of its own.
extension Session {
    /// Questions are read up to this many characters, so a pasted wall of text costs bounded time.
    public static let longestQuestion = 1_000

    /// A line as far as it can be read without the conversation: trimmed and, for a question,
    /// understood. It depends on the line and the knowledge alone, so batch mode reads the next
    /// lines on another thread while this one answers.
    public struct ReadLine: Sendable {
        public let line: String
        let trimmed: String
        /// The question's words, topics and intent scores; nil for a command or an empty line.
        package let understanding: Understanding?
        /// Set when the question was cut to ``Session/longestQuestion`` characters before reading.
        let cutFrom: Int?
        /// The question's words, normalised (``Understanding/normalized``), which batch mode's
        /// reader keeps for the line after.
        public var normalized: String? { understanding?.normalized }

        /// Nothing but white space: batch mode skips such lines.
        public var isBlank: Bool { trimmed.isEmpty }
    }

    /// Reads a line for ``respond(to:)-(ReadLine)``; safe to call on any thread. `rankingAhead`
    /// also ranks the designed answers as far as that can be done without the conversation: worth
    /// it on a thread of its own (batch mode's reader), a cost where the answering thread reads.
    /// Then a short line is also read together with `before`, the words of the question before
    /// it, which a follow-up usually leans on (see ``leaning(_:on:_:lastAnswer:share:)``).
    public static func read(
        _ line: String, understander: Understander, rankingAhead: Bool = false,
        before: String? = nil
    ) -> ReadLine {
        let trimmed = line.trimmed
        guard !trimmed.hasPrefix(":"), !trimmed.isEmpty else {
            return ReadLine(line: line, trimmed: trimmed, understanding: nil, cutFrom: nil)
        }
        // Counting characters walks the whole line; no line of fewer bytes than the limit can
        // exceed it.
        let cut = trimmed.utf8.count > longestQuestion && trimmed.count > longestQuestion
        var understanding = understander.understand(
            cut ? String(trimmed.prefix(longestQuestion)) : trimmed)
        if rankingAhead {
            understander.rankAnswersAhead(&understanding)
            if let before, mayLean(understanding, understander: understander) {
                let text = leaningText(before, understanding)
                var together = understander.understand(text)
                understander.rankAnswersAhead(&together)
                understanding.readAlongside = TextUnderstood(text: text, understanding: together)
            }
        }
        return ReadLine(
            line: line, trimmed: trimmed, understanding: understanding,
            cutFrom: cut ? trimmed.count : nil)
    }
}
