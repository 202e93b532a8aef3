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
    public internal(set) var turns: [(input: String, reply: Reply)] = []
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
    /// The medicines and situations whose rule for taking magnesium was already given: each is
    /// given once.
    var ruleGivenFor = Set<String>()
    /// The medicines and situations ``situationsWithRules(for:topicIDs:people:)`` last sorted,
    /// each once with its kind, and the lists they came from, which rarely change from one line
    /// to the next.
    var situationsKept: (lists: [[String]], sorted: [(id: String, kind: String?)])?
    /// Medicines and situations this line swapped for another ("I meant digoxin, not
    /// doxycycline").
    var withdrawnThisTurn = Set<String>()
    /// The emergency last advised on and how many more turns repeat its advice first: "can it wait
    /// till Friday?" or "surely it's just a cramp?" right after it still gets the advice.
    var emergency: (rules: [UrgentRule], turnsLeft: Int)?
    /// The emergency advised last in this conversation, after its reminders have run out: "what
    /// number do I call?" later still gets its advice, which holds the numbers.
    var lastEmergency: [UrgentRule]?
    /// The line that raised the emergency in play, as read, with the rules advised since: a sign
    /// told in the next few lines (`linesLeft`) is read with it ("now she's floppy"), even once
    /// help is coming; reading every later line twice cost a tenth of a batch's time.
    var emergencyRaised: RaisedEmergency?
    /// The question before, as read: a symptom named without where it is ("today it's swollen
    /// and red") is read for red flags together with it ("my calf cramped yesterday").
    var questionBefore: Understanding?
    /// The line before this one, as read, while this one is answered: "and for my son, he's 13"
    /// asks it again for the son, whether or not a designed answer answered it.
    var lineBefore: Understanding?
    /// The age last asked about for someone else ("can I give it to a 3 month old?"), which "she"
    /// and "he" refer to afterwards when the profile names no one.
    var askedAboutAge: Int?
    /// A baby the asker breastfeeds was named: "him" or "her" later is that baby.
    var babyFedInTheConversation = false
    /// While the question before is answered again for someone just described ("and my wife's
    /// 23, same question for her"), whom it is for: the line that described them says so, not the
    /// old question's own words. Whether they are someone other than the asker.
    var answeringAgainFor: (person: Person, someoneElse: Bool)?
    /// Groups a follow-up asked the last question for ("what about in pregnancy?"): their
    /// sentences lead the answer.
    var groupsAskedFor: [String] = []
    /// What the person said their product or daily amount holds, for sums about it later.
    var stated: StatedAmounts?
    /// A statement about the person ("I take pantoprazole every day"), on the line it was made
    /// and on the line after: "could that be connected?" asks about it.
    var statementJustMade: StatementMade?
    var statementBefore: StatementMade?

    /// Per answer, by place: ``amountWrittenFor(answerAt:)``, once worked out; empty until first
    /// needed.
    var amountsWrittenFor: [AmountWritten] = []

    /// The last two tables made for each use in the re-ranking, with the lists they were made
    /// from, the last used first (see ``answerTable(for:kept:)``).
    var answerTablesKept: [(topics: [String], table: [Int])?] = Array(repeating: nil, count: 6)

    /// The buffers re-ranking rescores in, kept so that no line allocates them anew.
    var rescoreBuffers = RankedOrder.ClassBuffers()
    /// The re-ranking's steps for each answer, by place (see ``rescoreSteps(kindsAsked:kinds:
    /// otherGroup:gains:)``), kept so that no line allocates the table anew.
    var rescoreStepsKept: [UInt8] = []

    /// Each answer's kind (`asks`) as a number; made when first needed.
    var answerKinds: AnswerKinds?

    /// `knowledge.graph`, held here so that reading a field reads it in place: going through
    /// `knowledge` on every lookup copied the whole graph (every table retained and released).
    let graph: Graph
    let selector: FactSelector
    /// `knowledge.understander`, held here for the same reason: reading it through `knowledge`
    /// copied it.
    let understander: Understander
    /// The places in `graph.answers` of the answers on each topic, in order: a band's answers are
    /// looked for among their topic's, not among all answers, for every answer given.
    let answersByTopic: [String: [Int]]
    /// The last word of each of the lexicon's leading tags ("right", "isn't it"), which a line
    /// put for agreement ends a clause on.
    let leadingTagLastWords: FilteredWords
    /// Where the answers red-flag rules name for their wait stand, found once, not on each line.
    let waitingAnswerPlaces: Set<Int>

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
        self.answersByTopic = Dictionary(
            grouping: knowledge.graph.answers.indices, by: { knowledge.graph.answers[$0].topicID })
        self.leadingTagLastWords = FilteredWords(
            Set(knowledge.understander.leadingTagWords.compactMap(\.last)))
        self.waitingAnswerPlaces = Set(
            knowledge.graph.redFlags.rules.compactMap {
                $0.whileWaiting.flatMap { knowledge.graph.answerIndex[$0] }
            })
    }

    /// Answers one line: a question, a statement about oneself, or a `:command`.
    public mutating func respond(to line: String) -> Reply {
        respond(to: Self.read(line, understander: understander))
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
        // "source?" and the :commands talk about the last answer; they do not replace it, and nor
        // does "thanks" ("thanks! where's that from?" asks about the answer before).
        if !reply.intent.hasPrefix(":") && reply.intent != ReservedID.source
            && !Self.pleasantries.contains(reply.intent)
        {
            lastReply = reply
        }
        return reply
    }

    // MARK: - Questions

    /// A question's reply: the dialogue policy's, or the closest designed answer where the policy
    /// would ask back or give up, with any emergency advice put first.
    private mutating func answer(_ line: Understanding, cutFrom: Int?) -> Reply {
        let read = readingALowEGFRAsKidneyDisease(line) ?? line
        noteOwnSex(read)
        statementBefore = statementJustMade
        statementJustMade = nil
        var context: [String] = []
        if let cutFrom {
            context.append("read only the first \(Self.longestQuestion) characters of \(cutFrom)")
        }
        let matchedUrgent = urgentRules(in: read, context: &context)
        lineBefore = questionBefore
        questionBefore = read
        let (otherPersonBefore, otherAgeBefore) = (profile.otherPerson, profile.otherAge)
        let profileChanges = noteProfileChanges(read, context: &context)
        closestDesigned = nil
        let lineAsTyped = read
        let understanding = reread(read, otherAgeBefore: otherAgeBefore, context: &context)
        var reply = decide(understanding, profileChanges: profileChanges, context: &context)
        noteAnsweredStatement(reply, understanding)
        noteStatedAmounts(understanding)
        if profile.otherAge == nil, profile.age == nil, let age = statedQuestionAge(understanding) {
            askedAboutAge = age
        }
        if let closest = closestDesignedInstead(of: reply, understanding, context: &context) {
            reply = closest
        }

        let turnsToSomeoneElse =
            profile.otherPerson != nil && profile.otherPerson != otherPersonBefore
        addEmergencyAdvice(
            matched: matchedUrgent, to: &reply, understanding,
            helpComing: lineAsTyped.redFlags.helpComing, turnsToSomeoneElse: turnsToSomeoneElse,
            context: &context)
        reply.corrections = understanding.corrections
        reply.normalized = understanding.normalized
        reply.context = context + reply.context
        return reply
    }

    /// The profile updated from the line, and what a swap of medicines set aside ("I meant digoxin,
    /// not doxycycline"); the changes, also noted in the context.
    private mutating func noteProfileChanges(_ read: Understanding, context: inout [String])
        -> [String]
    {
        let (medicinesBefore, groupsBefore) = (profile.medicines, profile.groups)
        let profileChanges = updateProfile(from: read)
        // Only a swap sets one aside; "I stopped omeprazole" alone is still about omeprazole. Most
        // lines change neither list, and a long conversation's lists cost to hash.
        if profile.medicines == medicinesBefore && profile.groups == groupsBefore {
            withdrawnThisTurn = []
        } else {
            let heldBefore = Set(medicinesBefore + groupsBefore)
            let heldAfter = Set(profile.medicines + profile.groups)
            withdrawnThisTurn =
                heldAfter.subtracting(heldBefore).isEmpty ? [] : heldBefore.subtracting(heldAfter)
        }
        if withdrawnThisTurn.isEmpty { withdrawnThisTurn = medicinesSaidNotToBeMeant(read) }
        if !profileChanges.isEmpty {
            context.append("profile: " + profileChanges.joined(separator: "; "))
        }
        return profileChanges
    }

    /// The line as the dialogue policy should read it: "baby" as the pregnancy, "he" as the child,
    /// a return to or correction of the question before, and no goodbye in "is that it?".
    private mutating func reread(
        _ read: Understanding, otherAgeBefore: Int?, context: inout [String]
    ) -> Understanding {
        var understanding = read
        if let read = readingTheBabyAsThePregnancy(understanding) {
            context.append("\"baby\" read as the pregnancy")
            understanding = read
        } else if otherAgeBefore == profile.otherAge,
            let read = readingThePronounAsTheChild(understanding)
        {
            context.append("\"he\" or \"she\" read as the child")
            understanding = read
        }
        if let earlier = backToAnEarlierQuestion(understanding) {
            context.append("back to the question of the line before: \(earlier.normalized)")
            understanding = earlier
        } else if let corrected = earlierQuestionCorrected(understanding) {
            context.append("the question before, of what was meant: \(corrected.normalized)")
            understanding = corrected
        }
        if let read = readingABareNumberAsTheAmountJustGiven(understanding) {
            context.append("the number read as the amount of the reply before")
            understanding = read
        }
        if let reread = withoutLeavingOrHelpReadings(understanding) {
            context.append(
                "read as no goodbye or request for help: it is about something taken or someone to ask"
            )
            understanding = reread
        }
        understanding.otherAmounts = placesOfOtherAmounts(understanding)
        return understanding
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
