import MagnesiumUnderstanding

/// Which steps of ``Session/preferKindAndPerson`` change each answer's score.
extension Session {
    /// The step of an answer of a kind the line asks.
    static let kindAskedStep: UInt8 = 1
    /// The step of an answer written for a group outside the person and the line.
    static let otherGroupStep: UInt8 = 2
    /// The step of an answer about the person's groups or medicines.
    static let personStep: UInt8 = 4

    /// The steps that change each answer's score, one bit each, by the answer's place: the
    /// class ``RankedOrder/rescore(_:classes:reusing:classOf:newScore:)`` sorts it into. Marked
    /// from the few answers each step can change (those of the kinds asked, those written for a
    /// group, those the person gains on), not asked of every ranked answer: three look-ups per
    /// ranked answer of every line cost more than the rescoring itself.
    ///
    /// `kindsAsked`: the kinds' numbers, -1 for a kind no answer is of; `outsideThePerson` and
    /// `forTheLine` as ``otherGroupsTables(person:_:)`` gives them; `gains` as
    /// ``personGains(_:_:_:)`` gives them.
    mutating func rescoreSteps(
        kindsAsked: [Int]?, kinds: AnswerKinds?, outsideThePerson: [Int],
        forTheLine: AnswerTopicBits.TopicSet, gains: [Int]?
    ) -> [UInt8] {
        let topicBits = knowledge.answerTopicBits
        let count = topicBits.groupNumberOrNone.count
        // Taken out while written, so that writing copies nothing; put back for the next line.
        var steps = rescoreStepsKept
        rescoreStepsKept = []
        if steps.count == count {
            steps.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        } else {
            steps = [UInt8](repeating: 0, count: count)
        }
        // Marked through a pointer: writing to the array checks it is not shared at each write.
        steps.withUnsafeMutableBufferPointer { steps in
            if let kindsAsked, let kinds {
                for kind in kindsAsked where kind >= 0 {
                    for place in kinds.answersOfKind[kind] { steps[place] |= Self.kindAskedStep }
                }
            }
            // Written for one group: an answer naming several ("who should ask first?") is for
            // anyone.
            outsideThePerson.withUnsafeBufferPointer { outsideThePerson in
                for place in topicBits.answersForAGroup {
                    let group = outsideThePerson[place]
                    if group >= 0, !forTheLine.contains(group) {
                        steps[place] |= Self.otherGroupStep
                    }
                }
            }
            gains?.withUnsafeBufferPointer { gains in
                for place in gains.indices where gains[place] != 0 {
                    steps[place] |= Self.personStep
                }
            }
        }
        rescoreStepsKept = steps
        return steps
    }
}
