import MagnesiumKit
import MagnesiumKnowledge
import MagnesiumText

/// Turns a script (questions, one a line, with optional `#` lines) into transcript text
/// by asking every question in one ``Session``: what `magnesium record` writes.
///
/// `#` lines in the script are kept as they are: `# title:` and `# tags:` before the
/// first question head the file, a `# expect:` line right after a question becomes
/// that turn's annotation, and any other `#` line stays a comment in its place.
/// Blank lines are skipped; after `:quit` no more questions are asked (the `#` lines
/// right after it still count, so `:quit` can carry an `# expect:` line).
public struct TranscriptRecorder: Sendable {
    public let knowledge: Knowledge

    public init(knowledge: Knowledge) { self.knowledge = knowledge }

    /// A problem in the script, by its line number (1-based).
    public struct ScriptError: Error, Sendable {
        public var line: Int
        public var message: String
    }

    /// The transcript text for the script; `title` and `tags`, when given, replace the script's
    /// own.
    public func record(script: [String], title: String? = nil, tags: [String] = [])
        throws(ScriptError) -> (text: String, turns: Int)
    {
        var session = Session(knowledge: knowledge)
        var header: [String] = []
        var body: [String] = []
        var scriptTitle: String?
        var scriptTags: [String] = []
        var turns = 0
        var lastWasQuestion = false
        var quit = false
        for (index, line) in script.enumerated() {
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            if let directive = Directive(line) {
                switch directive {
                case .title(let text) where turns == 0: scriptTitle = text
                case .tags(let list) where turns == 0: scriptTags += list
                case .title, .tags:
                    throw ScriptError(
                        line: index + 1,
                        message: "`# title:` and `# tags:` belong before the first question")
                case .expectation(let text):
                    guard lastWasQuestion else {
                        throw ScriptError(
                            line: index + 1, message: "`# expect:` must come right after a question"
                        )
                    }
                    do {
                        _ = try RoutingExpectation(parsing: text, line: index + 1)
                    } catch {
                        throw ScriptError(line: index + 1, message: error.message)
                    }
                    // Right after the `> ` line, before the reply.
                    let replyStart = body.lastIndex { Transcript.userInput($0) != nil }! + 1
                    body.insert(line, at: replyStart)
                case .comment:
                    if turns == 0 { header.append(line) } else { body.append(line) }
                }
                lastWasQuestion = false
                continue
            }
            if quit { break }
            let reply = session.respond(to: line)
            turns += 1
            body.append("> " + line)
            body += transcriptLines(reply, session).map(ReplyPattern.escape)
            lastWasQuestion = true
            quit = reply.action == .quit
        }
        var top: [String] = []
        if let chosen = title ?? scriptTitle { top.append("# title: \(chosen)") }
        let chosenTags = tags.isEmpty ? scriptTags : tags
        if !chosenTags.isEmpty { top.append("# tags: \(chosenTags.joined(separator: ", "))") }
        return ((top + header + body).joined(separator: "\n") + "\n", turns)
    }
}
