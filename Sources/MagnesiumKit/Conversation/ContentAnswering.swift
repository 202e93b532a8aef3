import MagnesiumKnowledge
import MagnesiumText
import MagnesiumUnderstanding

/// Answering from the graph: the intent's facts and relations about the subjects, for the person
/// asking.
extension Session {
    /// The relation that answers an intent for a named topic.
    static let answeringRelation: [String: RelationType] = [
        "kinds": .hasForm, "interactions": .interactsWith, "causes": .causedBy,
        "prevention": .preventedBy,
        "relief": .relievedBy, "warning-signs": .hasWarningSign,
    ]

    /// The answer to an intent about the subjects (with none, the topic under discussion), for the
    /// person asking; remembered for the follow-ups.
    mutating func content(
        intent intentID: String, subjects given: [String], understanding: Understanding,
        confidence: Double, context: inout [String]
    ) -> Reply {
        guard let intent = graph.intent(intentID) else { return outOfScopeReply(understanding) }
        let subjects = subjectsInContext(given, intent: intentID, understanding, context: &context)
        let person = person(asking: subjects, understanding, context: &context)
        var builder = AnswerBuilder()
        var used: [Fact] = []

        switch intentID {
        case ReservedID.comparison where subjects.count >= 2:
            compare(subjects[0], subjects[1], into: &builder)
        case ReservedID.articleClaim:
            if !claimCheck(understanding, into: &builder) { fallthrough }
        default:
            used = addFactsAnswer(
                intent, subjects: subjects, person: person, understanding, into: &builder)
        }
        if builder.isEmpty { return outOfScopeReply(understanding) }
        addCaution(intent: intentID, person: person, into: &builder)

        for fact in used { shownFacts.insert(fact.id) }
        shownFacts.formUnion(builder.factIDs)
        let topics = subjects.isEmpty ? intent.homeTopics.prefix(1).map { $0 } : subjects
        remember(topics)
        lastAnswer = AnswerState(intent: intentID, topics: topics, person: person)
        var reply = Reply(
            builder, intent: intentID, topics: covered(by: builder, topics: topics, person: person),
            confidence: confidence)
        reply.isFactList = true
        return reply
    }

    /// The subjects with what the conversation supplies: the topic under discussion for "it", and
    /// what a single named thing is compared with.
    private func subjectsInContext(
        _ given: [String], intent intentID: String, _ understanding: Understanding,
        context: inout [String]
    ) -> [String] {
        var subjects = given
        if subjects.isEmpty, let current = focus.first, graph.isContentIntent(intentID) {
            subjects = [current]
            context.append("\"it\" = \(selector.name(current)) (from earlier)")
        }
        // "compare it with oxide" at the start: "it" is the product this assistant is about.
        let mainTopic = graph.homeTopics(ofIntent: ReservedID.definition)?.first
        let saysIt = understanding.tokens.contains { Self.pronouns.contains($0.text) }
        if intentID == ReservedID.comparison && subjects.count == 1,
            let other = focus.first(where: { $0 != subjects[0] })
                ?? (saysIt ? mainTopic.flatMap({ $0 == subjects[0] ? nil : $0 }) : nil)
        {
            subjects.insert(other, at: 0)
            context.append("compared with \(selector.name(other)) (from earlier)")
        }
        return subjects
    }

    /// The person the answer is for. Asked about one medicine ("and cipro?"), the answer is about
    /// it, not about others the person takes.
    private func person(
        asking subjects: [String], _ understanding: Understanding, context: inout [String]
    ) -> Person {
        var person = personFor(understanding, context: &context)
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
        return person
    }

