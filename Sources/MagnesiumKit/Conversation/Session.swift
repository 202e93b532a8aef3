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
    var lastAnswer: AnswerState?
    private(set) var lastReply: Reply?
    var shownFacts = Set<String>()
    var pending: Pending?
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

    private mutating func answer(_ understanding: Understanding, cutFrom: Int?) -> Reply {
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

    private mutating func decide(
        _ u: Understanding, profileChanges: [String], context: inout [String]
    ) -> Reply {
        let mentioned = u.topicIDs
        let groups = mentioned.filter { graph.isAudienceTopic($0) }
        // Groups alone ("what about for kids?" aside) are the subject. Worked out once, not per
        // topic, and closures here call only the graph: one calling a method of the session copies
        // the whole session.
        let groupsAreTheSubject =
            !mentioned.isEmpty && mentioned.allSatisfy { graph.isAudienceTopic($0) }
            && !isFollowUpAudience(u)
        let subjects = mentioned.filter { !graph.isAudienceTopic($0) || groupsAreTheSubject }
        var best = u.best ?? (ReservedID.outOfScope, 0)

        // A reply to a clarifying question. A full question, or one naming topics the clarification
        // was not about, is new, not an answer.
        let pendingTopics: [String] = {
            switch pending {
            case .intent(let topic, _)?: return [topic]
            case .topic(_, let options)?: return options
            case nil: return []
            }
        }()
        let namesOtherTopics =
            !mentioned.isEmpty && !mentioned.contains(where: pendingTopics.contains)
        let isNewQuestion =
            (best.score >= Thresholds.confidentScore && u.tokens.count > 3)
            || (namesOtherTopics && u.tokens.count > 2)
        let waiting = pending
        pending = nil
        if let pending = waiting, !isNewQuestion {
            switch pending {
            case .intent(let topic, let options):
                if let chosen = choose(among: options, in: u) {
                    context.append("answering the question I asked about \(selector.name(topic))")
                    return content(
                        intent: chosen, subjects: [topic], understanding: u, confidence: 0.9,
                        context: &context)
                }
            case .topic(let intent, let options):
                if let chosen = options.first(where: { mentioned.contains($0) })
                    ?? ordinalChoice(options, u)
                {
                    context.append("answering the question I asked")
                    return content(
                        intent: intent, subjects: [chosen], understanding: u, confidence: 0.9,
                        context: &context
                    )
                }
            }
        }

        if let reply = designedTurn(u, profileChanges: profileChanges, context: &context) {
            return reply
        }
        // Whatever answers now, "tell me more" and "why?" no longer refer to a designed answer.
        designed = nil

        // Statements about oneself with no question in them.
        if !profileChanges.isEmpty {
            // What someone says about themselves is noted; any question in the same line is
            // answered for them ("why do I get cramps when I'm pregnant?", "I'm 72 and get leg
            // cramps every night", "I take alendronate").
            let statement = !isQuestion(u)
            // A bare "I'm pregnant" or "actually I'm not" is only noted; a statement that also
            // names a subject ("I'm 72 and get leg cramps every night", "I take alendronate for
            // osteoporosis") is answered too.
            let namesASubject = subjects.contains {
                !graph.isAudienceTopic($0) && !isProfileMedicine($0)
            }
            if !statement || namesASubject,
                let question = u.ranked.first(where: { graph.isContentIntent($0.intent) }),
                question.score >= Thresholds.confidentScore
            {
                var reply = content(
                    intent: question.intent,
                    subjects: subjects.filter { !graph.isAudienceTopic($0) }, understanding: u,
                    confidence: question.score, context: &context)
                reply.text = "Noted: " + profileChanges.joined(separator: "; ") + ".\n" + reply.text
                if statement { reply.intent = ReservedID.profile }
                return reply
            }
            return acknowledge(profileChanges, understanding: u)
        }

        // "Which is better?" names nothing to compare and nothing was discussed before: not a
        // comparison.
        if best.intent == ReservedID.comparison,
            subjects.filter({ !graph.isAudienceTopic($0) }).count + max(focus.count, 1) < 2,
            let next = u.ranked.first(where: {
                graph.isContentIntent($0.intent) && $0.intent != ReservedID.comparison
            })
        {
            best = next
        }

        // "and citrate?", "what about for kids?", "and for someone 75?": the last question again
        // with a new topic or person. A line that is clearly its own question ("what is magnesium
        // chloride", "side effects?") is not an ellipsis.
        let opensAsFollowUp =
            ["and", "or", "also"].contains(u.tokens.first?.text ?? "")
            || u.tokens.prefix(2).map(\.text) == ["what", "about"]
            || u.tokens.prefix(2).map(\.text) == ["how", "about"]
        let ownQuestion =
            !opensAsFollowUp && graph.isContentIntent(best.intent)
            && best.score >= Thresholds.ownQuestionScore && best.intent != lastAnswer?.intent
        if let last = lastAnswer, !ownQuestion, !mentioned.isEmpty || statedQuestionAge(u) != nil,
            isEllipsis(u)
        {
            var newSubjects = subjects.filter { !graph.isAudienceTopic($0) }
            if newSubjects.isEmpty { newSubjects = last.topics }
            // "and citrate?" after a question on bisglycinate repeats the question; "what about
            // pumpkin seeds?" after a dose question asks about a different kind of thing, so it
            // gets that thing's short answer.
            let lastKinds = Set(
                (last.topics + (lastReply?.topics ?? [])).compactMap { graph.kind(ofTopic: $0) })
            if !newSubjects.contains(where: { lastKinds.contains(graph.kind(ofTopic: $0) ?? "") }) {
                return content(
                    intent: ReservedID.definition, subjects: newSubjects, understanding: u,
                    confidence: 0.6,
                    context: &context)
            }
            if !groups.isEmpty {
                context.append("for: " + groups.map { selector.name($0) }.joined(separator: ", "))
            }
            context.append(
                "same question as before (\(last.intent)) about \(newSubjects.map { selector.name($0) }.joined(separator: ", "))"
            )
            return content(
                intent: last.intent, subjects: newSubjects, understanding: u, confidence: 0.8,
                context: &context
            )
        }

        // A misspelling equally close to two topics ("glycinte": glycinate or glycine?): ask.
        if let question = topicAmbiguity(u, best: best.intent) {
            return question
        }

        // "The article says X, is that true?": the claim is checked when one fits.
        if u.hasWord("article") || u.hasWord("blog") || u.hasWord("claim") || u.hasWord("claims") {
            var builder = AnswerBuilder()
            if claimCheck(u, into: &builder) {
                var reply = Reply(
                    question: "", text: builder.text, intent: ReservedID.articleClaim,
                    topics: mentioned, confidence: max(best.score, 0.7))
                reply.factIDs = builder.factIDs
                reply.sourceIDs = builder.sourceIDs
                shownFacts.formUnion(builder.factIDs)
                let topics = mentioned.isEmpty ? Array(focus.prefix(1)) : mentioned
                lastAnswer = AnswerState(
                    intent: ReservedID.articleClaim, topics: topics,
                    person: personFor(u, context: &context))
                remember(topics)
                return reply
            }
        }

        // "It cures cramps for good, right?": a leading question gets the evidence, not agreement.
        if isLeading(u), !mentioned.isEmpty || focus.first != nil {
            var builder = AnswerBuilder()
            if claimCheck(u, into: &builder) {
                let topics = mentioned.isEmpty ? Array(focus.prefix(1)) : mentioned
                var reply = Reply(
                    question: "", text: builder.text, intent: ReservedID.articleClaim,
                    topics: topics, confidence: max(best.score, 0.6))
                reply.factIDs = builder.factIDs
                reply.sourceIDs = builder.sourceIDs
                shownFacts.formUnion(builder.factIDs)
                lastAnswer = AnswerState(
                    intent: ReservedID.articleClaim, topics: topics,
                    person: personFor(u, context: &context))
                remember(topics)
                return reply
            }
            return content(
                intent: ReservedID.evidence, subjects: subjects, understanding: u,
                confidence: max(best.score, 0.5), context: &context)
        }

        if best.intent == ReservedID.urgent {
            if best.score >= Thresholds.urgentScore {
                return Reply(
                    question: "", text: "", intent: ReservedID.urgent, topics: mentioned,
                    confidence: best.score)
            }
            // Not sure enough for emergency advice: answer the closest question about the subject
            // instead.
            best =
                u.ranked.first { graph.isContentIntent($0.intent) } ?? (
                    ReservedID.warningSigns, best.score
                )
        }
        // Small talk wins only when it is clearly small talk: a question naming a topic is about
        // that topic.
        if let index = graph.intentIndex[best.intent], graph.intents[index].reply != nil,
            mentioned.isEmpty || best.score >= Thresholds.smallTalkWithTopicScore
        {
            return conversational(graph.intents[index], score: best.score)
        }
        // "why?", "tell me more", "source?" are short; "why does that happen?" or "what else could
        // cause them?" are questions about the subject, so a content intent that also fits takes
        // them.
        if [ReservedID.why, ReservedID.more, ReservedID.source].contains(best.intent),
            u.tokens.count >= 4, best.score < 0.8,
            let content = u.ranked.first(where: { graph.isContentIntent($0.intent) }),
            content.score >= Thresholds.confidentScore
        {
            best = content
        }
        switch best.intent {
        case ReservedID.source where best.score >= Thresholds.confidentScore:
            return sources(score: best.score)
        case ReservedID.why where best.score >= Thresholds.confidentScore:
            return why(score: best.score, context: &context)
        case ReservedID.more where best.score >= Thresholds.confidentScore:
            return more(score: best.score, context: &context)
        case ReservedID.topicsList where best.score >= Thresholds.confidentScore:
            return topicsList()
        default: break
        }

        let outOfScope =
            best.intent == ReservedID.outOfScope || best.score < Thresholds.minimumScore
            || (mentioned.isEmpty && u.unknownWords.count * 2 > max(u.tokens.count, 1)
                && best.score < 0.6)
        if outOfScope && mentioned.isEmpty {
            return outOfScopeReply(u)
        }
        // A question that names nothing we know and leans on nothing said before needs a clear
        // match. "it" with nothing said before means the product this assistant is about, so it
        // anchors too. In a conversation already under way, a bare "how much?" or "which is
        // better?" leans on it too.
        let leansOnContext =
            focus.first != nil
            || u.tokens.contains {
                Self.pronouns.contains($0.text) || Self.doseUnits.contains($0.text)
            }
        if mentioned.isEmpty && !leansOnContext && best.score < Thresholds.unanchoredScore {
            return outOfScopeReply(u)
        }
        if best.intent == ReservedID.outOfScope || graph.hasFixedReply(best.intent)
            || [
                ReservedID.source, ReservedID.why, ReservedID.more, ReservedID.topicsList,
                ReservedID.profile,
            ].contains(best.intent)
        {
            // A domain topic was named but the phrasing looked like something else: fall back to
            // the best content intent.
            best =
                u.ranked.first { graph.isContentIntent($0.intent) } ?? (ReservedID.definition, 0.3)
        }

        // Unsure: ask instead of guessing.
        let runnerUp = u.ranked.first {
            graph.isContentIntent($0.intent) && $0.intent != best.intent
        }
        // Unsure, unless the topic is the very thing the best intent is about ("how much can she
        // have?" while talking about the dose) and the runner-up would answer alike.
        let topicIsHome =
            (subjects.first ?? focus.first).map {
                graph.homeTopics(ofIntent: best.intent)?.contains($0) == true
            } ?? false
        let runnerUpAlike = runnerUp.map { !differentAnswers(best.intent, $0.intent) } ?? true
        if best.score < Thresholds.confidentScore,
            !(topicIsHome && runnerUpAlike && best.score >= Thresholds.minimumScore),
            let topic = (subjects.first ?? focus.first), !isEllipsis(u)
        {
            var options = [best.intent]
            if let runnerUp, runnerUp.score > 0.1 { options.append(runnerUp.intent) }
            for fallback in [ReservedID.definition, ReservedID.dose, ReservedID.safety]
            where !options.contains(fallback) && options.count < 3 { options.append(fallback) }
            pending = .intent(topic: topic, options: options)
            lastAnswer = AnswerState(
                intent: best.intent, topics: [topic], person: personFor(u, context: &context))
            let labels = options.map(label)
            let text =
                "I'm not sure what you'd like to know about \(selector.name(topic)). Do you mean \(joinedOr(labels))?"
            var reply = Reply(
                question: "", text: text, intent: DialogueIntent.unsure, topics: [topic],
                confidence: best.score)
            reply.context = subjects.isEmpty ? ["topic from earlier: \(selector.name(topic))"] : []
            return reply
        }
        if let runnerUp, best.score < 0.6, best.score - runnerUp.score < 0.03,
            differentAnswers(best.intent, runnerUp.intent),
            let topic = subjects.first ?? focus.first
        {
            pending = .intent(topic: topic, options: [best.intent, runnerUp.intent])
            lastAnswer = AnswerState(
                intent: best.intent, topics: [topic], person: personFor(u, context: &context))
            let text =
                "About \(selector.name(topic)): do you mean \(label(best.intent)), or \(label(runnerUp.intent))?"
            return Reply(
                question: "", text: text, intent: DialogueIntent.unsure, topics: [topic],
                confidence: best.score)
        }
        return content(
            intent: best.intent,
            subjects: subjects.filter {
                !graph.isAudienceTopic($0) || subjects.allSatisfy { graph.isAudienceTopic($0) }
            }, understanding: u, confidence: best.score, context: &context)
    }

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
        "Keys in the shell: Up and Down recall earlier lines, Ctrl-R searches them, Tab completes commands and topic names, Ctrl-C clears the line, Ctrl-D leaves."

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
