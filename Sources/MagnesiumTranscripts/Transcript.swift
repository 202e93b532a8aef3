import MagnesiumKit
import MagnesiumKnowledge
import MagnesiumText

/// A saved conversation: what the user typed and the replies expected, in the
/// plain-text format documented in `Transcripts/README.md`.
///
/// ```
/// # title: dose follow-up resolves "it"
/// # tags: dosing, follow-up
/// > what is magnesium bisglycinate?
/// Magnesium bisglycinate is ...
/// > how much of it should I take?
/// # expect: intent=dose topic=magnesium-bisglycinate
/// To get 200 mg of elemental magnesium ...
/// ...
/// ```
///
/// A parsed transcript keeps every line it was read from, so ``updatingReplies(_:)``
/// can rewrite the replies and leave comments, annotations and layout alone.
public struct Transcript: Sendable, Equatable {
    /// One thing the user typed, and what should come back.
    public struct Turn: Sendable, Equatable {
        /// A turn made in code (by `record` or `:save`): `expected` is written as the reply.
        public init(
            input: String, expected: [String], line: Int, expectation: RoutingExpectation? = nil
        ) {
            self.input = input
            self.expected = expected
            self.line = line
            self.expectation = expectation
            self.block = (expectation.map { [$0.description] } ?? []) + expected
        }

        /// What the user typed, without the `> ` marker.
        public var input: String
        /// The expected reply as written in the file: a `...` line matches any lines, and a leading
        /// `\` keeps a line that would otherwise read as markup (see ``ReplyPattern``).
        public var expected: [String]
        /// 1-based line of the `> ` line in the file.
        public var line: Int
        /// The `# expect:` annotation right after the `> ` line, if any.
        public var expectation: RoutingExpectation?
        /// The lines after the `> ` line up to the next turn, exactly as written.
        var block: [String]
        /// 1-based file line of each entry of `expected`.
        var expectedLines: [Int] = []

        /// The expected reply as a pattern to match replies against.
        public var pattern: ReplyPattern { ReplyPattern(fileLines: expected) }
    }

    public var title: String?
    public var tags: [String] = []
    public var turns: [Turn] = []
    /// The lines before the first `> ` line, exactly as written; nil for a transcript made in code.
    var preamble: [String]?
    /// Whether the text read ended with a newline, so an update keeps it that way.
    var endsWithNewline = true
    /// What ended each line read (`"\n"`, `"\r\n"`; for the last line also `""` or a lone
    /// `"\r"`), by line number - 1, so an update writes every line it keeps with its own ending
    /// and a CRLF file stays CRLF.
    var lineEndings: [String] = []
    /// The ending for lines an update writes anew: the one most lines of the file had.
    var lineBreak = "\n"

    public init(title: String? = nil, tags: [String] = [], turns: [Turn] = []) {
        self.title = title
        self.tags = tags
        self.turns = turns
    }

    /// Parses a transcript; every problem found names the file and line.
    public static func parse(_ text: String, file: String) throws(DiagnosticsError) -> Transcript {
        var transcript = Transcript()
        transcript.preamble = []
        var problems: [Diagnostic] = []
        let lines = transcript.splitIntoLines(text)
        for (index, raw) in lines.enumerated() {
            let number = index + 1
            if let input = userInput(raw) {
                var turn = Turn(input: input, expected: [], line: number)
                turn.block = []
                transcript.turns.append(turn)
            } else if transcript.turns.isEmpty {
                transcript.readPreambleLine(raw, number: number, file: file, problems: &problems)
            } else {
                transcript.readReplyLine(raw, number: number, file: file, problems: &problems)
            }
        }
        transcript.trimReplies(file: file, problems: &problems)
        if transcript.turns.isEmpty {
            problems.append(
                Diagnostic(
                    file: file, line: max(1, lines.count),
                    message: "no user turn (`> ` line): a transcript that tests nothing"))
        }
        if !problems.isEmpty { throw DiagnosticsError(problems.sorted()) }
        return transcript
    }

    /// The text's lines without their endings, which are kept (with the file's usual line break)
    /// so an update writes each line back as it was.
    private mutating func splitIntoLines(_ text: String) -> [String] {
        // Split on the scalar: "\r\n" is one Character, so a Character split would never break a
        // CRLF file.
        let pieces = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
        var lines: [String] = []
        for (index, piece) in pieces.enumerated() {
            var line = String(String.UnicodeScalarView(piece))
            var ending = index < pieces.count - 1 ? "\n" : ""
            // Only the one CR before the line break is part of the ending; any other CR is text.
            if line.unicodeScalars.last == "\r" {
                line.unicodeScalars.removeLast()
                ending = "\r" + ending
            }
            lines.append(line)
            lineEndings.append(ending)
        }
        endsWithNewline = lines.last == "" && lineEndings.last == ""
        if endsWithNewline {
            lines.removeLast()
            lineEndings.removeLast()
        }
        let crlfCount = lineEndings.filter { $0 == "\r\n" }.count
        lineBreak = crlfCount * 2 > lineEndings.count ? "\r\n" : "\n"
        return lines
    }

