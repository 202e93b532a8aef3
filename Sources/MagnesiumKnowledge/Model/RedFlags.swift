import MagnesiumText

/// The red-flag reader's knowledge (`Knowledge/red-flags.yaml`): a symptom vocabulary, the cues
/// that change how a mention reads, and the rules that combine symptoms into an emergency.
///
/// A concept is a symptom, a body part, a circumstance ("after taking magnesium") or a cue
/// (a negation, a distant past, a question about a subject), named by words and phrases as
/// people type them or built from other concepts. A rule fires when every group of one of its
/// patterns is found close enough together and no cue says the mention is not a present report.
///
/// ```yaml
/// red-flags:
///   concepts:
///     - id: chest
///       words: [chest, breastbone]
///       typos: [chst, chesst]
///   rules:
///     - id: chest-pain
///       topic: emergency-signs
///       when:
///         - [chest, pain|pressure|tight]
///       within: 6
///       advice: Call emergency services now ...
///       source: [merck-cramps]
/// ```
public struct RedFlags: Sendable, Hashable {
    /// Word concepts, cues and built concepts, in file order (a built concept uses earlier ones
    /// only).
    public var concepts: [RedFlagConcept] = []
    /// The rules, in priority order: the first that fire are the advice given first.
    public var rules: [UrgentRule] = []

    public init() {}
}

/// A symptom, body part, circumstance or cue, with the ways people say it.
public struct RedFlagConcept: Sendable, Hashable {
    public var id: String
    /// Words and phrases, lower case, as the normaliser leaves them ("can not" for can't). A word
    /// ending in `*` matches any ending ("tingl*"); `#` matches a number and `#10+` a number of
    /// at least 10. These words are also targets of spelling correction.
    public var words: [String]
    /// Misspellings people type, matched as typed; never targets of spelling correction.
    public var typos: [String]
    /// Patterns of earlier concepts that also make this one ("one side" near "weak").
    public var patterns: [RedFlagPattern]
    public var location: SourceLocation

    public init(
        id: String, words: [String], typos: [String], patterns: [RedFlagPattern],
        location: SourceLocation
    ) {
        self.id = id
        self.words = words
        self.typos = typos
        self.patterns = patterns
        self.location = location
    }

    /// The concept ids whose meaning the reader itself knows: cues that say how a mention reads.
    public static let cueIDs: [String] = RedFlagCue.allCases.map(\.rawValue)
}

/// A cue the reader knows the meaning of; its words are data like any concept's.
public enum RedFlagCue: String, Sendable, CaseIterable {
    /// "no", "not", "never", "without": the symptom right after it is denied.
    case negation
    /// "years ago", "as a child", "last year": the mention is history, not a present report.
    case past
    /// "fine now", "went away", "doctor said it was nothing": an episode that is over.
    case resolved
    /// "right now", "again", "getting worse": the mention is happening now, unless a past,
    /// long-standing, supposed or second-hand reading is said closer to it.
    case present
    /// "if", "what happens if", "in case": a supposed situation.
    case hypothetical
    /// "I read that", "my friend said": someone else's claim.
    case hearsay
    /// "sometimes", "for years", "whenever", "I get": a long-standing pattern, not an acute event.
    case chronic
    /// "help with", "signs of", "cause", "for": the symptom is what a question is about.
    case subject
    /// "I", "my", "he", "my son": a person the message reports about.
    case person
    /// "does", "can", "what", "is": words that open a question.
    case question
    /// "but", "however", "although": a turn that starts a new part of the message.
    case contrast
    /// "lol", "haha": said in jest ("I almost passed out at the price lol").
    case joke
    /// "the ambulance is on its way", "we are at the hospital": help has been called, so an
    /// emergency advised on just before need not be repeated.
    case helpComing = "help-coming"
    /// Words that look like a symptom but mean something else ("dark yellow", "no sweat", "not
    /// sure"): they claim their words so no symptom, and no negation, is read in them.
    case otherSense = "other-sense"
    /// The guards a rule may choose to ignore (every cue that can hold a mention back).
    public static let guards: [RedFlagCue] = [
        .negation, .past, .resolved, .hypothetical, .hearsay, .chronic, .subject, .question, .joke,
    ]
}

