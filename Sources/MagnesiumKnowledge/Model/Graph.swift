import MagnesiumText

/// Where a piece of knowledge was written: a file under `Knowledge/` and a line in it.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    public var description: String { "\(file):\(line)" }
}

/// How strong the evidence behind a fact is.
public enum EvidenceGrade: String, Sendable, CaseIterable {
    case strong, moderate, weak, mixed, none
    case expertOpinion = "expert-opinion"
    case calculated

    /// How the grade reads to a person, in an answer's "(evidence: …)" note.
    public var word: String {
        switch self {
        case .none: "none found"
        case .expertOpinion: "expert advice"
        default: rawValue
        }
    }
}

/// One of the twelve areas of coverage (plus red flags).
public struct Area: Sendable, Hashable {
    public var id: String
    public var name: String
    public var location: SourceLocation
}

/// A reference that facts cite.
public struct Source: Sendable, Hashable {
    public var id: String
    public var title: String
    public var publisher: String
    public var year: Int?
    public var url: String
    public var note: String?
    /// What kind of source it is (``Schema/standings``): a study, an official body, a professional
    /// reference, or other; nil where no one has said yet.
    public var standing: String? = nil
    public var location: SourceLocation

    /// A short citation: publisher or title, and year.
    public var shortCitation: String {
        var text = publisher.isEmpty ? title : "\(publisher): \(title)"
        if let year { text += " (\(year))" }
        return text
    }
}

/// A single sourced, graded statement about a topic.
public struct Fact: Sendable, Hashable {
    public var id: String
    public var topicID: String
    /// The kind of question this fact answers (`definition`, `dose`, ...).
    public var about: String
    public var text: String
    public var sourceIDs: [String]
    public var grade: EvidenceGrade
    /// 1 belongs in the short answer; 2 and 3 are given on "tell me more".
    public var level: Int
    /// Topic ids of the people this fact is for; empty means everyone.
    public var audience: [String]
    /// An inclusive age band in years, for facts about children or age groups.
    public var ages: ClosedRange<Int>?
    public var location: SourceLocation
}

/// A value of a topic that can be compared across topics of the same kind.
public struct Property: Sendable, Hashable {
    public var key: String
    public var value: String
    public var number: Double?
    public var sourceIDs: [String]
    public var grade: EvidenceGrade
    public var location: SourceLocation
}

/// The typed relations between topics, with their inverses.
public enum RelationType: String, Sendable, CaseIterable {
    case formOf = "form-of"
    case hasForm = "has-form"
    case contains
    case foundIn = "found-in"
    case helpsWith = "helps-with"
    case helpedBy = "helped-by"
    case causes
    case causedBy = "caused-by"
    case prevents
    case preventedBy = "prevented-by"
    case relieves
    case relievedBy = "relieved-by"
    case interactsWith = "interacts-with"
    case comparedWith = "compared-with"
    case warningSignOf = "warning-sign-of"
    case hasWarningSign = "has-warning-sign"
    case riskFactorFor = "risk-factor-for"
    case hasRiskFactor = "has-risk-factor"
    case relatedTo = "related-to"

    /// The types an author writes; the others are derived by the loader.
    public static let authored: [RelationType] = [
        .formOf, .contains, .helpsWith, .causes, .prevents, .relieves, .interactsWith,
        .comparedWith, .warningSignOf, .riskFactorFor, .relatedTo,
    ]

    public var inverse: RelationType {
        switch self {
        case .formOf: .hasForm
        case .hasForm: .formOf
        case .contains: .foundIn
        case .foundIn: .contains
        case .helpsWith: .helpedBy
        case .helpedBy: .helpsWith
        case .causes: .causedBy
        case .causedBy: .causes
        case .prevents: .preventedBy
        case .preventedBy: .prevents
        case .relieves: .relievedBy
        case .relievedBy: .relieves
        case .interactsWith: .interactsWith
        case .comparedWith: .comparedWith
        case .warningSignOf: .hasWarningSign
        case .hasWarningSign: .warningSignOf
        case .riskFactorFor: .hasRiskFactor
        case .hasRiskFactor: .riskFactorFor
        case .relatedTo: .relatedTo
        }
    }
}