    /// A line before the first `> `: a title, tags or a comment.
    private mutating func readPreambleLine(
        _ raw: String, number: Int, file: String, problems: inout [Diagnostic]
    ) {
        preamble?.append(raw)
        let directive = Directive(raw)
        switch directive {
        case .title(let title): self.title = title
        case .tags(let tags): self.tags += tags
        case .expectation:
            problems.append(
                Diagnostic(
                    file: file, line: number,
                    message: "`# expect:` must come right after a `> ` line"))
        case .comment, .none:
            if directive == nil && !raw.trimmingCharacters(in: .whitespaces).isEmpty {
                problems.append(
                    Diagnostic(
                        file: file, line: number,
                        message:
                            "text before the first `> ` line; start the conversation with `> ` or make it a `#` comment"
                    ))
            }
        }
    }

    /// A line after a `> ` line: the expected reply, a comment or the turn's `# expect:`.
    private mutating func readReplyLine(
        _ raw: String, number: Int, file: String, problems: inout [Diagnostic]
    ) {
        let current = turns.count - 1
        let isFirstLineOfTurn = turns[current].block.isEmpty
        turns[current].block.append(raw)
        switch Directive(raw) {
        case .expectation(let text):
            guard isFirstLineOfTurn else {
                problems.append(
                    Diagnostic(
                        file: file, line: number,
                        message: "`# expect:` must come right after a `> ` line"))
                return
            }
            do {
                turns[current].expectation = try RoutingExpectation(parsing: text, line: number)
            } catch {
                problems.append(
                    Diagnostic(file: file, line: number, message: SafeText.escaped(error.message)))
            }
        case .title, .tags:
            problems.append(
                Diagnostic(
                    file: file, line: number,
                    message: "`# title:` and `# tags:` belong before the first `> ` line"))
        case .comment:
            break
        case .none:
            turns[current].expected.append(trimTrailing(raw))
            turns[current].expectedLines.append(number)
        }
    }

    /// Trims blank lines around each expected reply; a turn that checks nothing is a problem.
    private mutating func trimReplies(file: String, problems: inout [Diagnostic]) {
        for index in turns.indices {
            var turn = turns[index]
            let kept = blankEdgesTrimmed(turn.expected)
            turn.expectedLines = Array(turn.expectedLines[kept])
            turn.expected = Array(turn.expected[kept])
            turns[index] = turn
            let turnName = "turn \(index + 1) (> \(SafeText.escaped(turn.input)))"
            if turn.expected.isEmpty {
                problems.append(
                    Diagnostic(
                        file: file, line: turn.line,
                        message: "\(turnName) has no expected reply: a test that checks nothing"))
            } else if turn.pattern.matchesAnything && turn.expectation == nil {
                problems.append(
                    Diagnostic(
                        file: file, line: turn.line,
                        message:
                            "\(turnName) expects only `...`, which matches anything; write the reply or add a `# expect:` line"
                    ))
            }
        }
    }

