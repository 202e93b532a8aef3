import MagnesiumKnowledge
import MagnesiumText
import MagnesiumUnderstanding

/// One answer of the assistant, as a value: the words and how they were made.
///
/// Renderers turn it into styled text for a terminal, plain text for batch
/// use, or a JSON object.
public struct Reply: Sendable {
    /// What the front end should do after showing the reply.
    public enum Action: Sendable, Equatable {
        case none
        case quit
    }

    public var question: String
    /// The answer body, without source notes.
    public var text: String
    public var intent: String
    public var topics: [String]
    public var confidence: Double
    public var factIDs: [String] = []
    /// Sources in the order their numbers appear in `text` (`[1]`, `[2]`, ...).
    public var sourceIDs: [String] = []
    public var corrections: [Correction] = []
    /// What came from earlier turns or the person's profile, in plain words.
    public var context: [String] = []
    public var normalized: String = ""
    public var action: Action = .none
    /// Paragraphs of `text` that a short view never holds back: the caution, the sentence for the
    /// person's situation or medicine, an amount checked against the limits. By their words, not
    /// their place: a line put before the answer ("Noted: ...") moves them down.
    public var alwaysShown: Set<String> {
        get { Set(alwaysShownParagraphs) }
        set { alwaysShownParagraphs = Array(newValue) }
    }
    /// ``alwaysShown`` as a list, which may hold a paragraph twice: only a short view reads it,
    /// so the set (every paragraph hashed whole) is made only when read, not for every reply.
    var alwaysShownParagraphs: [String] = []
    /// "Noted: ...", what the line told about the person, when the reply says it: emergency advice
    /// that stands alone still says it.
    var profileNote: String?
    /// The answer this reply says still holds ("That does not change my answer above."), so a
    /// second such statement is compared with that answer, not with this reply.
    var standsFor: String?
    /// True for the graph's facts gathered for an intent (the long tail no designed answer
    /// fits): good enough alone, never worth a place after emergency advice.
    var isFactList = false

    /// The reply with what the line told noted first (see ``note(_:)``).
    func noting(_ changes: [String]) -> Reply {
        var reply = self
        reply.note(changes)
        return reply
    }

    /// Opens the reply with what the line told about the person.
    mutating func note(_ changes: [String]) {
        let note = Self.noted(changes)
        text = note + "\n" + text
        profileNote = note
    }

    /// How a reply says what the line told about the person.
    static func noted(_ changes: [String]) -> String {
        "Noted: " + changes.joined(separator: "; ") + "."
    }

    public init(
        question: String, text: String, intent: String, topics: [String] = [],
        confidence: Double = 1
    ) {
        self.question = question
        self.text = text
        self.intent = intent
        self.topics = topics
        self.confidence = confidence
    }
}