/// A typed edge from one topic to another, possibly carrying a sourced claim.
public struct Relation: Sendable, Hashable {
    public var type: RelationType
    public var from: String
    public var to: String
    public var note: String?
    public var timing: String?
    public var amount: String?
    public var serving: String?
    public var milligrams: Double?
    public var grade: EvidenceGrade?
    public var sourceIDs: [String]
    /// True when the loader derived this edge as the inverse of an authored one.
    public var isDerived: Bool
    public var location: SourceLocation

    /// Whether the relation states something that needs a source.
    public var makesClaim: Bool {
        note != nil || timing != nil || amount != nil || type == .helpsWith
    }
}

/// A subject the assistant knows about.
public struct Topic: Sendable, Hashable {
    public var id: String
    public var name: String
    public var areaID: String
    public var kind: String
    public var aliases: [String]
    public var facts: [Fact]
    public var properties: [Property]
    public var relations: [Relation]
    public var location: SourceLocation
}

/// Something people ask for, learnt from example phrasings.
public struct Intent: Sendable {
    public var id: String
    /// How the intent is named in a clarifying question ("how much to take").
    public var label: String?
    /// The `about` values of facts that answer it, in order of preference.
    public var answers: [String]
    /// Topics to draw on when the question names no topic that has such facts.
    public var homeTopics: [String]
    /// Topic property keys that answer it for a named topic (`compound-per-100mg` for a dose).
    public var properties: [String] = []
    /// Topic kinds whose mention makes this intent likelier (a `benefit` → benefits).
    public var homeKinds: [String] = []
    /// Limits (topic id and numeric property key) that an amount in the question is compared with.
    public var amountLimits: [(topic: String, property: String)] = []
    /// A fixed reply for conversational intents (greeting, thanks, ...).
    public var reply: String?
    public var examples: [String]
    public var location: SourceLocation
}

/// A claim of the seed article, its verdict and the facts that check it.
public struct ArticleClaim: Sendable, Hashable {
    public var id: String
    public var number: Int
    public var claim: String
    public var keywords: [String]
    public var verdict: String
    public var topicIDs: [String]
    public var evidenceFactIDs: [String]
    public var location: SourceLocation
}

/// Word-level knowledge for understanding: synonyms and cues.
public struct Lexicon: Sendable {
    /// Word or phrase → replacement, applied after spelling correction.
    public var synonyms: [(String, String)] = []
    /// Ordinary English words that are never corrected into domain words.
    public var commonWords: [String] = []
    /// Words that negate a statement about oneself ("not", "no longer").
    public var negations: [String] = []
    /// Endings that make a statement a leading question ("..., right?"), answered with the
    /// evidence.
    public var leadingTags: [String] = []
    /// Function words ("a", "the", "is", "my") that matching a question to an answer reads past:
    /// the words that carry the question are the rest.
    public var stopWords: [String] = []
}

/// The whole knowledge graph, indexed for lookup.
public struct Graph: Sendable {
    public var areas: [Area] = []
    public var sources: [Source] = []
    public var topics: [Topic] = []
    public var intents: [Intent] = []
    public var claims: [ArticleClaim] = []
    public var answers: [DesignedAnswer] = []
    public var lexicon = Lexicon()
    /// The symptom vocabulary and rules of the red-flag reader.
    public var redFlags = RedFlags()

    public private(set) var topicIndex: [String: Int] = [:]
    public private(set) var sourceIndex: [String: Int] = [:]
    public private(set) var factIndex: [String: FactAddress] = [:]
    public private(set) var intentIndex: [String: Int] = [:]
    public private(set) var answerIndex: [String: Int] = [:]

    /// Where a fact sits: its topic's index and its position in the topic.
    public struct FactAddress: Sendable, Hashable {
        public var topic: Int
        public var fact: Int
    }

