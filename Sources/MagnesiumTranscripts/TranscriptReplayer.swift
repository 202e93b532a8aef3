import MagnesiumKit
import MagnesiumKnowledge
import MagnesiumText

/// How one turn of a transcript differed on replay.
public struct TurnFailure: Sendable {
    /// 0-based turn number.
    public var turn: Int
    public var input: String
    /// File line of the `> ` line.
    public var line: Int
    /// File line of the `# expect:` annotation, when there is one.
    public var annotationLine: Int?
    /// Routing mismatches from the annotation, in plain words; empty when the turn was understood
    /// as expected.
    public var routing: [String]
    /// The expected reply lined up with the actual one; nil when the wording matched.
    public var wording: [ReplyPattern.Edit]?
    /// File line of each expected element, for pointing into the file.
    public var expectedLines: [Int]
}

/// The outcome of replaying one transcript.
public struct ReplayResult: Sendable {
    public var file: String
    public var transcript: Transcript
    /// Each turn's reply, for routing checks and coverage.
    public var replies: [Reply]
    /// Each turn's reply as plain lines, trailing spaces trimmed.
    public var actualReplies: [[String]]
    public var failures: [TurnFailure]

    public var passed: Bool { failures.isEmpty }
    public var routingChanged: Bool { failures.contains { !$0.routing.isEmpty } }
    public var wordingChanged: Bool { failures.contains { $0.wording != nil } }

    /// The failure report as plain text (empty when it passed): routing changes, then wording
    /// diffs.
    public var diff: String { ReplayReport.lines(for: self).map(\.text).joined(separator: "\n") }
}

/// Replays transcripts, each in a fresh ``Session``, exactly as a user would have typed them.
public struct TranscriptReplayer: Sendable {
    public let knowledge: Knowledge

    public init(knowledge: Knowledge) { self.knowledge = knowledge }

    /// Problems with a transcript's annotations that no replay can fix (an unknown intent or
    /// topic), as FILE:LINE diagnostics.
    public func validate(_ transcript: Transcript, file: String) -> [Diagnostic] {
        transcript.turns.flatMap { turn -> [Diagnostic] in
            guard let expectation = turn.expectation else { return [] }
            return expectation.unknownNames(in: knowledge.graph).map {
                Diagnostic(file: file, line: expectation.line, message: SafeText.escaped($0))
            }
        }
    }

    public func replay(_ transcript: Transcript, file: String) -> ReplayResult {
        var session = Session(knowledge: knowledge)
        var replies: [Reply] = []
        var actual: [[String]] = []
        var failures: [TurnFailure] = []
        for (index, turn) in transcript.turns.enumerated() {
            let reply = session.respond(to: turn.input)
            let lines = transcriptLines(reply, session)
            replies.append(reply)
            actual.append(lines)
            let routing = turn.expectation?.mismatches(with: reply) ?? []
            let pattern = turn.pattern
            let wording = pattern.matches(lines) ? nil : pattern.alignment(with: lines)
            if !routing.isEmpty || wording != nil {
                let expectedLines =
                    turn.expectedLines.count == turn.expected.count
                    ? turn.expectedLines : turn.expected.indices.map { turn.line + 1 + $0 }
                failures.append(
                    TurnFailure(
                        turn: index, input: turn.input, line: turn.line,
                        annotationLine: turn.expectation?.line,
                        routing: routing, wording: wording, expectedLines: expectedLines))
            }
        }
        return ReplayResult(
            file: file, transcript: transcript, replies: replies, actualReplies: actual,
            failures: failures)
    }
}

