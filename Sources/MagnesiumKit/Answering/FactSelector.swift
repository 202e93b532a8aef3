import Foundation
import MagnesiumKnowledge
import MagnesiumText
import MagnesiumUnderstanding

/// Who an answer is for: the groups, medicines and age that select facts.
struct Person: Sendable, Equatable {
    var audience: [String]
    var age: Int?
    /// "female" or "male", when known: answers written for one sex need it.
    var sex: String? = nil

    static let anyone = Person(audience: [], age: nil)
}

/// Builds answers from the graph: picks facts by `about`, topic and audience, and
/// lists relations (interactions, foods, causes, ...), never a particular fact by name.
struct FactSelector {
    let graph: Graph

    /// The topic and its forms-of ancestors, nearest first.
    func lineage(_ topicID: String) -> [String] {
        var result = [topicID]
        var index = 0
        while index < result.count && result.count < 6 {
            // By position: iterating the relations themselves copies every one (a dozen fields) to
            // read its type.
            let relations = graph.relations(ofTopic: result[index])
            for position in relations.indices
            where relations[position].type == .formOf && !result.contains(relations[position].to) {
                result.append(relations[position].to)
            }
            index += 1
        }
        return result
    }

    func isEligible(_ fact: Fact, for person: Person) -> Bool {
        if !fact.audience.isEmpty && !fact.audience.contains(where: person.audience.contains) {
            return false
        }
        if let ages = fact.ages {
            if let age = person.age { return ages.contains(age) }
            // No age given: audience-specific facts all apply; age-banded general facts apply to
            // adults.
            return !fact.audience.isEmpty || ages.contains(30)
        }
        return true
    }

    /// Facts that answer `abouts` for these topics, best first: those written for this person,
    /// then by topic order, by `about` order, level and file order.
    func facts(abouts: [String], topics: [String], person: Person) -> [Fact] {
        // One packed sort key per fact (person-specific first, short answer first, topic order,
        // `about` order, level, file order): sorting plain integers keeps this cheap on every
        // question.
        var ranked: [(key: Int, topic: Int, fact: Int)] = []
        ranked.reserveCapacity(32)
        var listed: [Int] = []
        for (topicRank, topicID) in topics.enumerated() {
            // A topic listed twice offers the same facts again, each ranked below its first offer:
            // skipped, just as the copies would be dropped after sorting.
            guard let topicIndex = graph.topicIndex[topicID], !listed.contains(topicIndex) else {
                continue
            }
            listed.append(topicIndex)
            let candidates = graph.topics[topicIndex].facts
            for order in candidates.indices {
                guard let aboutRank = abouts.firstIndex(of: candidates[order].about),
                    isEligible(candidates[order], for: person)
                else { continue }
                let level = candidates[order].level
                let forPerson = candidates[order].audience.isEmpty ? 1 : 0
                var key = forPerson
                key = key << 1 | (level > 1 ? 1 : 0)
                key = key << 12 | min(topicRank, 4095)
                key = key << 8 | min(aboutRank, 255)
                key = key << 2 | min(level, 3)
                key = key << 16 | min(order, 65535)
                ranked.append((key, topicIndex, order))
            }
        }
        ranked.sort { $0.key < $1.key }
        // Fact ids are unique in a valid graph, so with each topic read once no fact comes twice.
        return ranked.map { graph.topics[$0.topic].facts[$0.fact] }
    }

    /// Whether `facts(abouts:topics:person:)` would give any fact that satisfies `condition`,
    /// without ranking them.
    func hasFact(
        abouts: [String], topics: [String], person: Person, where condition: (Fact) -> Bool
    ) -> Bool {
        for topicID in topics {
            guard let topicIndex = graph.topicIndex[topicID] else { continue }
            for fact in graph.topics[topicIndex].facts
            where abouts.contains(fact.about) && isEligible(fact, for: person) && condition(fact) {
                return true
            }
        }
        return false
    }

    /// The short answer: level-1 facts (a few), or the first deeper ones when there are none.
    func shortAnswer(from facts: [Fact], limit: Int = 3) -> [Fact] {
        // Facts written for this person's situation answer first and alone; the general ones follow
        // on "tell me more".
        let forPerson = facts.filter { !$0.audience.isEmpty && $0.level == 1 }
        if !forPerson.isEmpty { return Array(forPerson.prefix(limit)) }
        let chosen = facts.filter { $0.level == 1 }.prefix(limit)
        return chosen.isEmpty ? Array(facts.prefix(2)) : Array(chosen)
    }

    func relations(of topicIDs: [String], _ type: RelationType) -> [Relation] {
        var result: [Relation] = []
        for id in topicIDs {
            let relations = graph.relations(ofTopic: id)
            for position in relations.indices
            where relations[position].type == type
                && !result.contains(where: { $0.to == relations[position].to })
            {
                result.append(relations[position])
            }
        }
        return result
    }

    func name(_ id: String) -> String { graph.name(ofTopic: id) ?? id }

    /// "- ciprofloxacin: take it 2 hours before ..." lines for relations; `from` names both ends.
    func describe(_ relation: Relation, from: Bool = false) -> String {
        var text =
            from
            ? capitalized(name(relation.from)) + " " + relation.type.rawValue.hyphensAsSpaces + " "
                + name(relation.to)
            : capitalized(name(relation.to))
        let detail = [relation.amount, relation.timing, relation.note].compactMap { $0 }
        if !detail.isEmpty {
            text += ": " + detail.map(sentence).joined(separator: " ")
        } else {
            text += "."
        }
        // An effect claim says how strong its evidence is, right where it is made.
        if let grade = relation.grade, Self.effectRelations.contains(relation.type) {
            text =
                withoutLastByte(text)
                + " (evidence: \(grade.word))."
        }
        return text
    }

    static let effectRelations: Set<RelationType> = [
        .helpsWith, .helpedBy, .prevents, .preventedBy, .relieves, .relievedBy, .causes, .causedBy,
    ]

    func sentence(_ text: String) -> String {
        if let ascii = asciiSentence(text) { return ascii }
        let trimmed = text.trimmed
        guard let first = trimmed.first else { return trimmed }
        let body = first.uppercased() + trimmed.dropFirst()
        return body.hasSuffix(".") || body.hasSuffix("?") || body.hasSuffix("!")
            || body.hasSuffix(")") ? body : body + "."
    }
}

/// `sentence(_:)` for ASCII text, where every byte is a character, so no character is read through
/// the Unicode tables (nearly all of the knowledge is ASCII); nil for any other text.
private func asciiSentence(_ text: String) -> String? {
    guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
    let isSpace = { (byte: UInt8) in byte == 0x20 || (0x09...0x0D).contains(byte) }
    let bytes = Array(text.utf8)
    guard let start = bytes.firstIndex(where: { !isSpace($0) }),
        let end = bytes.lastIndex(where: { !isSpace($0) })
    else { return "" }
    var body = Array(bytes[start...end])
    if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(body[0]) { body[0] -= 0x20 }
    if !".?!)".utf8.contains(body[body.count - 1]) { body.append(UInt8(ascii: ".")) }
    return String(decoding: body, as: UTF8.self)
}

func capitalized(_ text: String) -> String {
    // In ASCII text the first byte is the first character (or starts "\r\n", which has no capital).
    if let first = text.utf8.first, text.utf8.allSatisfy({ $0 < 0x80 }) {
        guard (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) else { return text }
        var bytes = Array(text.utf8)
        bytes[0] -= 0x20
        return String(decoding: bytes, as: UTF8.self)
    }
    guard let first = text.first else { return text }
    return first.uppercased() + text.dropFirst()
}
