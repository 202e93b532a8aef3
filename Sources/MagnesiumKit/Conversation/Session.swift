import Foundation
import MagnesiumKnowledge
import MagnesiumText
import MagnesiumUnderstanding

/// One conversation: answers each line in the light of what came before.
///
/// The REPL, batch and JSON modes, `ask` and transcript replay all use this one
/// type, so a transcript tests exactly what a person sees. Replies are
/// deterministic: the same lines always give the same words.
public struct Session: Sendable {
    public let knowledge: Knowledge
    public internal(set) var profile = Profile()
    /// Every line and its reply, in order (for `:save` and `record`); empty when `keepsTurns` is
    /// off.
    public private(set) var turns: [(input: String, reply: Reply)] = []
    /// Batch runs over many lines turn this off so memory stays flat.
    public var keepsTurns = true

    /// Topics talked about, most recent first.
    var focus: [String] = []
    /// The last designed answer given, while follow-ups may still refer to it.
    var designed: DesignedState?
    /// The best designed answer for the line being answered when it fitted too loosely to be given
    /// at once.
    var closestDesigned: (answer: String, score: Double)?
    /// What the last content answer was about: what "tell me more" and "and citrate?" refer to.
    var lastAnswer: AnswerState?
    /// The last reply to a question (not to a `:command` or "source?"), for "why?" and `:sources`.
    private(set) var lastReply: Reply?
    /// Facts already shown, which "tell me more" does not repeat.
    var shownFacts = Set<String>()
    var pending: Pending?
    /// The situations (and medicines) already cautioned about: each gets its caution once.
    var cautionedFor = Set<String>()
    /// The emergency last advised on and how many more turns repeat its advice first: "can it wait
    /// till Friday?" or "surely it's just a cramp?" right after it still gets the advice.
    var emergency: (rules: [UrgentRule], turnsLeft: Int)?
    /// The age last asked about for someone else ("can I give it to a 3 month old?"), which "she"
    /// and "he" refer to afterwards when the profile names no one.
    var askedAboutAge: Int?

    /// `knowledge.graph`, held here so that reading a field reads it in place: going through
    /// `knowledge` on every lookup copied the whole graph (every table retained and released).
    let graph: Graph
    let selector: FactSelector
    /// `knowledge.understander`, held here for the same reason: reading it through `knowledge`
    /// copied it.
    let understander: Understander

    /// What the last content answer was about, for follow-ups.
    struct AnswerState: Sendable {
        var intent: String
        var topics: [String]
        var person: Person
    }

    /// A clarifying question waiting for its answer.
    enum Pending: Sendable {
        case intent(topic: String, options: [String])
        case topic(intent: String, options: [String])
    }

    /// Intents the dialogue itself gives a reply, beyond those in `intents.yaml` and the
    /// `:commands`.
    public enum DialogueIntent {
        /// A clarifying question.
        public static let unsure = "unsure"
        /// An empty line.
        public static let empty = "empty"
        /// A `:command` that does not exist.
        public static let unknownCommand = ":unknown"
        /// A shell-only `:command` (`:save`, `:history`) met outside the shell (batch, replay).
        public static let shellOnly = ":shell-only"
        /// A designed answer from `Knowledge/answers/` (its id is in the reply's context).
        public static let answer = "answer"
        public static let all = [unsure, empty, unknownCommand, shellOnly, answer]
    }

    public init(knowledge: Knowledge) {
        self.knowledge = knowledge
        self.graph = knowledge.graph
        self.selector = FactSelector(graph: knowledge.graph)
        self.understander = knowledge.understander
    }

    /// Answers one line: a question, a statement about oneself, or a `:command`.
    public mutating func respond(to line: String) -> Reply {
        respond(to: Self.read(line, understander: understander))
    }

    /// A line as far as it can be read without the conversation: trimmed and, for a question,
    /// understood. It depends on the line and the knowledge alone, so batch mode reads the next
    /// lines on another thread while this one answers.
    public struct ReadLine: Sendable {
        public let line: String
        let trimmed: String
        /// The question's words, topics and intent scores; nil for a command or an empty line.
        let understanding: Understanding?
        /// Set when the question was cut to ``Session/longestQuestion`` characters before reading.
        let cutFrom: Int?

