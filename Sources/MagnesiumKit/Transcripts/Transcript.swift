/// A saved conversation: what the user typed and the replies expected, in the
/// plain-text format documented in `Transcripts/README.md`.
public struct Transcript: Sendable, Equatable {
    public struct Turn: Sendable, Equatable {
        public init(input: String, expected: [String], line: Int) {
            self.input = input
            self.expected = expected
            self.line = line
        }

        public var input: String
        public var expected: [String]
        /// 1-based line of the `> ` line in the file.
        public var line: Int
    }

    public var title: String?
    public var tags: [String] = []
    public var turns: [Turn] = []

    public init() {}

    /// Parses a transcript; problems name the file and line.
    public static func parse(_ text: String, file: String) throws(KnowledgeLoadError) -> Transcript {
        var transcript = Transcript()
        var problems: [Diagnostic] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0).replacingOccurrences(of: "\r", with: "") }
        for (index, raw) in lines.enumerated() {
            let number = index + 1
            if raw.hasPrefix("> ") || raw == ">" {
                transcript.turns.append(Turn(input: String(raw.dropFirst(raw == ">" ? 1 : 2)), expected: [], line: number))
            } else if raw.hasPrefix("#") {
                let comment = raw.dropFirst().trimmingCharacters(in: .whitespaces)
                if comment.lowercased().hasPrefix("title:") {
                    transcript.title = comment.dropFirst(6).trimmingCharacters(in: .whitespaces)
                } else if comment.lowercased().hasPrefix("tags:") {
                    transcript.tags = comment.dropFirst(5).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                }
            } else if !transcript.turns.isEmpty {
                transcript.turns[transcript.turns.count - 1].expected.append(trimTrailing(raw))
            } else if !raw.trimmingCharacters(in: .whitespaces).isEmpty {
                problems.append(Diagnostic(file: file, line: number, message: "text before the first `> ` line; start the conversation with `> ` or make it a `#` comment"))
            }
        }
        for index in transcript.turns.indices {
            transcript.turns[index].expected = trimBlankEdges(transcript.turns[index].expected)
            if transcript.turns[index].expected.isEmpty {
                problems.append(Diagnostic(file: file, line: transcript.turns[index].line, message: "turn has no expected reply (a test that checks nothing)"))
            }
        }
        if transcript.turns.isEmpty {
            problems.append(Diagnostic(file: file, line: 1, message: "no user turn (`> ` line): a transcript that tests nothing"))
        }
        if !problems.isEmpty { throw KnowledgeLoadError(problems) }
        return transcript
    }

    /// The transcript as text, with the given replies in place of the expected ones.
    public func render(replies: [[String]]? = nil) -> String {
        var out: [String] = []
        if let title { out.append("# title: \(title)") }
        if !tags.isEmpty { out.append("# tags: \(tags.joined(separator: ", "))") }
        for (index, turn) in turns.enumerated() {
            out.append("> \(turn.input)")
            out.append(contentsOf: replies?[index] ?? turn.expected)
        }
        return out.joined(separator: "\n") + "\n"
    }
}

/// The outcome of replaying one transcript.
public struct ReplayResult: Sendable {
    public var file: String
    public var passed: Bool
    /// Unified diff of expected against actual, empty when it passed.
    public var diff: String
    public var actualReplies: [[String]]
}

/// Replays transcripts through a fresh ``Session`` each.
public struct TranscriptReplayer: Sendable {
    public let knowledge: Knowledge

    public init(knowledge: Knowledge) { self.knowledge = knowledge }

    public func replay(_ transcript: Transcript, file: String) -> ReplayResult {
        var session = Session(knowledge: knowledge)
        var actual: [[String]] = []
        var firstMismatch: Int?
        for (index, turn) in transcript.turns.enumerated() {
            let reply = session.respond(to: turn.input)
            let lines = PlainRenderer.lines(for: reply, session: session).map(trimTrailing)
            actual.append(lines)
            if lines != turn.expected && firstMismatch == nil { firstMismatch = index }
        }
        guard let mismatch = firstMismatch else { return ReplayResult(file: file, passed: true, diff: "", actualReplies: actual) }
        let expectedText = transcript.render().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let actualText = transcript.render(replies: actual).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = "first difference at turn \(mismatch + 1) (\(file):\(transcript.turns[mismatch].line): > \(transcript.turns[mismatch].input))"
        let diff = header + "\n" + UnifiedDiff.make(expected: expectedText, actual: actualText, expectedName: file, actualName: "actual")
        return ReplayResult(file: file, passed: false, diff: diff, actualReplies: actual)
    }
}

/// Plain, stable text for a reply: the answer, then one line naming its numbered sources.
public enum PlainRenderer {
    public static func lines(for reply: Reply, session: Session) -> [String] {
        var text = reply.text
        if !reply.sourceIDs.isEmpty {
            text += "\nSources: " + reply.sourceIDs.enumerated().map { index, id in
                "[\(index + 1)] " + (session.knowledge.graph.source(id)?.shortCitation ?? id)
            }.joined(separator: "; ")
        }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    public static func text(for reply: Reply, session: Session) -> String {
        lines(for: reply, session: session).joined(separator: "\n")
    }
}

func trimTrailing(_ line: String) -> String {
    var result = Substring(line)
    while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
    return String(result)
}

func trimBlankEdges(_ lines: [String]) -> [String] {
    var slice = lines[...]
    while let first = slice.first, first.trimmingCharacters(in: .whitespaces).isEmpty { slice = slice.dropFirst() }
    while let last = slice.last, last.trimmingCharacters(in: .whitespaces).isEmpty { slice = slice.dropLast() }
    return Array(slice)
}
