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

    /// What a repeated emergency advice opens with.
    static let emergencyReminder =
        "Please do not wait or try to treat this yourself: it still needs help now."
    /// The relation that answers an intent for a named topic.
    static let answeringRelation: [String: RelationType] = [
        "kinds": .hasForm, "interactions": .interactsWith, "causes": .causedBy,
        "prevention": .preventedBy,
        "relief": .relievedBy, "warning-signs": .hasWarningSign,
    ]
    static let doseUnits: Set<String> = [
        "mg", "milligram", "milligrams", "g", "gram", "grams", "capsule", "capsules", "pill",
        "pills", "tablet", "tablets", "dose", "doses", "supplement", "supplements",
    ]
    static let pronouns: Set<String> = [
        "it", "its", "that", "this", "they", "them", "these", "those", "one", "he", "she", "him",
        "her", "his",
    ]
    static let questionWords: Set<String> = [
        "what", "why", "how", "when", "which", "where", "who", "can", "could", "should", "is",
        "are", "does", "do", "will", "would",
    ]

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

        var urgentAdvice = matchedUrgent
        // Right after an emergency, the next turns ("can it wait?", "is she ok to sleep?") get its
        // advice again, first, until help is said to be on its way; only a question about the
        // emergency itself ("could it be a blood clot?") is answered after it.
        var reminding = false
        if urgentAdvice.isEmpty, let active = emergency, !understanding.redFlags.helpComing {
            urgentAdvice = active.rules
            reminding = true
        }
        if urgentAdvice.isEmpty && reply.intent == ReservedID.urgent {
            // Phrased in a way no rule lists: the general emergency advice still comes first.
            urgentAdvice = understander.generalEmergencyRule.map { [$0] } ?? []
            if urgentAdvice.isEmpty {
                reply.text =
                    "This may be an emergency: call your local emergency number or go to the nearest emergency department now."
            }
        }
        if !urgentAdvice.isEmpty {
            var builder = AnswerBuilder()
            for rule in urgentAdvice {
                builder.add(rule.advice + " " + builder.cite(rule.sourceIDs))
            }
            var text = (reminding ? Self.emergencyReminder + " " : "") + builder.text
            let sources = builder.sourceIDs
            // The rest of the answer follows only when the line asked something: an emergency
            // reported with no question ("suddenly my face is drooping") gets the advice alone.
            let aboutTheEmergency = !Set(reply.topics).isDisjoint(
                with: urgentAdvice.compactMap(\.topicID))
            if (!reminding || aboutTheEmergency) && understanding.asksSomething
                && reply.intent != ReservedID.urgent
                && reply.intent != ReservedID.outOfScope && reply.intent != DialogueIntent.unsure
            {
                let rest = renumber(reply.text, from: reply.sourceIDs, into: sources)
                text += "\n" + rest.text
                context.append("also answered: \(reply.intent)")
                reply.sourceIDs = rest.sources
                reply.intent = ReservedID.urgent
            } else {
                reply.sourceIDs = sources
                reply.intent = ReservedID.urgent
                reply.confidence = 1
                reply.factIDs = []
            }
            reply.text = text
            // The emergency recognised is what the reply is about first.
            let emergencyTopics = urgentAdvice.compactMap(\.topicID)
            reply.topics = emergencyTopics + reply.topics.filter { !emergencyTopics.contains($0) }
            context.append(
                (reminding ? "urgent, still: " : "urgent: ")
                    + urgentAdvice.map { $0.id }.joined(separator: ", "))
        }
        if reminding, let active = emergency {
            emergency = active.turnsLeft > 1 ? (active.rules, active.turnsLeft - 1) : nil
        } else {
            emergency = urgentAdvice.isEmpty ? nil : (urgentAdvice, Thresholds.emergencyFollowUps)
        }
        reply.corrections = understanding.corrections
        reply.normalized = understanding.normalized
        reply.context = context + reply.context
        return reply
    }

    /// Shifts a reply's `[n]` numbers to follow sources already cited above it.
    private func renumber(_ text: String, from ids: [String], into existing: [String]) -> (
        text: String, sources: [String]
    ) {
        var sources = existing
        var mapping: [Int: Int] = [:]
        for (index, id) in ids.enumerated() {
            if let found = sources.firstIndex(of: id) {
                mapping[index + 1] = found + 1
            } else {
                sources.append(id)
                mapping[index + 1] = sources.count
            }
        }
        let result = Citations.replacingMarkers(in: text) { marker, _ in
            "[" + marker.numbers.map { String(mapping[$0] ?? $0) }.joined(separator: ", ") + "]"
        }
        return (result, sources)
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
                        intent: chosen, subjects: [topic], u: u, confidence: 0.9, context: &context)
                }
            case .topic(let intent, let options):
                if let chosen = options.first(where: { mentioned.contains($0) })
                    ?? ordinalChoice(options, u)
                {
                    context.append("answering the question I asked")
                    return content(
                        intent: intent, subjects: [chosen], u: u, confidence: 0.9, context: &context
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
                    subjects: subjects.filter { !graph.isAudienceTopic($0) }, u: u,
                    confidence: question.score, context: &context)
                reply.text = "Noted: " + profileChanges.joined(separator: "; ") + ".\n" + reply.text
                if statement { reply.intent = ReservedID.profile }
                return reply
            }
            return acknowledge(profileChanges, u: u)
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
                    intent: ReservedID.definition, subjects: newSubjects, u: u, confidence: 0.6,
                    context: &context)
            }
            if !groups.isEmpty {
                context.append("for: " + groups.map { selector.name($0) }.joined(separator: ", "))
            }
            context.append(
                "same question as before (\(last.intent)) about \(newSubjects.map { selector.name($0) }.joined(separator: ", "))"
            )
            return content(
                intent: last.intent, subjects: newSubjects, u: u, confidence: 0.8, context: &context
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
                intent: ReservedID.evidence, subjects: subjects, u: u,
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
            return why(u: u, score: best.score, context: &context)
        case ReservedID.more where best.score >= Thresholds.confidentScore:
            return more(u: u, score: best.score, context: &context)
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
            }, u: u, confidence: best.score, context: &context)
    }

    // MARK: - Content answers

    mutating func content(
        intent intentID: String, subjects given: [String], u: Understanding, confidence: Double,
        context: inout [String]
    ) -> Reply {
        guard let intent = graph.intent(intentID) else { return outOfScopeReply(u) }
        var subjects = given
        if subjects.isEmpty, let current = focus.first, graph.isContentIntent(intentID) {
            subjects = [current]
            context.append("\"it\" = \(selector.name(current)) (from earlier)")
        }
        // "compare it with oxide" at the start: "it" is the product this assistant is about.
        let mainTopic = graph.homeTopics(ofIntent: ReservedID.definition)?.first
        let saysIt = u.tokens.contains { Self.pronouns.contains($0.text) }
        if intentID == ReservedID.comparison && subjects.count == 1,
            let other = focus.first(where: { $0 != subjects[0] })
                ?? (saysIt ? mainTopic.flatMap({ $0 == subjects[0] ? nil : $0 }) : nil)
        {
            subjects.insert(other, at: 0)
            context.append("compared with \(selector.name(other)) (from earlier)")
        }
        var person = personFor(u, context: &context)
        // Asked about one medicine ("and cipro?"), the answer is about it, not about others the
        // person takes.
        if subjects.contains(where: { graph.kind(ofTopic: $0) == "medicine" }) {
            person.audience = person.audience.filter {
                graph.kind(ofTopic: $0) != "medicine" || subjects.contains($0)
            }
            // Facts written for people on that medicine are exactly what the question asks for.
            for id in subjects
            where graph.kind(ofTopic: id) == "medicine" && !person.audience.contains(id) {
                person.audience.append(id)
            }
        }
        var builder = AnswerBuilder()
        var used: [Fact] = []

        switch intentID {
        case ReservedID.comparison where subjects.count >= 2:
            compare(subjects[0], subjects[1], into: &builder)
        case ReservedID.articleClaim:
            if !claimCheck(u, into: &builder) { fallthrough }
        default:
            // A relation between two topics the question names answers it most directly.
            let direct = directRelations(among: subjects)
            if !direct.isEmpty {
                builder.add(
                    items: direct.map {
                        builder.item(selector.describe($0, from: true), sources: $0.sourceIDs)
                    })
            }
            let ordered = specificFirst(subjects)
            let topics = candidateTopics(subjects: ordered, intent: intent, person: person)
            // When the topic is itself what the intent asks about ("side effects", "overdose"), its
            // definition leads.
            let abouts =
                ordered.first.map(intent.homeTopics.contains) == true
                ? ["definition"] + intent.answers : intent.answers
            var facts = selector.facts(abouts: abouts, topics: topics, person: person)
            // "What types of magnesium are there?": the subject's own relations answer; facts from
            // the intent's home topics (kinds of cramp) would answer a different question.
            if let type = Self.answeringRelation[intentID], !ordered.isEmpty,
                !selector.relations(of: ordered, type).isEmpty,
                !facts.contains(where: { ordered.contains($0.topicID) })
            {
                facts = facts.filter { fact in
                    topics.prefix(while: { !intent.homeTopics.contains($0) }).contains(fact.topicID)
                }
            }
            if intentID == ReservedID.foodSources, !direct.isEmpty,
                !subjects.contains(where: { graph.kind(ofTopic: $0) == "food" })
            {
                // "How much glycine is in bisglycinate?": what one thing holds, not where food
                // holds magnesium.
                facts = selector.facts(
                    abouts: ["composition", "definition"], topics: ordered, person: person)
            }
            if intentID == ReservedID.foodSources,
                subjects.contains(where: { graph.kind(ofTopic: $0) == "food" })
            {
                // A named food answers with its own figures, not the general list.
                facts = selector.facts(
                    abouts: ["food", "definition"],
                    topics: subjects.filter { graph.kind(ofTopic: $0) == "food" }, person: person)
            }
            // The named topic's own facts make the short answer when it has any; what it is a form
            // of ("magnesium is an essential mineral") only answers when it has none.
            let ownFacts = facts.filter { ordered.contains($0.topicID) || !$0.audience.isEmpty }
            used = selector.shortAnswer(
                from: ownFacts.contains { $0.level == 1 } ? ownFacts : facts)
            let before = builder.paragraphs.count
            addAmountCheck(u, intent: intent, subjects: ordered, person: person, into: &builder)
            let checkedAmount = builder.paragraphs.count > before
            // Say so when nothing is specific to the topic asked about and the answer is the
            // general one.
            let properties = ordered.flatMap { id in
                intent.properties.compactMap { key in
                    graph.property(key, ofTopic: id).map { (id, $0) }
                }
            }
            if !subjects.isEmpty, !checkedAmount, direct.isEmpty, properties.isEmpty, !used.isEmpty,
                !used.contains(where: { subjects.contains($0.topicID) }),
                let subject = ordered.first,
                let parent = selector.lineage(subject).dropFirst().first
            {
                builder.add(
                    "I have nothing on \(label(intentID)) specific to \(selector.name(subject)); this applies to \(selector.name(parent)) in general:"
                )
            }
            builder.add(
                items: properties.map { id, property in
                    builder.item(
                        capitalized(property.key.hyphensAsSpaces) + " for \(selector.name(id)): "
                            + property.value + ".", sources: property.sourceIDs)
                })
            builder.add(facts: used)
            addRelations(
                for: intentID, subjects: subjects.isEmpty ? intent.homeTopics : subjects,
                person: person, shown: direct, into: &builder)
            if builder.isEmpty, let subject = subjects.first {
                // Nothing for that question: say so, then what the topic is.
                let definition = selector.shortAnswer(
                    from: selector.facts(abouts: ["definition"], topics: [subject], person: person),
                    limit: 1)
                builder.add(
                    "I don't have anything on \(label(intentID)) for \(selector.name(subject)) yet."
                )
                builder.add(facts: definition)
                used = definition
            }
        }
        if builder.isEmpty { return outOfScopeReply(u) }
        addCaution(intent: intentID, person: person, into: &builder)

        for fact in used { shownFacts.insert(fact.id) }
        shownFacts.formUnion(builder.factIDs)
        let topics = subjects.isEmpty ? intent.homeTopics.prefix(1).map { $0 } : subjects
        remember(topics)
        lastAnswer = AnswerState(intent: intentID, topics: topics, person: person)
        // The people the answer was shaped for are part of what it is about.
        let shapedFor = person.audience.filter { id in
            builder.factIDs.contains { graph.audience(ofFact: $0)?.contains(id) == true }
                && !topics.contains(id)
        }
        // Then the topics the facts came from: the answer covers them too.
        var covered = topics + shapedFor
        for id in builder.factIDs {
            if let topic = graph.topicID(ofFact: id), !covered.contains(topic) {
                covered.append(topic)
            }
        }
        var reply = Reply(
            question: "", text: builder.text, intent: intentID, topics: covered,
            confidence: confidence)
        reply.factIDs = builder.factIDs
        reply.sourceIDs = builder.sourceIDs
        return reply
    }

    /// Amounts named in the question ("700mg", "0.5 g", "1e3 mg", "-700 mg"), in order (read by
    /// ``Amounts``).
    func amounts(in u: Understanding) -> [Amount] { Amounts.read(u.tokens) }

    /// "Is 700 mg too much?": the amount against the limits the intent names, read both as
    /// elemental magnesium and as the weight of the form being discussed. An amount no one can take
    /// is named and refused.
    func addAmountCheck(
        _ u: Understanding, intent: Intent, subjects: [String], person: Person,
        into builder: inout AnswerBuilder
    ) {
        guard let found = amounts(in: u).first, !intent.amountLimits.isEmpty else { return }
        if found.isNegative {
            builder.add(
                "\(found.written) is not an amount anyone can take: an amount cannot be below zero, so there is nothing to check against the limits."
            )
            return
        }
        // Children's limits are lower and depend on age; their own facts answer instead.
        if person.audience.contains(ReservedID.children)
            || (person.age ?? Thresholds.adultAge) < Thresholds.adultAge
        {
            return
        }
        let limits = intent.amountLimits.compactMap { limit in
            graph.property(limit.property, ofTopic: limit.topic)
        }
        .filter { $0.number != nil }
        guard !limits.isEmpty else { return }
        if found.isAbsurd {
            builder.add(
                "\(found.written) a day is not an amount anyone could take: it is far above the adult upper limits for supplements (\(limits.map(\.value).joined(separator: "; "))). "
                    + builder.cite(limits.flatMap(\.sourceIDs)))
            return
        }
        let amount = found.milligrams
        let shown = Amounts.shown(amount)
        let above = limits.filter { amount > $0.number! }
        let within = limits.filter { amount <= $0.number! }
        var sentence = "Read as elemental magnesium, \(shown) mg a day is "
        if within.isEmpty {
            sentence +=
                "above the adult upper limits for supplements (\(above.map(\.value).joined(separator: "; ")))"
        } else if above.isEmpty {
            sentence +=
                "within the adult upper limits for supplements (\(within.map(\.value).joined(separator: "; ")))"
        } else {
            sentence +=
                "above the \(above.map(\.value).joined(separator: "; ")) limit but within the \(within.map(\.value).joined(separator: "; ")) limit for adults"
        }
        builder.add(sentence + ". " + builder.cite(limits.flatMap(\.sourceIDs)))
        let form = (subjects + focus).flatMap { selector.lineage($0) }.first { id in
            graph.property("elemental-share", ofTopic: id)?.number != nil
        }
        if let form, let share = graph.property("elemental-share", ofTopic: form),
            let percent = share.number
        {
            let elemental = Amounts.shown((amount * percent / 100).rounded())
            builder.add(
                "If \(shown) mg is the weight of \(selector.name(form)) (about \(String(percent)) % magnesium), it gives about \(elemental) mg of elemental magnesium. "
                    + builder.cite(share.sourceIDs))
        }
    }

    /// Relations written between two of the named topics, one per pair.
    private func directRelations(among subjects: [String]) -> [Relation] {
        guard subjects.count >= 2 else { return [] }
        var found: [Relation] = []
        for (index, id) in subjects.enumerated() {
            let relations = graph.relations(ofTopic: id)
            for position in relations.indices
            where subjects[(index + 1)...].contains(relations[position].to)
                && relations[position].makesClaim
            {
                let relation = relations[position]
                if !found.contains(where: {
                    Set([$0.from, $0.to]) == Set([relation.from, relation.to])
                }) {
                    found.append(relation)
                }
            }
        }
        return found
    }

    /// Named topics, the more specific first: "magnesium" links to nearly everything, "anxiety" to
    /// little, so "does magnesium help anxiety?" is answered from anxiety's facts first.
    private func specificFirst(_ subjects: [String]) -> [String] {
        guard subjects.count > 1 else { return subjects }
        let links = subjects.map { graph.relations(ofTopic: $0).count }
        return subjects.indices.sorted { a, b in links[a] != links[b] ? links[a] < links[b] : a < b
        }.map { subjects[$0] }
    }

    /// The topics whose facts may answer: the subjects and what they are forms of, the person's
    /// groups and medicines, then the intent's home topics. The home topics are used only when the
    /// named topics have nothing for the question: "what is glycine?" is answered from glycine
    /// alone, "how much should I take?" from the dose topics.
    private func candidateTopics(subjects: [String], intent: Intent, person: Person) -> [String] {
        var topics: [String] = []
        for subject in subjects {
            for id in selector.lineage(subject) where !topics.contains(id) { topics.append(id) }
        }
        for id in person.audience where !topics.contains(id) { topics.append(id) }
        // Facts for this person's situation may sit on the home topics (a child's limits on "upper
        // limit"), so those are kept when the answer is for someone in particular.
        if person.audience.isEmpty && !subjects.isEmpty
            && selector.hasFact(
                abouts: intent.answers, topics: topics, person: person,
                where: { $0.level == 1 && subjects.contains($0.topicID) })
        {
            return topics
        }
        for id in intent.homeTopics where !topics.contains(id) { topics.append(id) }
        return topics
    }

    private func addRelations(
        for intent: String, subjects: [String], person: Person, shown: [Relation] = [],
        into builder: inout AnswerBuilder
    ) {
        // Worked out only for the intents that list relations: most answers need neither.
        var lineage: [String] { subjects.flatMap { selector.lineage($0) } }
        // An edge already given as the direct answer is not listed again.
        func alreadyShown(_ relation: Relation) -> Bool {
            shown.contains {
                ($0.from == relation.from && $0.to == relation.to)
                    || ($0.to == relation.from && $0.from == relation.to)
            }
        }
        func list(_ relations: [Relation], limit: Int = 8) {
            builder.add(
                items: relations.prefix(limit).map {
                    builder.item(selector.describe($0), sources: $0.sourceIDs)
                })
        }
        switch intent {
        case "interactions":
            var relations = selector.relations(of: lineage, .interactsWith).filter {
                !alreadyShown($0)
            }
            var named: [String] = []
            for id in subjects + person.audience
            where graph.kind(ofTopic: id) == "medicine" && !named.contains(id) { named.append(id) }
            if !named.isEmpty {
                let direct = selector.relations(of: named, .interactsWith).filter {
                    !alreadyShown($0)
                }
                relations = direct.isEmpty ? relations.filter { named.contains($0.to) } : direct
            }
            // Name each item by the medicine, whichever end of the edge it sits on.
            let items = relations.prefix(10).map { relation -> String in
                var shown = relation
                if graph.kind(ofTopic: relation.to) != "medicine",
                    graph.kind(ofTopic: relation.from) == "medicine"
                {
                    shown.to = relation.from
                }
                return builder.item(selector.describe(shown), sources: relation.sourceIDs)
            }
            builder.add(items: items)
        case "timing", "dose":
            let medicines = person.audience.filter { graph.kind(ofTopic: $0) == "medicine" }
            for medicine in medicines {
                for relation in selector.relations(of: [medicine], .interactsWith)
                where relation.timing != nil {
                    builder.add(
                        "Because you take \(selector.name(medicine)): "
                            + selector.sentence(relation.timing!) + " "
                            + builder.cite(relation.sourceIDs))
                }
            }
        case "food-sources":
            let foods = subjects.filter { graph.kind(ofTopic: $0) == "food" }
            if !foods.isEmpty {
                let items = selector.relations(of: foods, .contains).map { relation -> String in
                    var shown = relation
                    shown.to = relation.from
                    return builder.item(selector.describe(shown), sources: relation.sourceIDs)
                }
                builder.add(items: items)
            } else {
                let all = selector.relations(of: [ReservedID.magnesium], .foundIn).sorted {
                    ($0.milligrams ?? 0) > ($1.milligrams ?? 0)
                }
                list(all, limit: 8)
            }
        case "causes": list(selector.relations(of: lineage, .causedBy))
        case "prevention": list(selector.relations(of: lineage, .preventedBy))
        case "relief": list(selector.relations(of: lineage, .relievedBy))
        case "warning-signs": list(selector.relations(of: lineage, .hasWarningSign))
        case "kinds":
            // Forms are listed with their share of magnesium, so the list already compares them.
            let items = selector.relations(of: subjects, .hasForm).prefix(16).map {
                relation -> String in
                guard let share = graph.property("elemental-share", ofTopic: relation.to) else {
                    return builder.item(selector.describe(relation), sources: relation.sourceIDs)
                }
                return builder.item(
                    capitalized(selector.name(relation.to)) + " (elemental magnesium: "
                        + share.value + ").", sources: share.sourceIDs)
            }
            builder.add(items: items)
        default: break
        }
    }

    private func compare(_ a: String, _ b: String, into builder: inout AnswerBuilder) {
        guard let first = graph.topic(a), let second = graph.topic(b) else { return }
        builder.add("\(capitalized(first.name)) compared with \(second.name):")
        var items: [String] = []
        var keys: [String] = []
        for property in first.properties
        where second.properties.contains(where: { $0.key == property.key }) {
            keys.append(property.key)
        }
        for key in keys {
            let left = first.properties.first { $0.key == key }!
            let right = second.properties.first { $0.key == key }!
            let title = capitalized(key.hyphensAsSpaces)
            items.append(
                "- \(title): \(first.name) \(left.value) \(builder.cite(left.sourceIDs)); \(second.name) \(right.value) \(builder.cite(right.sourceIDs))"
            )
        }
        builder.add(items: items)
        let notes = selector.relations(of: [a], .comparedWith).filter {
            $0.to == b && $0.note != nil
        }
        for note in notes {
            builder.add(selector.sentence(note.note!) + " " + builder.cite(note.sourceIDs))
        }
        let facts = selector.facts(abouts: ["comparison"], topics: [a, b], person: .anyone)
            .filter { fact in
                let lowered = fact.text.lowercased()
                return textContains(lowered, second.name.lowercased())
                    || textContains(lowered, first.name.lowercased())
            }
        builder.add(facts: Array(facts.prefix(2)))
        if items.isEmpty && notes.isEmpty && facts.isEmpty {
            builder.add("I have no direct comparison of \(first.name) and \(second.name).")
            let definitions =
                selector.facts(abouts: ["definition"], topics: [a], person: .anyone).prefix(1)
                + selector.facts(abouts: ["definition"], topics: [b], person: .anyone).prefix(1)
            builder.add(facts: Array(definitions))
        }
    }

    /// "The article says X; the evidence shows Y." Returns false when no claim fits.
    private func claimCheck(_ u: Understanding, into builder: inout AnswerBuilder) -> Bool {
        let keys = Set(u.tokens.map(\.key))
        var best: (score: Int, claim: ArticleClaim)?
        let mentioned = u.topicIDs
        let about = mentioned.isEmpty ? Array(focus.prefix(1)) : mentioned
        for (index, claim) in graph.claims.enumerated() {
            let keywordHits = understander.claimKeywordKeys[index].filter { words in
                !words.isEmpty && words.allSatisfy(keys.contains)
            }.count
            let topicHits = claim.topicIDs.filter(about.contains).count
            let score = keywordHits * 2 + topicHits
            if score > 0 && (best == nil || score > best!.score) { best = (score, claim) }
        }
        guard let claim = best?.claim, best!.score >= 2 else { return false }
        builder.add(selector.sentence(claim.claim))
        builder.add("What the evidence shows (\(verdictPhrase(claim.verdict))):")
        builder.add(facts: claim.evidenceFactIDs.compactMap(graph.fact).prefix(3).map { $0 })
        return true
    }

    private func verdictPhrase(_ verdict: String) -> String {
        switch verdict {
        case "supported": "supported"
        case "partly-supported": "only partly supported"
        case "weak": "weak evidence"
        case "mixed": "mixed evidence"
        default: "not supported"
        }
    }

    /// A short note to ask a professional, once per situation, where it matters.
    private mutating func addCaution(
        intent: String, person: Person, into builder: inout AnswerBuilder
    ) {
        guard ["dose", "safety", "interactions", "timing", "upper-limit"].contains(intent) else {
            return
        }
        let situation = person.audience.sorted().joined(separator: ",")
        guard !cautionedFor.contains(situation) else { return }
        cautionedFor.insert(situation)
        if person.audience.isEmpty {
            builder.add(
                "If you take prescription medicines or have a health condition, check with a pharmacist or doctor before starting."
            )
        } else {
            let names = person.audience.map { selector.name($0) }
            builder.add(
                "Please check with your doctor, midwife or pharmacist before starting magnesium (this matters for: \(names.joined(separator: ", ")))."
            )
        }
    }

    // MARK: - Follow-ups

    private mutating func more(u: Understanding, score: Double, context: inout [String]) -> Reply {
        guard let last = lastAnswer, let intent = graph.intent(last.intent) else {
            return Reply(
                question: "",
                text:
                    "More about what? Ask me a question first, for example \"what is magnesium bisglycinate?\"",
                intent: ReservedID.more, confidence: score)
        }
        context.append("more on: \(last.topics.map { selector.name($0) }.joined(separator: ", "))")
        let topics = candidateTopics(subjects: last.topics, intent: intent, person: last.person)
        var remaining = selector.facts(abouts: intent.answers, topics: topics, person: last.person)
            .filter { !shownFacts.contains($0.id) }
        if remaining.isEmpty {
            // That question is exhausted: go wider on the same topic.
            remaining = selector.facts(
                abouts: Schema.abouts, topics: last.topics, person: last.person
            ).filter { !shownFacts.contains($0.id) }
        }
        var builder = AnswerBuilder()
        let chosen = Array(remaining.prefix(3))
        if chosen.isEmpty {
            builder.add(
                "That is everything I have on \(last.topics.map { selector.name($0) }.joined(separator: " and ")). Try another question, such as how it compares with other forms or what the evidence says."
            )
        } else {
            builder.add(facts: chosen)
        }
        shownFacts.formUnion(chosen.map(\.id))
        var reply = Reply(
            question: "", text: builder.text, intent: ReservedID.more, topics: last.topics,
            confidence: score)
        reply.factIDs = builder.factIDs
        reply.sourceIDs = builder.sourceIDs
        return reply
    }

    private mutating func why(u: Understanding, score: Double, context: inout [String]) -> Reply {
        guard let last = lastAnswer, let previous = lastReply else {
            return Reply(
                question: "",
                text: "Why what? Ask me a question first and I can explain the answer.",
                intent: ReservedID.why, confidence: score)
        }
        context.append(
            "why: explaining the answer about \(last.topics.map { selector.name($0) }.joined(separator: ", "))"
        )
        var builder = AnswerBuilder()
        let reasons = selector.facts(
            abouts: ["evidence", "mechanism"], topics: last.topics.flatMap { selector.lineage($0) },
            person: last.person
        )
        .filter { !shownFacts.contains($0.id) }
        let basis = previous.factIDs.compactMap(graph.fact)
        if !basis.isEmpty {
            let grades = basis.map { "\(capitalized($0.grade.word))" }
            var seen = Set<String>()
            let distinct = grades.filter { seen.insert($0).inserted }
            builder.add(
                "That answer rests on \(basis.count) sourced \(basis.count == 1 ? "fact" : "facts") (evidence: \(distinct.joined(separator: ", ").lowercased()))."
            )
        }
        builder.add(facts: Array(reasons.prefix(2)))
        shownFacts.formUnion(reasons.prefix(2).map(\.id))
        if builder.isEmpty {
            builder.add(
                "I gave that answer because it is what the sources I rely on say; type :sources to see them."
            )
        }
        var reply = Reply(
            question: "", text: builder.text, intent: ReservedID.why, topics: last.topics,
            confidence: score)
        reply.factIDs = builder.factIDs
        reply.sourceIDs = builder.sourceIDs
        return reply
    }

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

    // MARK: - Conversation

    private func conversational(_ intent: Intent, score: Double) -> Reply {
        Reply(question: "", text: intent.reply ?? "", intent: intent.id, confidence: score)
    }

    private func topicsList() -> Reply {
        var lines = ["I know about these areas:"]
        // One pass over the topics, not one per area.
        var namesByArea = Array(repeating: [String](), count: graph.areas.count)
        for index in graph.topics.indices {
            guard let area = graph.areas.firstIndex(where: { $0.id == graph.topics[index].areaID })
            else { continue }
            namesByArea[area].append(graph.topics[index].name)
        }
        for (area, names) in zip(graph.areas, namesByArea) {
            guard !names.isEmpty else { continue }
            let shown =
                names.prefix(6).joined(separator: ", ")
                + (names.count > 6 ? ", and \(names.count - 6) more" : "")
            lines.append("- \(area.name): \(shown)")
        }
        return Reply(
            question: "", text: lines.joined(separator: "\n"), intent: ReservedID.topicsList,
            confidence: 1)
    }

    private func outOfScopeReply(_ u: Understanding) -> Reply {
        let text =
            "That is outside what I know: I answer questions about magnesium bisglycinate, magnesium and muscle cramps, from checked sources. You could ask:\n"
            + suggestions().map { "- " + $0 }.joined(separator: "\n")
        return Reply(
            question: "", text: text, intent: ReservedID.outOfScope,
            confidence: max(0, 1 - (u.best?.score ?? 0)))
    }

    private func suggestions() -> [String] {
        if let topic = focus.first {
            let name = selector.name(topic)
            return [
                "How much \(name) should I take?", "Is \(name) safe for me?",
                "What does the evidence say about \(name)?",
            ]
        }
        return [
            "What is magnesium bisglycinate?", "Does magnesium help with leg cramps?",
            "How much magnesium is safe per day?",
        ]
    }

    private mutating func acknowledge(_ changes: [String], u: Understanding) -> Reply {
        var text = "Noted: " + changes.joined(separator: "; ") + "."
        if !profile.isEmpty {
            text +=
                " I'll take that into account in my answers (type :profile to see what I remember, :forget to clear it)."
        }
        return Reply(
            question: "", text: text, intent: ReservedID.profile, topics: u.topicIDs, confidence: 1)
    }

    // MARK: - Helpers

    private mutating func topicAmbiguity(_ u: Understanding, best: String) -> Reply? {
        for entry in u.ambiguousWords {
            var options: [String] = []
            for candidate in entry.candidates {
                guard let topic = understander.understand(candidate).mentions.first?.topicID,
                    !options.contains(topic)
                else { continue }
                options.append(topic)
            }
            guard options.count > 1 else { continue }
            // A topic already under discussion settles it without asking.
            if focus.contains(where: options.contains) { continue }
            let intent = graph.isContentIntent(best) ? best : ReservedID.definition
            pending = .topic(intent: intent, options: options)
            let names = options.map { selector.name($0) }
            return Reply(
                question: "", text: "Do you mean \(joinedOr(names))?",
                intent: DialogueIntent.unsure, topics: options, confidence: 0.3)
        }
        return nil
    }

    /// A statement put for agreement: "..., right?" at the end of the line, or at the end of a
    /// sentence or comma clause inside it ("glycinate is a strong laxative right, so ...").
    func isLeading(_ u: Understanding) -> Bool {
        let ends =
            [u.tokens.count]
            + u.breaks.indices.filter {
                u.breaks[$0].rawValue >= RedFlagReader.Break.clause.rawValue
            }
        return understander.leadingTagWords.contains { tagWords in
            ends.contains { end in
                end > tagWords.count + 1
                    && zip(u.tokens[(end - tagWords.count)..<end], tagWords).allSatisfy {
                        $0.text == $1
                    }
            }
        }
    }

    /// A question mark, a question's opening words, or a statement ending "..., right" that asks
    /// for agreement.
    func isQuestion(_ u: Understanding) -> Bool { u.asksSomething || isLeading(u) }

    /// A medicine the person said they take (a line naming it is about them, not a new subject).
    private func isProfileMedicine(_ id: String) -> Bool {
        graph.kind(ofTopic: id) == "medicine" && profile.medicines.contains(id)
    }

    private func differentAnswers(_ a: String, _ b: String) -> Bool {
        guard let first = graph.answers(ofIntent: a), let second = graph.answers(ofIntent: b) else {
            return false
        }
        // Intents whose answers overlap ("does it work?": evidence or how it works) both answer
        // well enough.
        return !first.contains(where: second.contains)
    }

    /// True when the line is only topics and filler words: "and citrate?", "what about for kids?".
    private func isEllipsis(_ u: Understanding) -> Bool {
        var restCount = 0
        for (position, token) in u.tokens.enumerated()
        where !u.mentions.contains(where: { $0.range.contains(position) }) {
            restCount += 1
            guard restCount <= 6,
                Self.ellipsisFiller.contains(token.text)
                    || Self.ellipsisAgeWords.contains(token.text) || Int(token.text) != nil
            else { return false }
        }
        return true
    }

    private static let ellipsisFiller: Set<String> = [
        "and", "what", "about", "how", "for", "with", "the", "a", "an", "then", "also", "in", "or",
        "is", "it", "ok", "okay", "so", "instead", "same", "question", "if", "my", "of", "i", "am",
        "re", "are", "you", "your", "s", "now", "was", "were", "be", "case", "say", "though", "too",
        "as", "well", "taking", "take", "on",
    ]
    private static let ellipsisAgeWords: Set<String> = [
        "someone", "somebody", "person", "aged", "age", "year", "years", "old", "yo",
    ]

    private func isFollowUpAudience(_ u: Understanding) -> Bool {
        lastAnswer != nil && isEllipsis(u)
    }

    private func choose(among options: [String], in u: Understanding) -> String? {
        let words = u.tokens.map(\.text)
        let ordinals = [
            "first": 0, "1": 0, "second": 1, "2": 1, "third": 2, "3": 2, "last": options.count - 1,
        ]
        for word in words {
            if let index = ordinals[word], index < options.count { return options[index] }
        }
        for option in options {
            let labelWords = Set(Normalizer.words(label(option)).map(Stemmer.stem))
            if u.tokens.contains(where: { labelWords.contains($0.key) && $0.text.count > 3 }) {
                return option
            }
        }
        let ranked = u.ranked.filter { options.contains($0.intent) }
        if let top = ranked.first, top.score >= Thresholds.minimumScore { return top.intent }
        return nil
    }

    private func ordinalChoice(_ options: [String], _ u: Understanding) -> String? {
        let ordinals = [
            "first": 0, "1": 0, "second": 1, "2": 1, "third": 2, "3": 2, "last": options.count - 1,
        ]
        for token in u.tokens {
            if let index = ordinals[token.text], index < options.count { return options[index] }
        }
        return nil
    }

    private func label(_ intentID: String) -> String {
        graph.label(ofIntent: intentID) ?? intentID.hyphensAsSpaces
    }

    mutating func remember(_ topics: [String]) {
        for topic in topics.reversed() {
            focus.removeAll { $0 == topic }
            focus.insert(topic, at: 0)
        }
        if focus.count > 8 { focus.removeLast(focus.count - 8) }
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