        /// Nothing but white space: batch mode skips such lines.
        public var isBlank: Bool { trimmed.isEmpty }
    }

    /// Reads a line for ``respond(to:)-(ReadLine)``; safe to call on any thread.
    public static func read(_ line: String, understander: Understander) -> ReadLine {
        let trimmed = line.trimmed
        guard !trimmed.hasPrefix(":"), !trimmed.isEmpty else {
            return ReadLine(line: line, trimmed: trimmed, understanding: nil, cutFrom: nil)
        }
        // Counting characters walks the whole line; no line of fewer bytes than the limit can
        // exceed it.
        if trimmed.utf8.count > longestQuestion && trimmed.count > longestQuestion {
            return ReadLine(
                line: line, trimmed: trimmed,
                understanding: understander.understand(String(trimmed.prefix(longestQuestion))),
                cutFrom: trimmed.count)
        }
        return ReadLine(
            line: line, trimmed: trimmed, understanding: understander.understand(trimmed),
            cutFrom: nil)
    }

    /// Answers a line read by ``read(_:understander:)`` with this session's knowledge.
    public mutating func respond(to read: ReadLine) -> Reply {
        let line = read.line
        var reply: Reply
        if read.trimmed.hasPrefix(":") {
            reply = command(read.trimmed)
        } else if let understanding = read.understanding {
            reply = answer(understanding, cutFrom: read.cutFrom)
        } else {
            reply = Reply(
                question: line,
                text: "Ask me anything about magnesium bisglycinate or muscle cramps.",
                intent: DialogueIntent.empty, confidence: 1)
        }
        reply.question = line
        if keepsTurns { turns.append((line, reply)) }
        // "source?" and the :commands talk about the last answer; they do not replace it.
        if !reply.intent.hasPrefix(":") && reply.intent != ReservedID.source { lastReply = reply }
        return reply
    }

    // MARK: - Questions

    /// Questions are read up to this many characters, so a pasted wall of text costs bounded time.
    public static let longestQuestion = 1_000

    /// A question's reply: the dialogue policy's, or the closest designed answer where the policy
    /// would ask back or give up, with any emergency advice put first.
    private mutating func answer(_ understanding: Understanding, cutFrom: Int?) -> Reply {
        noteOwnSex(understanding)
        var context: [String] = []
        if let cutFrom {
            context.append("read only the first \(Self.longestQuestion) characters of \(cutFrom)")
        }
        let matchedUrgent = understander.urgentRules(in: understanding)
        let profileChanges = updateProfile(from: understanding)
        if !profileChanges.isEmpty {
            context.append("profile: " + profileChanges.joined(separator: "; "))
        }

        closestDesigned = nil
        var reply = decide(understanding, profileChanges: profileChanges, context: &context)
        if profile.otherAge == nil, profile.age == nil, let age = statedQuestionAge(understanding) {
            askedAboutAge = age
        }
        if let closest = closestDesignedInstead(of: reply, understanding, context: &context) {
            reply = closest
        }

        addEmergencyAdvice(matched: matchedUrgent, to: &reply, understanding, context: &context)
        reply.corrections = understanding.corrections
        reply.normalized = understanding.normalized
        reply.context = context + reply.context
        return reply
    }

    /// "source?": the last answer's references. `sources(score:)` stays private beside the
    /// `:sources` command until the commands move out of this file.
    func lastAnswersSources(score: Double) -> Reply { sources(score: score) }

    // MARK: - Follow-ups

    private func sources(score: Double) -> Reply {
        guard let previous = lastReply, !previous.sourceIDs.isEmpty else {
            return Reply(
                question: "",
                text:
                    "My last answer cited no sources. Ask a question and I will show where the answer comes from.",
                intent: ReservedID.source, confidence: score)
        }
        var reply = Reply(
            question: "", text: "That answer came from:\n" + fullCitations(previous.sourceIDs),
            intent: ReservedID.source, topics: previous.topics, confidence: score)
        reply.sourceIDs = []
        return reply
    }