    /// The transcript as text in the standard layout, with the given replies (plain
    /// text, escaped here) in place of the expected ones. This is how `record` writes.
    public func render(replies: [[String]]? = nil) -> String {
        var out: [String] = []
        if let title { out.append("# title: \(title)") }
        if !tags.isEmpty { out.append("# tags: \(tags.joined(separator: ", "))") }
        for (index, turn) in turns.enumerated() {
            out.append("> \(turn.input)")
            if let expectation = turn.expectation { out.append(expectation.description) }
            if let replies {
                out.append(contentsOf: replies[index].map(ReplyPattern.escape))
            } else {
                out.append(contentsOf: turn.expected)
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// The file's text with each turn whose reply no longer matches rewritten to the
    /// actual reply; everything else (comments, annotations, blank lines, `...` lines
    /// that still match, what the user typed down to a stray CR, and each line's ending)
    /// stays as written; new lines take the file's usual ending, so a CRLF file stays CRLF.
    /// Returns the numbers (0-based) of the turns changed.
    public func updatingReplies(_ actual: [[String]]) -> (text: String, changedTurns: [Int]) {
        guard let preamble else {
            // Made in code: no layout to keep.
            let changed = turns.indices.filter {
                $0 < actual.count && !turns[$0].pattern.matches(actual[$0])
            }
            let replies = turns.indices.map { index in
                changed.contains(index)
                    ? turns[index].pattern.rewritten(toMatch: actual[index]) : turns[index].expected
            }
            var copy = self
            for index in copy.turns.indices { copy.turns[index].expected = replies[index] }
            return (copy.render(), changed)
        }
        // Each line written with the number of the line it was read from; nil for a new line.
        var out: [(text: String, line: Int?)] = preamble.enumerated().map { ($1, $0 + 1) }
        var changed: [Int] = []
        for (index, turn) in turns.enumerated() {
            out.append(("> \(turn.input)", turn.line))
            let firstLine = turn.line + 1
            let block = turn.block.enumerated().map { (text: $1, line: Optional(firstLine + $0)) }
            guard index < actual.count, !turn.pattern.matches(actual[index]) else {
                out.append(contentsOf: block)
                continue
            }
            changed.append(index)
            let replacement = turn.pattern.rewritten(toMatch: actual[index])
            // The reply occupies the block from its first to its last reply line; comments
            // inside it move below the new reply so no note is lost.
            let replyLines = Set(turn.expectedLines)
            let offsets = turn.block.indices.filter { replyLines.contains(firstLine + $0) }
            let start = offsets.first ?? turn.block.count
            let end = offsets.last.map { $0 + 1 } ?? turn.block.count
            out.append(contentsOf: block[..<start])
            out.append(contentsOf: replacement.map { ($0, nil) })
            out.append(contentsOf: block[start..<end].filter { Directive($0.text) != nil })
            out.append(contentsOf: block[end...])
        }
        var text = ""
        for (index, entry) in out.enumerated() {
            text +=
                entry.text + ending(afterLine: entry.line, isLastWritten: index == out.count - 1)
        }
        return (text, changed)
    }

    /// The ending an update writes after a line: the line's own as read, or ``lineBreak`` for a
    /// new line; the last line written ends as the file did.
    private func ending(afterLine line: Int?, isLastWritten: Bool) -> String {
        let read = line.map { lineEndings[$0 - 1] }
        if isLastWritten {
            if let read, line == lineEndings.count { return read }
            return endsWithNewline ? lineBreak : ""
        }
        guard let read else { return lineBreak }
        // Only the file's last line can lack a line break; moved up, it needs one.
        // Compared by scalar: "\r\n" is one Character, which `hasSuffix("\n")` would not see.
        return read.unicodeScalars.last == "\n" ? read : read + lineBreak
    }

    /// A transcript of everything said so far in a session: how `record` and `:save` capture one.
    public static func recording(_ session: Session, title: String? = nil, tags: [String] = [])
        -> Transcript
    {
        var transcript = Transcript(title: title, tags: tags)
        for (input, reply) in session.turns {
            let lines = transcriptLines(reply, session).map(ReplyPattern.escape)
            transcript.turns.append(Turn(input: input, expected: lines, line: 0))
        }
        return transcript
    }

    /// The input of a `> ` line, or nil for any other line.
    static func userInput(_ line: String) -> String? {
        if line == ">" { return "" }
        guard line.hasPrefix("> ") else { return nil }
        return String(line.dropFirst(2))
    }
}

/// What a `#` line means.
enum Directive: Equatable {
    case title(String)
    case tags([String])
    case expectation(String)
    case comment

    /// Nil when the line is not a `#` line.
    init?(_ line: String) {
        guard line.hasPrefix("#") else { return nil }
        let body = line.dropFirst().trimmingCharacters(in: .whitespaces)
        func value(after key: String) -> String? {
            guard body.lowercased().hasPrefix(key) else { return nil }
            return body.dropFirst(key.count).trimmingCharacters(in: .whitespaces)
        }
        if let title = value(after: "title:") {
            self = .title(title)
        } else if let tags = value(after: "tags:") {
            self = .tags(tags.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init))
        } else if let expectation = value(after: "expect:") {
            self = .expectation(expectation)
        } else {
            self = .comment
        }
    }
}

func trimTrailing(_ line: String) -> String {
    var result = Substring(line)
    while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
    return String(result)
}

/// The range of `lines` left once blank lines at both ends are dropped.
func blankEdgesTrimmed(_ lines: [String]) -> Range<Int> {
    let isBlank = { (line: String) in line.allSatisfy { $0 == " " || $0 == "\t" } }
    guard let first = lines.firstIndex(where: { !isBlank($0) }),
        let last = lines.lastIndex(where: { !isBlank($0) })
    else { return 0..<0 }
    return first..<(last + 1)
}

/// A reply as a transcript holds it: the plain lines a person reads, without trailing spaces
/// or blank lines around them.
func transcriptLines(_ reply: Reply, _ session: Session) -> [String] {
    blankEdgesTrimmedLines(PlainRenderer.lines(for: reply, session: session).map(trimTrailing))
}

func blankEdgesTrimmedLines(_ lines: [String]) -> [String] {
    Array(lines[blankEdgesTrimmed(lines)])
}