/// Concepts that must all be found near each other: one concept of each group.
public struct RedFlagPattern: Sendable, Hashable {
    /// Each group lists concept ids, any one of which fills it.
    public var groups: [[String]]
    /// At most this many words from the first word of the first part to the last word of the last.
    public var within: Int
    /// Whether the parts may lie in different sentences of the message.
    public var acrossSentences: Bool

    /// The window when a rule or concept names none.
    public static let defaultWithin = 8

    public init(groups: [[String]], within: Int, acrossSentences: Bool) {
        self.groups = groups
        self.within = within
        self.acrossSentences = acrossSentences
    }
}

/// An emergency the reader recognises, with the advice that goes before anything else.
public struct UrgentRule: Sendable, Hashable {
    public var id: String
    /// The topic the emergency is about (blood-clot, tetanus, ...), reported with the reply.
    public var topicID: String?
    /// Any one pattern found, and not held back by a cue, fires the rule.
    public var patterns: [RedFlagPattern]
    /// Cues (``RedFlagCue/guards``) that do not hold this rule back: a crisis is a crisis even in a
    /// question.
    public var ignores: [String]
    /// What to do now and why, in one or two sentences.
    public var advice: String
    /// Whether a question asked with the emergency is answered after the advice: yes where
    /// magnesium itself is the emergency ("I took 30 tablets, will I be ok?"); no for a stroke or
    /// a clot, where an answer about magnesium after the advice would only distract from it.
    public var answersTheQuestionToo: Bool
    /// The designed answer for the wait once help is coming for this emergency ("give nothing by
    /// mouth" for a stroke, an aspirin for a heart attack): what to give while waiting differs from
    /// one emergency to another, so an answer named by one rule is never given for another's.
    public var whileWaiting: String?
    public var sourceIDs: [String]
    public var location: SourceLocation

    public init(
        id: String, topicID: String?, patterns: [RedFlagPattern], ignores: [String], advice: String,
        answersTheQuestionToo: Bool = false, whileWaiting: String? = nil, sourceIDs: [String],
        location: SourceLocation
    ) {
        self.id = id
        self.topicID = topicID
        self.patterns = patterns
        self.ignores = ignores
        self.advice = advice
        self.answersTheQuestionToo = answersTheQuestionToo
        self.whileWaiting = whileWaiting
        self.sourceIDs = sourceIDs
        self.location = location
    }
}

/// One word of a red-flag phrase: a word, a word's beginning (`tingl*`) or a number (`#`, `#10+`,
/// `#45-`).
package enum RedFlagWord: Sendable, Hashable {
    case exact(String)
    case prefix(String)
    case number(atLeast: Double?, atMost: Double?)

    /// Reads one word of a phrase as written in `Knowledge/red-flags.yaml`; nil when it is
    /// malformed.
    package init?(pattern: String) {
        if pattern.hasPrefix("#") {
            let rest = pattern.dropFirst()
            if rest.isEmpty {
                self = .number(atLeast: nil, atMost: nil)
            } else if rest.hasSuffix("+"), let value = Double(rest.dropLast()), value.isFinite {
                self = .number(atLeast: value, atMost: nil)
            } else if rest.hasSuffix("-"), let value = Double(rest.dropLast()), value.isFinite {
                self = .number(atLeast: nil, atMost: value)
            } else {
                return nil
            }
        } else if pattern.hasSuffix("*") {
            let stem = String(pattern.dropLast())
            guard stem.count >= 3, !stem.contains("*"), !stem.contains(" ") else { return nil }
            self = .prefix(stem)
        } else {
            guard !pattern.isEmpty, !pattern.contains("*"), !pattern.contains(" ") else {
                return nil
            }
            self = .exact(pattern)
        }
    }
}
