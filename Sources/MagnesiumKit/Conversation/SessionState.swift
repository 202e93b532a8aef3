import MagnesiumKnowledge
import MagnesiumUnderstanding

/// The kinds of state a ``Session`` keeps between lines, beside the stored properties that hold
/// them.
extension Session {
    /// The line that raised the emergency in play, the question before it (which the line may
    /// have been read with to raise it), the rules advised since, and how many more lines are
    /// read with it.
    typealias RaisedEmergency = (
        line: Understanding, before: Understanding?, rules: [UrgentRule], linesLeft: Int
    )

    /// What the last content answer was about, for follow-ups.
    struct AnswerState: Sendable {
        var intent: String
        var topics: [String]
        var person: Person
    }

    struct StatementMade: Sendable {
        /// The statement's words, normalised.
        var text: String
        /// Whether it was answered as it stood ("I've had type 2 diabetes for ten years"), not
        /// only noted: then only a line asking how it bears on magnesium is read with it.
        var answered: Bool
    }

    enum AnswerTableUse: Int {
        case groupOutside = 0
        case aboutAny = 1
        case aboutTheirGroup = 2
    }

    struct AnswerKinds: Sendable {
        /// The number of each kind some answer is of.
        let number: [String: Int]
        /// Each answer's kind's number, by the answer's place.
        let ofAnswer: [Int]
        /// The places of the answers of each kind, by the kind's number, in answer order.
        let answersOfKind: [[Int]]

        init(asks: [String]) {
            var number: [String: Int] = [:]
            ofAnswer = asks.map { kind in
                if let known = number[kind] { return known }
                number[kind] = number.count
                return number.count - 1
            }
            self.number = number
            var answersOfKind = [[Int]](repeating: [], count: number.count)
            for (place, kind) in ofAnswer.enumerated() { answersOfKind[kind].append(place) }
            self.answersOfKind = answersOfKind
        }
    }

    enum AmountWritten: Sendable {
        case notWorkedOut
        case noAmount
        case amount(Set<Double>)
    }

    /// "I've had type 2 diabetes for ten years" answered as it stands is still something said
    /// about the person: "does that matter for magnesium?" next asks about it.
    mutating func noteAnsweredStatement(_ reply: Reply, _ understanding: Understanding) {
        if statementJustMade == nil, reply.intent == DialogueIntent.answer,
            !isQuestion(understanding)
        {
            statementJustMade = StatementMade(text: understanding.normalized, answered: true)
        }
    }
}