    /// Numbered full references: title, publisher, year and address.
    public func fullCitations(_ ids: [String]) -> String {
        ids.enumerated().map { index, id in
            guard let source = graph.source(id) else { return "[\(index + 1)] \(id)" }
            var parts = [source.title]
            if !source.publisher.isEmpty { parts.append(source.publisher) }
            if let year = source.year { parts.append(String(year)) }
            return "[\(index + 1)] " + parts.joined(separator: ". ") + ". " + source.url
        }.joined(separator: "\n")
    }

    // MARK: - Commands

    /// One `:command`: what `:help` lists, what `:help NAME` explains and what Tab completes.
    public struct Command: Sendable {
        public let name: String
        /// The arguments as `:help` shows them (`NAME [--force]`); empty when there are none.
        public let arguments: String
        public let summary: String
        /// What `:help NAME` says beyond the summary.
        public let details: String
        /// Other spellings that run it.
        public let aliases: [String]
        /// Only the interactive shell runs it: it needs the terminal's history or writes a file.
        public let shellOnly: Bool

        init(
            _ name: String, arguments: String = "", _ summary: String, details: String,
            aliases: [String] = [], shellOnly: Bool = false
        ) {
            self.name = name
            self.arguments = arguments
            self.summary = summary
            self.details = details
            self.aliases = aliases
            self.shellOnly = shellOnly
        }

        /// The name and its arguments, as typed: `:save NAME [--force]`.
        public var usage: String { arguments.isEmpty ? name : "\(name) \(arguments)" }
    }

    /// Every command, in the order `:help` lists them. `:history` and `:save` run in the
    /// interactive shell (the executable); the others run here, so transcripts can test them.
    public static let commands: [Command] = [
        Command(
            ":help", arguments: "[COMMAND]", "list the commands, or explain one",
            details: "With a command name (the colon is optional), explains that command."),
        Command(
            ":topics", "the areas and topics I know",
            details:
                "Lists the areas I cover and the topics in each. Ask about any of them by name; in the shell, Tab completes topic names."
        ),
        Command(
            ":why", "how the last reply was made",
            details:
                "Shows the question as I read it (normalised, with spelling corrections), the intent I matched and my confidence, the topics, what came from earlier in the conversation, and the facts used with their sources."
        ),
        Command(
            ":sources", "full references for the last answer",
            details:
                "Lists title, publisher, year and address of each source of the last answer, numbered as in the answer."
        ),
        Command(
            ":more", "the rest of the last answer",
            details:
                "Answers show their first sentence and a few lines; :more shows what was held back (\"tell me more\" does too, then goes on to more on the subject). :long shows answers whole from then on."
        ),
        Command(
            ":short", "show answers short from now on (the default)",
            details:
                "Answers show their direct first sentence in bold and at most about six lines, with a hint when the rest is held back for :more. In batch mode too; --json always carries the whole answer."
        ),
        Command(
            ":long", "show answers whole from now on",
            details:
                "Answers are shown whole until :short; in the shell one taller than the window opens in the pager. The --long option does this from the start, for batch mode and ask too."
        ),
        Command(
            ":profile", "what I remember about you",
            details:
                "Shows what you told me about yourself (such as pregnancy, your age or medicines you take), which I take into account in my answers."
        ),
        Command(
            ":forget", "forget what you told me about yourself",
            details: "Clears your profile; the conversation itself goes on."),
        Command(
            ":reset", "start the conversation afresh",
            details: "Forgets the conversation so far and what you told me about yourself."),
        Command(
            ":history", arguments: "[N]", "questions from this and earlier sessions (shell only)",
            details:
                "Lists what you typed, numbered, oldest first; with a number, only the last N. The shell keeps up to 1,000 lines in $XDG_STATE_HOME/magnesium/history (default ~/.local/state/magnesium/history); lines typed with a leading space are not kept, and --no-history turns the file off.",
            shellOnly: true),
        Command(
            ":save", arguments: "NAME [--force]",
            "save this conversation as a transcript (shell only)",
            details:
                "Writes the conversation so far as a transcript that `magnesium replay` checks. A NAME without a slash is saved as NAME.txt in ./Transcripts if that folder exists, otherwise in the current folder. A path with a slash is used as written, relative to the current folder; an absolute path or one with .. is refused unless it starts with ./ (for example ./../notes/cramps.txt), which says you mean it. An existing file is kept unless you add --force.",
            shellOnly: true),
        Command(
            ":quit", "leave",
            details:
                "Ends the session. In the shell, Ctrl-D on an empty line does too, and so do exit, quit, bye, \\q, .quit and .exit alone on a line; in batch mode \\q, .quit and .exit end the input, while exit, quit and bye are answered.",
            aliases: [":exit", ":q"]),
    ]