    public init() {}

    /// Rebuilds the lookup tables; call after changing the arrays.
    public mutating func reindex() {
        topicIndex = [:]
        sourceIndex = [:]
        factIndex = [:]
        intentIndex = [:]
        answerIndex = [:]
        for (i, answer) in answers.enumerated() { answerIndex[answer.id] = i }
        for (i, topic) in topics.enumerated() {
            topicIndex[topic.id] = i
            for (j, fact) in topic.facts.enumerated() {
                factIndex[fact.id] = FactAddress(topic: i, fact: j)
            }
        }
        for (i, source) in sources.enumerated() { sourceIndex[source.id] = i }
        for (i, intent) in intents.enumerated() { intentIndex[intent.id] = i }
    }

    /// Numbers the knowledge may hold (a property's number, a relation's milligrams): finite, and
    /// at most a million million either way, so arithmetic on them never overflows a conversion.
    public static func isSensibleNumber(_ value: Double) -> Bool {
        value.isFinite && abs(value) <= 1e12
    }

    public func topic(_ id: String) -> Topic? { topicIndex[id].map { topics[$0] } }
    public func source(_ id: String) -> Source? { sourceIndex[id].map { sources[$0] } }
    public func intent(_ id: String) -> Intent? { intentIndex[id].map { intents[$0] } }
    public func fact(_ id: String) -> Fact? {
        factIndex[id].map { topics[$0.topic].facts[$0.fact] }
    }
    public func answer(_ id: String) -> DesignedAnswer? { answerIndex[id].map { answers[$0] } }

    public var factCount: Int { topics.reduce(0) { $0 + $1.facts.count } }
    public var authoredRelationCount: Int {
        topics.reduce(0) { $0 + $1.relations.filter { !$0.isDerived }.count }
    }
}

/// One sentence an answer shows: a fact of the graph, or a sourced, graded statement of its own.
public struct AnswerItem: Sendable, Hashable {
    /// The fact this item shows, when it shows one (its text, sources and grade are copied here).
    public var factID: String?
    public var text: String
    public var sourceIDs: [String]
    public var grade: EvidenceGrade
    public var location: SourceLocation

    package init(
        factID: String?, text: String, sourceIDs: [String], grade: EvidenceGrade,
        location: SourceLocation
    ) {
        self.factID = factID
        self.text = text
        self.sourceIDs = sourceIDs
        self.grade = grade
        self.location = location
    }
}

/// A sentence an answer adds for a person in the profile (pregnancy, a medicine, a child).
public struct AnswerAddition: Sendable, Hashable {
    /// The profile topic it is for: a group (`pregnancy`), a medicine, `children`, ...
    public var topicID: String
    public var item: AnswerItem
}

/// A designed response to one question people commonly ask: how they ask it, the sentence that
/// answers it directly, the facts that back it, its caution and what changes for a person.
public struct DesignedAnswer: Sendable, Hashable {
    public var id: String
    /// What it is about; becomes the conversation's focus for "it".
    public var topicID: String
    public var alsoTopicIDs: [String]
    /// The kind of question it answers (``Schema/answerKinds``).
    public var asks: String
    /// Ways people ask it: what the matcher learns the answer from.
    public var questions: [String]
    /// The answer, first sentence first.
    public var says: [AnswerItem]
    public var caution: AnswerItem?
    /// The reason behind the first sentence, for "why?".
    public var why: AnswerItem?
    /// Further detail, for "tell me more", in order.
    public var more: [AnswerItem]
    public var additions: [AnswerAddition]
    public var location: SourceLocation
    /// The ages it is written for, in whole years; nil for any age.
    public var ages: ClosedRange<Int>? = nil
    /// The sex it is written for (``Schema/sexes``); nil for either.
    public var sex: String? = nil

    /// Every topic the answer is about, its main topic first.
    public var topicIDs: [String] { [topicID] + alsoTopicIDs }
}