    /// A relation between two named topics, the short answer from the facts, an amount checked,
    /// the subjects' properties and the intent's relation lists. Returns the facts of the short
    /// answer.
    private func addFactsAnswer(
        _ intent: Intent, subjects: [String], person: Person, _ understanding: Understanding,
        into builder: inout AnswerBuilder
    ) -> [Fact] {
        // A relation between two topics the question names answers it most directly.
        let direct = directRelations(among: subjects)
        if !direct.isEmpty {
            builder.add(
                items: direct.map {
                    builder.item(selector.describe($0, from: true), sources: $0.sourceIDs)
                })
        }
        let ordered = specificFirst(subjects)
        let facts = factsAnswering(
            intent, ordered: ordered, subjects: subjects, person: person, direct: direct)
        // The named topic's own facts make the short answer when it has any; what it is a form
        // of ("magnesium is an essential mineral") only answers when it has none.
        let ownFacts = facts.filter { ordered.contains($0.topicID) || !$0.audience.isEmpty }
        let used = selector.shortAnswer(
            from: ownFacts.contains { $0.level == 1 } ? ownFacts : facts)
        let before = builder.paragraphs.count
        addAmountCheck(
            understanding, intent: intent, subjects: ordered, person: person, into: &builder)
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
                "I have nothing on \(label(intent.id)) specific to \(selector.name(subject)); this applies to \(selector.name(parent)) in general:"
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
            for: intent.id, subjects: subjects.isEmpty ? intent.homeTopics : subjects,
            person: person, shown: direct, into: &builder)
        if builder.isEmpty, let subject = subjects.first {
            return addNothingOn(intent.id, for: subject, person: person, into: &builder)
        }
        return used
    }

    /// The intent's facts about the subjects and the person's situation, narrowed where the
    /// question asks for one thing's own relations, composition or figures.
    private func factsAnswering(
        _ intent: Intent, ordered: [String], subjects: [String], person: Person,
        direct: [Relation]
    ) -> [Fact] {
        let topics = candidateTopics(subjects: ordered, intent: intent, person: person)
        // When the topic is itself what the intent asks about ("side effects", "overdose"), its
        // definition leads.
        let abouts =
            ordered.first.map(intent.homeTopics.contains) == true
            ? ["definition"] + intent.answers : intent.answers
        var facts = selector.facts(abouts: abouts, topics: topics, person: person)
        // "What types of magnesium are there?": the subject's own relations answer; facts from
        // the intent's home topics (kinds of cramp) would answer a different question.
        if let type = Self.answeringRelation[intent.id], !ordered.isEmpty,
            !selector.relations(of: ordered, type).isEmpty,
            !facts.contains(where: { ordered.contains($0.topicID) })
        {
            facts = facts.filter { fact in
                topics.prefix(while: { !intent.homeTopics.contains($0) }).contains(fact.topicID)
            }
        }
        let namesAFood = subjects.contains(where: { graph.kind(ofTopic: $0) == "food" })
        if intent.id == ReservedID.foodSources, !direct.isEmpty, !namesAFood {
            // "How much glycine is in bisglycinate?": what one thing holds, not where food
            // holds magnesium.
            facts = selector.facts(
                abouts: ["composition", "definition"], topics: ordered, person: person)
        }
        if intent.id == ReservedID.foodSources, namesAFood {
            // A named food answers with its own figures, not the general list.
            facts = selector.facts(
                abouts: ["food", "definition"],
                topics: subjects.filter { graph.kind(ofTopic: $0) == "food" }, person: person)
        }
        return facts
    }

    /// Nothing for that question: say so, then what the topic is. Returns the definition given.
    private func addNothingOn(
        _ intentID: String, for subject: String, person: Person, into builder: inout AnswerBuilder
    ) -> [Fact] {
        let definition = selector.shortAnswer(
            from: selector.facts(abouts: ["definition"], topics: [subject], person: person),
            limit: 1)
        builder.add(
            "I don't have anything on \(label(intentID)) for \(selector.name(subject)) yet.")
        builder.add(facts: definition)
        return definition
    }

    /// What an answer is about: its topics, the people it was shaped for, then the topics its
    /// facts came from.
    private func covered(by builder: AnswerBuilder, topics: [String], person: Person) -> [String] {
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
        return covered
    }
}