    /// The keys of the interactive shell, for `:help`.
    static let shellKeys =
        ":help evidence explains the marks beside the sources. Keys in the shell: Up and Down recall earlier lines, Ctrl-R searches them, Tab completes commands and topic names, Ctrl-C clears the line, Ctrl-D leaves."

    /// The command a typed name (with or without its colon, or an alias) stands for; a
    /// beginning that only one command's name or alias has will do (`:pro` is `:profile`).
    public static func command(named typed: String) -> Command? {
        let name = typed.hasPrefix(":") ? typed.lowercased() : ":" + typed.lowercased()
        if name == ":?" { return commands.first { $0.name == ":help" } }
        if let exact = commands.first(where: { $0.name == name || $0.aliases.contains(name) }) {
            return exact
        }
        let candidates = commands(startingWith: typed)
        return candidates.count == 1 ? candidates[0] : nil
    }

    /// The commands whose name or an alias begins with a typed name (colon optional), in
    /// `:help` order: more than one for an ambiguous beginning such as `:s`.
    public static func commands(startingWith typed: String) -> [Command] {
        let name = typed.hasPrefix(":") ? typed.lowercased() : ":" + typed.lowercased()
        guard name.count > 1 else { return [] }
        return commands.filter { command in
            ([command.name] + command.aliases).contains { $0.hasPrefix(name) }
        }
    }

    /// "… could be :sources or :save." for an ambiguous beginning, or nil.
    static func ambiguity(of typed: String) -> String? {
        let candidates = commands(startingWith: typed).map(\.name)
        guard candidates.count > 1 else { return nil }
        let shown = typed.hasPrefix(":") ? typed : ":" + typed
        let list =
            candidates.dropLast().joined(separator: ", ") + " or " + (candidates.last ?? "")
        return "\(SafeText.escaped(shown)) could be \(list); type more of the name."
    }

    /// "Did you mean …?" for a mistyped command name, or nil when nothing is close.
    public static func suggestion(for typed: String) -> String? {
        let name = typed.hasPrefix(":") ? typed.lowercased() : ":" + typed.lowercased()
        let guess = commands.map(\.name).min { closeness(name, $0) < closeness(name, $1) }
        guard let guess, closeness(name, guess) <= 3 else { return nil }
        return guess
    }

