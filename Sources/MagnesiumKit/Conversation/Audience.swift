import MagnesiumKnowledge
import MagnesiumUnderstanding

/// Whom an answer is for: the profile, and the groups and ages a question names.
extension Session {
    /// The person an answer is for: profile plus groups and ages named in the question.
    func personFor(_ understanding: Understanding, context: inout [String]) -> Person {
        var audience = profile.audience(in: graph)
        let mentioned = understanding.topicIDs
        for id in mentioned where graph.isAudienceTopic(id) && !audience.contains(id) {
            audience.append(id)
        }
        var age: Int? = profile.age
        var forOther = false
        let questionAge = statedQuestionAge(understanding)
        // "How much can he have?" after "my son is 6": the other person is meant.
        func otherReferenced() -> Bool {
            mentioned.contains(ReservedID.children)
                || understanding.tokens.contains {
                    Self.relatives.contains($0.text) || Self.thirdPerson.contains($0.text)
                }
        }
        if let questionAge {
            age = questionAge
            addAgeGroup(of: questionAge, to: &audience)
        } else if let other = profile.otherAge ?? askedAboutAge, otherReferenced() {
            // The answer is for them: the asker's own situation and medicines do not carry over.
            age = other
            forOther = true
            audience = mentioned.filter { graph.isAudienceTopic($0) }
            addAgeGroup(of: other, to: &audience)
        }
        if !audience.isEmpty || age != nil {
            var parts = audience.map { selector.name($0) }
            if let age { parts.append("age \(age)") }
            context.append("answer for: " + parts.joined(separator: ", "))
        }
        let sex = sexFor(understanding, forOther: forOther)
        if let sex { context.append("sex: \(sex)") }
        return Person(audience: audience, age: age, sex: sex)
    }

    /// The group an age puts someone in (children, older adults), when the graph has it.
    private func addAgeGroup(of age: Int, to audience: inout [String]) {
        let group =
            age < Thresholds.adultAge
            ? ReservedID.children : age >= Thresholds.olderAdultAge ? ReservedID.olderAdults : nil
        if let group, graph.hasTopic(group), !audience.contains(group) { audience.append(group) }
    }
}
