import Foundation

/// Who an answer is for: the groups, medicines and age that select facts.
struct Person: Sendable, Equatable {
    var audience: [String]
    var age: Int?

    static let anyone = Person(audience: [], age: nil)
}

/// Builds answers from the graph: picks facts by `about`, topic and audience, and
/// lists relations (interactions, foods, causes, ...), never a particular fact by name.
struct Composer {
    let graph: Graph

    /// The topic and its forms-of ancestors, nearest first.
    func lineage(_ topicID: String) -> [String] {
        var result = [topicID]
        var index = 0
        while index < result.count && result.count < 6 {
            if let topic = graph.topic(result[index]) {
                for relation in topic.relations where relation.type == .formOf && !result.contains(relation.to) {
                    result.append(relation.to)
                }
            }
            index += 1
        }
        return result
    }

    func isEligible(_ fact: Fact, for person: Person) -> Bool {
        if !fact.audience.isEmpty && !fact.audience.contains(where: person.audience.contains) { return false }
        if let ages = fact.ages {
            if let age = person.age { return ages.contains(age) }
            // No age given: audience-specific facts all apply; age-banded general facts apply to adults.
            return !fact.audience.isEmpty || ages.contains(30)
        }
        return true
    }

    /// Facts that answer `abouts` for these topics, best first: those written for this person,
    /// then by topic order, by `about` order, level and file order.
    func facts(abouts: [String], topics: [String], person: Person) -> [Fact] {
        // One packed sort key per fact (person-specific first, short answer first, topic order, `about`
        // order, level, file order): sorting plain integers keeps this cheap on every question.
        var ranked: [(key: Int, topic: Int, fact: Int)] = []
        for (topicRank, topicID) in topics.enumerated() {
            guard let topicIndex = graph.topicIndex[topicID] else { continue }
            for (order, fact) in graph.topics[topicIndex].facts.enumerated() {
                guard let aboutRank = abouts.firstIndex(of: fact.about), isEligible(fact, for: person) else { continue }
                let forPerson = fact.audience.isEmpty ? 1 : 0
                var key = forPerson
                key = key << 1 | (fact.level > 1 ? 1 : 0)
                key = key << 12 | min(topicRank, 4095)
                key = key << 8 | min(aboutRank, 255)
                key = key << 2 | min(fact.level, 3)
                key = key << 16 | min(order, 65535)
                ranked.append((key, topicIndex, order))
            }
        }
        ranked.sort { $0.key < $1.key }
        var seen = Set<String>()
        return ranked.compactMap { entry in
            let fact = graph.topics[entry.topic].facts[entry.fact]
            return seen.insert(fact.id).inserted ? fact : nil
        }
    }

    /// The short answer: level-1 facts (a few), or the first deeper ones when there are none.
    func shortAnswer(from facts: [Fact], limit: Int = 3) -> [Fact] {
        // Facts written for this person's situation answer first and alone; the general ones follow on "tell me more".
        let forPerson = facts.filter { !$0.audience.isEmpty && $0.level == 1 }
        if !forPerson.isEmpty { return Array(forPerson.prefix(limit)) }
        let chosen = facts.filter { $0.level == 1 }.prefix(limit)
        return chosen.isEmpty ? Array(facts.prefix(2)) : Array(chosen)
    }

    func relations(of topicIDs: [String], _ type: RelationType) -> [Relation] {
        var result: [Relation] = []
        var seen = Set<String>()
        for id in topicIDs {
            for relation in graph.topic(id)?.relations ?? [] where relation.type == type && seen.insert(relation.to).inserted {
                result.append(relation)
            }
        }
        return result
    }

    func name(_ id: String) -> String { graph.topic(id)?.name ?? id }

    /// "- ciprofloxacin: take it 2 hours before ..." lines for relations; `from` names both ends.
    func describe(_ relation: Relation, from: Bool = false) -> String {
        var text = from
            ? capitalized(name(relation.from)) + " " + relation.type.rawValue.hyphensAsSpaces + " " + name(relation.to)
            : capitalized(name(relation.to))
        let detail = [relation.amount, relation.timing, relation.note].compactMap { $0 }
        if !detail.isEmpty { text += ": " + detail.map(sentence).joined(separator: " ") } else { text += "." }
        // An effect claim says how strong its evidence is, right where it is made.
        if let grade = relation.grade, Self.effectRelations.contains(relation.type) {
            text = String(text.dropLast()) + " (evidence: \(grade == .none ? "none found" : grade.rawValue))."
        }
        return text
    }

    static let effectRelations: Set<RelationType> = [.helpsWith, .helpedBy, .prevents, .preventedBy, .relieves, .relievedBy, .causes, .causedBy]

    func sentence(_ text: String) -> String {
        let trimmed = text.trimmed
        guard let first = trimmed.first else { return trimmed }
        let body = first.uppercased() + trimmed.dropFirst()
        return body.hasSuffix(".") || body.hasSuffix("?") || body.hasSuffix("!") || body.hasSuffix(")") ? body : body + "."
    }
}

func capitalized(_ text: String) -> String {
    guard let first = text.first else { return text }
    return first.uppercased() + text.dropFirst()
}