    private mutating func command(_ line: String) -> Reply {
        let words = line.split(separator: " ").map(String.init)
        let name = words.first?.lowercased() ?? ":"
        switch Self.command(named: name)?.name ?? name {
        case ":help":
            if words.count > 1 {
                return Reply(question: line, text: Self.help(for: words[1]), intent: ":help")
            }
            let width = Self.commands.map(\.usage.count).max() ?? 0
            let lines = Self.commands.map {
                $0.usage.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.summary
            }
            let text =
                "Ask a question in plain words, or use a command (:help COMMAND explains one):\n"
                + lines.joined(separator: "\n") + "\n" + Self.shellKeys
            return Reply(question: line, text: text, intent: ":help")
        case ":quit":
            var reply = Reply(question: line, text: "Goodbye.", intent: ":quit")
            reply.action = .quit
            return reply
        case ":reset":
            // Everything the conversation holds starts afresh; the transcript of turns is kept for
            // `:save`.
            var fresh = Session(knowledge: knowledge)
            fresh.keepsTurns = keepsTurns
            fresh.turns = turns
            self = fresh
            return Reply(
                question: line,
                text:
                    "Starting afresh: I have forgotten this conversation and what you told me about yourself.",
                intent: ":reset")
        case ":forget":
            profile = Profile()
            return Reply(
                question: line, text: "I have forgotten what you told me about yourself.",
                intent: ":forget")
        case ":profile":
            let lines = profile.summary(in: graph)
            let text =
                lines.isEmpty
                ? "You haven't told me anything about yourself. You can say things like \"I'm pregnant\", \"I'm 72\" or \"I take omeprazole\"."
                : "What I remember about you:\n" + lines.map { "- " + $0 }.joined(separator: "\n")
            return Reply(question: line, text: text, intent: ":profile")
        case ":topics":
            var reply = topicsList()
            reply.intent = ":topics"
            return reply
        case ":sources":
            var reply = sources(score: 1)
            reply.intent = ":sources"
            return reply
        case ":why":
            return Reply(question: line, text: explainLastReply(), intent: ":why")
        // The front ends lay answers out, so they act on these three; these replies are what a
        // transcript or JSON, which always carry the whole answer, show.
        case ":more":
            return Reply(
                question: line,
                text:
                    "Nothing was held back from the last answer. Ask \"tell me more\" for more on the subject.",
                intent: ":more")
        case ":short":
            return Reply(
                question: line,
                text:
                    "Answers now show their first sentence and a few lines; :more shows the rest (:long for whole answers).",
                intent: ":short")
        case ":long":
            return Reply(
                question: line,
                text: "Answers are now shown whole (:short for their first lines only).",
                intent: ":long")
        case ":history", ":save":
            return Reply(
                question: line,
                text: "\(name) works in the interactive shell only (magnesium on a terminal).",
                intent: DialogueIntent.shellOnly)
        default:
            if let ambiguity = Self.ambiguity(of: name) {
                return Reply(question: line, text: ambiguity, intent: DialogueIntent.unknownCommand)
            }
            var text = "Unknown command \(SafeText.escaped(name))."
            if let guess = Self.suggestion(for: name) { text += " Did you mean \(guess)?" }
            text += " Type :help for the list."
            return Reply(question: line, text: text, intent: DialogueIntent.unknownCommand)
        }
    }

    /// `:help NAME`: the usage, summary and details of one command.
    static func help(for typed: String) -> String {
        if typed.lowercased() == "evidence" { return EvidenceBadges.legend }
        guard let command = command(named: typed) else {
            if let ambiguity = ambiguity(of: typed) { return ambiguity }
            let shown = typed.hasPrefix(":") ? typed : ":" + typed
            var text = "There is no command \(SafeText.escaped(shown))."
            if let guess = suggestion(for: typed) { text += " Did you mean \(guess)?" }
            return text + " Type :help for the list."
        }
        var text = "\(command.usage): \(command.summary)\n\(command.details)"
        if !command.aliases.isEmpty {
            text += "\nAlso: " + command.aliases.joined(separator: ", ") + "."
        }
        return text
    }

    static func closeness(_ a: String, _ b: String) -> Int {
        if b.hasPrefix(a) && a.count > 1 { return 0 }
        return SpellingCorrector.distance(Array(a.utf8), Array(b.utf8), limit: 10) ?? 10
    }

    /// `:why`: how the last reply was made.
    public func explainLastReply() -> String {
        guard let reply = lastReply else { return "Nothing to explain yet: ask a question first." }
        var lines = [
            "Question: \(SafeText.escaped(reply.question))", "Normalised: \(reply.normalized)",
        ]
        if !reply.corrections.isEmpty {
            lines.append(
                "Corrections: "
                    + reply.corrections.map { "\($0.from) → \($0.to)" }.joined(separator: ", "))
        }
        lines.append(
            "Intent: \(reply.intent) (confidence \(String(format: "%.2f", reply.confidence)))")
        if !reply.topics.isEmpty { lines.append("Topics: " + reply.topics.joined(separator: ", ")) }
        for note in reply.context { lines.append("Context: \(note)") }
        if !reply.factIDs.isEmpty {
            lines.append("Facts used:")
            for id in reply.factIDs {
                guard let fact = graph.fact(id) else { continue }
                lines.append(
                    "- \(id) (\(fact.grade.rawValue); \(fact.sourceIDs.joined(separator: ", ")); \(fact.location))"
                )
            }
        }
        return lines.joined(separator: "\n")
    }
}

func joinedOr(_ items: [String]) -> String { joined(items, "or") }
private func joined(_ items: [String], _ word: String) -> String {
    switch items.count {
    case 0: return ""
    case 1: return items[0]
    case 2: return "\(items[0]) \(word) \(items[1])"
    default: return items.dropLast().joined(separator: ", ") + ", \(word) " + items.last!
    }
}