/// The lines of a replay failure report, each with its kind so a terminal can colour it.
public enum ReplayReport {
    public struct Line: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            case section, location, routing, diffHeader, hunkHeader, context, removed, added, hint
        }

        public var kind: Kind
        public var text: String
    }

    /// Routing changes first, then a unified diff of each reply whose wording changed,
    /// every entry led by `FILE:LINE: turn N > input`.
    public static func lines(for result: ReplayResult, context: Int = 1) -> [Line] {
        var out: [Line] = []
        let routed = result.failures.filter { !$0.routing.isEmpty }
        if !routed.isEmpty {
            out.append(Line(kind: .section, text: "routing changed (how a turn was understood):"))
            for failure in routed {
                let place =
                    "\(result.file):\(failure.annotationLine ?? failure.line): turn \(failure.turn + 1) > \(SafeText.escaped(failure.input))"
                out.append(Line(kind: .location, text: place))
                for problem in failure.routing {
                    out.append(Line(kind: .routing, text: "  " + problem))
                }
            }
        }
        let worded = result.failures.filter { $0.wording != nil }
        if !worded.isEmpty {
            out.append(Line(kind: .section, text: "reply changed:"))
            for failure in worded {
                let place =
                    "\(result.file):\(failure.expectedLines.first ?? failure.line + 1): turn \(failure.turn + 1) > \(SafeText.escaped(failure.input))"
                out.append(Line(kind: .location, text: place))
                out.append(Line(kind: .diffHeader, text: "--- \(result.file) (expected)"))
                out.append(Line(kind: .diffHeader, text: "+++ actual"))
                out += hunks(
                    failure.wording ?? [], expectedLines: failure.expectedLines,
                    firstLine: failure.expectedLines.first ?? failure.line + 1, context: context)
            }
        }
        return out
    }

    /// Unified-diff hunks for one turn, numbered by file line.
    static func hunks(
        _ edits: [ReplyPattern.Edit], expectedLines: [Int], firstLine: Int, context: Int
    ) -> [Line] {
        struct Row {
            var line: Line
            var old: Int?, new: Int?
            var oldCount: Int, newCount: Int
            var changed: Bool
        }
        var rows: [Row] = []
        var newLine = firstLine
        for edit in edits {
            switch edit {
            case .same(let element, let text):
                rows.append(
                    Row(
                        line: Line(kind: .context, text: " " + ReplyPattern.escape(text)),
                        old: expectedLines[element], new: newLine, oldCount: 1, newCount: 1,
                        changed: false))
                newLine += 1
            case .skipped(let element, let lines):
                rows.append(
                    Row(
                        line: Line(kind: .context, text: " " + ReplyPattern.wildcard),
                        old: expectedLines[element], new: newLine, oldCount: 1,
                        newCount: lines.count, changed: false))
                newLine += lines.count
            case .removed(let element, let text):
                rows.append(
                    Row(
                        line: Line(kind: .removed, text: "-" + ReplyPattern.escape(text)),
                        old: expectedLines[element], new: nil, oldCount: 1, newCount: 0,
                        changed: true))
            case .added(let text):
                rows.append(
                    Row(
                        line: Line(kind: .added, text: "+" + ReplyPattern.escape(text)), old: nil,
                        new: newLine, oldCount: 0, newCount: 1, changed: true))
                newLine += 1
            }
        }
        let changedRows = rows.indices.filter { rows[$0].changed }
        var out: [Line] = []
        var index = 0
        while let change = changedRows.first(where: { $0 >= index }) {
            let start = max(index, change - context)
            var end = change
            // Grow the hunk while the next change is close enough to share context.
            while let next = changedRows.first(where: { $0 > end }), next - end <= context * 2 + 1 {
                end = next
            }
            end = min(rows.count, end + context + 1)
            let hunk = rows[start..<end]
            let oldStart =
                hunk.compactMap(\.old).first
                ?? (rows[..<start].compactMap(\.old).last.map { $0 + 1 } ?? firstLine)
            let newStart = hunk.compactMap(\.new).first ?? newLine
            let oldCount = hunk.map(\.oldCount).reduce(0, +)
            let newCount = hunk.map(\.newCount).reduce(0, +)
            out.append(
                Line(
                    kind: .hunkHeader,
                    text: "@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@"))
            out += hunk.map(\.line)
            out += hints(Array(hunk.map(\.line)))
            index = end
        }
        return out
    }

    /// For a long line replaced by another, the words that changed, so a reader need not hunt
    /// through a paragraph.
    static func hints(_ lines: [Line]) -> [Line] {
        var out: [Line] = []
        var index = 0
        while index < lines.count {
            guard lines[index].kind == .removed else {
                index += 1
                continue
            }
            var removed: [String] = []
            var added: [String] = []
            while index < lines.count, lines[index].kind == .removed {
                removed.append(String(lines[index].text.dropFirst()))
                index += 1
            }
            while index < lines.count, lines[index].kind == .added {
                added.append(String(lines[index].text.dropFirst()))
                index += 1
            }
            for (old, new) in zip(removed, added) where old.count > 80 || new.count > 80 {
                let (was, now) = changedWords(old, new)
                out.append(Line(kind: .hint, text: "~ \"\(was)\" became \"\(now)\""))
            }
        }
        return out
    }

    /// The differing middle of two lines, word by word, with one word of context each side.
    static func changedWords(_ old: String, _ new: String, limit: Int = 100) -> (String, String) {
        let a = old.split(separator: " ", omittingEmptySubsequences: false)
        let b = new.split(separator: " ", omittingEmptySubsequences: false)
        var prefix = 0
        while prefix < min(a.count, b.count), a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < min(a.count, b.count) - prefix,
            a[a.count - 1 - suffix] == b[b.count - 1 - suffix]
        { suffix += 1 }
        func middle(_ words: [Substring]) -> String {
            let from = max(0, prefix - 1)
            let to = min(words.count, words.count - suffix + 1)
            var text = (from < to ? words[from..<to] : []).joined(separator: " ")
            if text.count > limit { text = String(text.prefix(limit - 1)) + "…" }
            return (from > 0 ? "…" : "") + text + (to < words.count ? "…" : "")
        }
        return (middle(a), middle(b))
    }
}
