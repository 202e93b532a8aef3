import MagnesiumKnowledge
import MagnesiumText
import MagnesiumUnderstanding

/// The `:commands`: what `:help` lists and explains, what Tab completes, and what each does to
/// the session; and the full references that "source?" and `:sources` give.
extension Session {
    /// "source?" and `:sources`: the last answer's references in full.
    func sources(score: Double) -> Reply {
        guard let previous = lastReply, !previous.sourceIDs.isEmpty else {
            return Reply(
                question: "",
                text:
                    "My last answer cited no sources. Ask a question and I will show where the answer comes from.",
                intent: ReservedID.source, confidence: score)
        }
        var reply = Reply(
            question: "", text: sourcesListing(previous.sourceIDs),
            intent: ReservedID.source, topics: previous.topics, confidence: score)
        reply.sourceIDs = []
        return reply
    }

    /// What "source?" says of an answer citing `ids`, numbered in that order: a front end that
    /// numbered the answer's sources otherwise lists them in its own order.
    public func sourcesListing(_ ids: [String]) -> String {
        "That answer came from:\n" + fullCitations(ids)
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

    mutating func command(_ line: String) -> Reply {
        let words = line.split(separator: " ").map(String.init)
        let name = words.first?.lowercased() ?? ":"
        let command = Self.command(named: name)?.name ?? name
        if let text = Self.layoutCommandReplies[command] {
            return Reply(question: line, text: text, intent: command)
        }
        switch command {
        case ":help":
            let text = words.count > 1 ? Self.help(for: words[1]) : Self.commandList
            return Reply(question: line, text: text, intent: ":help")
        case ":quit":
            var reply = Reply(question: line, text: "Goodbye.", intent: ":quit")
            reply.action = .quit
            return reply
        case ":reset":
            return reset(line)
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
        case ":history", ":save":
            return Reply(
                question: line,
                text: "\(name) works in the interactive shell only (magnesium on a terminal).",
                intent: DialogueIntent.shellOnly)
        default:
            return Reply(
                question: line, text: Self.unknownCommand(name),
                intent: DialogueIntent.unknownCommand)
        }
    }

    /// The front ends lay answers out, so they act on these three; these replies are what a
    /// transcript or JSON, which always carry the whole answer, show.
    static let layoutCommandReplies: [String: String] = [
        ":more":
            "Nothing was held back from the last answer. Ask \"tell me more\" for more on the subject.",
        ":short":
            "Answers now show their first sentence and a few lines; :more shows the rest (:long for whole answers).",
        ":long": "Answers are now shown whole (:short for their first lines only).",
    ]

    /// `:help` alone: every command with its summary, then the shell's keys.
    static var commandList: String {
        let width = commands.map(\.usage.count).max() ?? 0
        let lines = commands.map {
            $0.usage.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.summary
        }
        return "Ask a question in plain words, or use a command (:help COMMAND explains one):\n"
            + lines.joined(separator: "\n") + "\n" + shellKeys
    }

    /// `:reset`: everything the conversation holds starts afresh; the transcript of turns is kept
    /// for `:save`.
    private mutating func reset(_ line: String) -> Reply {
        var fresh = Session(knowledge: knowledge)
        fresh.keepsTurns = keepsTurns
        fresh.turns = turns
        self = fresh
        return Reply(
            question: line,
            text:
                "Starting afresh: I have forgotten this conversation and what you told me about yourself.",
            intent: ":reset")
    }

    /// An unknown or ambiguous command: the candidates, or the nearest name.
    private static func unknownCommand(_ name: String) -> String {
        if let ambiguity = ambiguity(of: name) { return ambiguity }
        var text = "Unknown command \(SafeText.escaped(name))."
        if let guess = suggestion(for: name) { text += " Did you mean \(guess)?" }
        return text + " Type :help for the list."
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
