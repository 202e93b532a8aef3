import MagnesiumText

/// Checks a graph for problems: structural ones stop loading; the rest are reported by `magnesium
/// check`.
public struct GraphValidator {
    public let graph: Graph

    public init(graph: Graph) { self.graph = graph }

    /// A problem as one safe line: messages quote ids, names and aliases as written, which may
    /// hold line breaks or terminal escapes, so they are shown escaped.
    static func problem(_ location: SourceLocation, _ message: String) -> Diagnostic {
        Diagnostic(location, SafeText.escaped(message))
    }

    /// Problems that make the graph unusable: duplicate ids, dangling references, unknown sources.
    public func structuralProblems() -> [Diagnostic] {
        duplicateIDProblems() + topicProblems() + intentProblems() + claimProblems()
            + answerProblems() + redFlagProblems()
    }

    /// An id used twice within its kind.
    private func duplicateIDProblems() -> [Diagnostic] {
        var problems: [Diagnostic] = []
        func unique<T>(
            _ items: [T], _ kind: String, id: (T) -> String, location: (T) -> SourceLocation
        ) {
            var first: [String: SourceLocation] = [:]
            for item in items {
                let key = id(item)
                if let earlier = first[key] {
                    problems.append(
                        Self.problem(
                            location(item),
                            "duplicate \(kind) id `\(key)` (first defined at \(earlier))"))
                } else {
                    first[key] = location(item)
                }
            }
        }
        unique(graph.areas, "area", id: \.id, location: \.location)
        unique(graph.sources, "source", id: \.id, location: \.location)
        unique(graph.topics, "topic", id: \.id, location: \.location)
        unique(graph.topics.flatMap(\.facts), "fact", id: \.id, location: \.location)
        unique(graph.intents, "intent", id: \.id, location: \.location)
        unique(graph.claims, "claim", id: \.id, location: \.location)
        unique(graph.answers, "answer", id: \.id, location: \.location)
        return problems
    }

    /// Sources cited by `owner` that the graph does not list.
    private func unknownSources(
        _ ids: [String], _ owner: String, _ location: SourceLocation
    ) -> [Diagnostic] {
        ids.filter { graph.source($0) == nil }.map {
            Self.problem(location, "\(owner) cites unknown source `\($0)`")
        }
    }

    /// Topics: their area, their facts' sources and audiences, properties, relations.
    private func topicProblems() -> [Diagnostic] {
        var problems: [Diagnostic] = []
        let areaIDs = Set(graph.areas.map(\.id))
        for topic in graph.topics {
            if !areaIDs.contains(topic.areaID) {
                problems.append(
                    Self.problem(
                        topic.location, "topic \(topic.id): unknown area `\(topic.areaID)`"))
            }
            for fact in topic.facts {
                problems += unknownSources(fact.sourceIDs, "fact \(fact.id)", fact.location)
                for person in fact.audience where graph.topic(person) == nil {
                    problems.append(
                        Self.problem(
                            fact.location, "fact \(fact.id): audience `\(person)` is not a topic id"
                        ))
                }
            }
            for property in topic.properties {
                problems += unknownSources(
                    property.sourceIDs, "topic \(topic.id) property \(property.key)",
                    property.location)
            }
            for relation in topic.relations where !relation.isDerived {
                problems += relationProblems(relation, of: topic)
            }
        }
        return problems
    }

    private func relationProblems(_ relation: Relation, of topic: Topic) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        if relation.to == topic.id {
            problems.append(
                Self.problem(
                    relation.location,
                    "topic \(topic.id): \(relation.type.rawValue) relation to itself"))
        } else if graph.topic(relation.to) == nil {
            problems.append(
                Self.problem(
                    relation.location,
                    "topic \(topic.id): \(relation.type.rawValue) relation to unknown topic `\(relation.to)`"
                ))
        }
        problems += unknownSources(
            relation.sourceIDs, "relation \(topic.id) → \(relation.to)", relation.location)
        return problems
    }

    /// Intents: amount limits that are numeric properties, home topics that exist.
    private func intentProblems() -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for intent in graph.intents {
            for limit in intent.amountLimits
            where graph.topic(limit.topic)?.properties.first(where: { $0.key == limit.property })?
                .number == nil
            {
                problems.append(
                    Self.problem(
                        intent.location,
                        "intent \(intent.id): amount limit `\(limit.topic) \(limit.property)` is not a numeric property of a topic"
                    ))
            }
            for id in intent.homeTopics where graph.topic(id) == nil {
                problems.append(
                    Self.problem(
                        intent.location, "intent \(intent.id): home topic `\(id)` is not a topic id"
                    ))
            }
        }
        return problems
    }

    /// Article claims: evidence facts and topics that exist.
    private func claimProblems() -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for claim in graph.claims {
            for id in claim.evidenceFactIDs where graph.fact(id) == nil {
                problems.append(
                    Self.problem(
                        claim.location, "claim \(claim.id): evidence `\(id)` is not a fact id"))
            }
            for id in claim.topicIDs where graph.topic(id) == nil {
                problems.append(
                    Self.problem(
                        claim.location, "claim \(claim.id): topic `\(id)` is not a topic id"))
            }
        }
        return problems
    }

    /// Designed answers: topics, `for:` groups and the sources of their own sentences.
    private func answerProblems() -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for answer in graph.answers {
            for id in answer.topicIDs where graph.topic(id) == nil {
                problems.append(
                    Self.problem(
                        answer.location, "answer \(answer.id): topic `\(id)` is not a topic id"))
            }
            for addition in answer.additions where graph.topic(addition.topicID) == nil {
                problems.append(
                    Self.problem(
                        addition.item.location,
                        "answer \(answer.id): `for: \(addition.topicID)` is not a topic id"))
            }
            let items =
                answer.says + answer.more + answer.additions.map(\.item)
                + [answer.caution, answer.why].compactMap { $0 }
            for item in items where item.factID == nil {
                problems += unknownSources(item.sourceIDs, "answer \(answer.id)", item.location)
            }
        }
        return problems
    }

    /// Red flags: unique ids, patterns naming concepts defined before they are used, known sources
    /// and topics.
    func redFlagProblems() -> [Diagnostic] {
        var problems: [Diagnostic] = []
        let redFlags = graph.redFlags
        var position: [String: Int] = [:]
        for (index, concept) in redFlags.concepts.enumerated() {
            if let earlier = position[concept.id] {
                problems.append(
                    Self.problem(
                        concept.location,
                        "duplicate red-flag concept id `\(concept.id)` (first defined at \(redFlags.concepts[earlier].location))"
                    ))
            } else {
                position[concept.id] = index
            }
        }
        func checkPatterns(
            _ patterns: [RedFlagPattern], _ owner: String, _ location: SourceLocation,
            before limit: Int
        ) {
            for pattern in patterns {
                for id in pattern.groups.joined() {
                    guard let index = position[id] else {
                        problems.append(
                            Self.problem(location, "\(owner): `\(id)` is not a red-flag concept"))
                        continue
                    }
                    if index >= limit {
                        problems.append(
                            Self.problem(
                                location, "\(owner): `\(id)` must be defined before it is used"))
                    }
                }
            }
        }
        for (index, concept) in redFlags.concepts.enumerated() {
            checkPatterns(
                concept.patterns, "concept \(concept.id)", concept.location, before: index)
        }
        var ruleIDs: [String: SourceLocation] = [:]
        for rule in redFlags.rules {
            if let earlier = ruleIDs[rule.id] {
                problems.append(
                    Self.problem(
                        rule.location,
                        "duplicate red-flag rule id `\(rule.id)` (first defined at \(earlier))"))
            } else {
                ruleIDs[rule.id] = rule.location
            }
            checkPatterns(
                rule.patterns, "red-flag rule \(rule.id)", rule.location,
                before: redFlags.concepts.count)
            for id in rule.sourceIDs where graph.source(id) == nil {
                problems.append(
                    Self.problem(
                        rule.location, "red-flag rule \(rule.id) cites unknown source `\(id)`"))
            }
            if let topic = rule.topicID, graph.topic(topic) == nil {
                problems.append(
                    Self.problem(
                        rule.location,
                        "red-flag rule \(rule.id): topic `\(topic)` is not a topic id"))
            }
            if let answer = rule.whileWaiting, graph.answerIndex[answer] == nil {
                problems.append(
                    Self.problem(
                        rule.location,
                        "red-flag rule \(rule.id): while-waiting `\(answer)` is not an answer id"))
            }
        }
        return problems
    }

    /// The ids the engine relies on by name (``ReservedID``) that the graph lacks: renaming one
    /// would pass loading and silently change replies.
    func reservedIDProblems() -> [Diagnostic] {
        let ruleFile = graph.redFlags.rules.first?.location.file ?? "red-flags.yaml"
        var problems =
            missing(
                ReservedID.intents.filter { graph.intent($0) == nil }, kind: "intent",
                file: graph.intents.first?.location.file ?? "intents.yaml",
                because: "the program answers it by name")
            + missing(
                ReservedID.topics.filter { graph.topic($0) == nil }, kind: "topic",
                file: graph.topics.first?.location.file ?? "topics",
                because: "the program relies on it by name")
            + missing(
                ReservedID.answers.filter { graph.answer($0) == nil }, kind: "answer",
                file: graph.answers.first?.location.file ?? "answers",
                because: "the program gives it by name")
        let neededRules = [
            (ReservedID.emergencyRule, "it is the general emergency advice"),
            (ReservedID.selfHarmRule, "it is the crisis advice that nothing else follows"),
        ]
        for (id, role) in neededRules where !graph.redFlags.rules.contains(where: { $0.id == id }) {
            problems.append(
                Diagnostic(
                    file: ruleFile, line: 0, message: "red-flag rule `\(id)` is missing: \(role)"))
        }
        return problems
    }

    private func missing(_ ids: [String], kind: String, file: String, because reason: String)
        -> [Diagnostic]
    {
        ids.map {
            Diagnostic(
                file: file, line: 0,
                message:
                    "\(kind) `\($0)` is missing: \(reason) (reserved ids: Knowledge/README.md)")
        }
    }

    /// Problems of content quality that `magnesium check` reports on top of the structural ones.
    public func contentProblems() -> [Diagnostic] {
        var problems = reservedIDProblems()
        var owners: [String: Topic] = [:]
        for topic in graph.topics {
            for name in [topic.name] + topic.aliases {
                let key = Normalizer.matchKey(name)
                if let owner = owners[key], owner.id != topic.id {
                    problems.append(
                        Self.problem(
                            topic.location,
                            "alias `\(name)` of \(topic.id) is also a name or alias of \(owner.id); matching would be ambiguous"
                        ))
                } else {
                    owners[key] = topic
                }
            }
            for fact in topic.facts where fact.text.count > Schema.maximumFactLength {
                problems.append(
                    Self.problem(
                        fact.location,
                        "fact \(fact.id): text is \(fact.text.count) characters (at most \(Schema.maximumFactLength))"
                    ))
            }
            if !topic.facts.contains(where: { $0.about == "definition" && $0.level == 1 }) {
                problems.append(
                    Self.problem(
                        topic.location,
                        "topic \(topic.id): no level-1 `definition` fact, so \"what is \(topic.name)\" has no answer"
                    ))
            }
        }
        return problems
    }

    /// Things worth a look that do not fail `magnesium check`: sources nothing cites.
    public func contentWarnings() -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var cited = Set<String>()
        for topic in graph.topics {
            for fact in topic.facts { cited.formUnion(fact.sourceIDs) }
            for property in topic.properties { cited.formUnion(property.sourceIDs) }
            for relation in topic.relations { cited.formUnion(relation.sourceIDs) }
        }
        for rule in graph.redFlags.rules { cited.formUnion(rule.sourceIDs) }
        for answer in graph.answers {
            for item in answer.says + answer.more + answer.additions.map(\.item)
                + [answer.caution, answer.why].compactMap({ $0 })
            {
                cited.formUnion(item.sourceIDs)
            }
        }
        for source in graph.sources where !cited.contains(source.id) {
            problems.append(Self.problem(source.location, "source \(source.id) is never cited"))
        }
        // A concept no rule reaches is vocabulary that does nothing (cues work on their own).
        var used = Set<String>()
        for concept in graph.redFlags.concepts {
            used.formUnion(concept.patterns.flatMap { $0.groups.joined() })
        }
        for rule in graph.redFlags.rules {
            used.formUnion(rule.patterns.flatMap { $0.groups.joined() })
        }
        for concept in graph.redFlags.concepts
        where !used.contains(concept.id) && !RedFlagConcept.cueIDs.contains(concept.id) {
            problems.append(
                Self.problem(
                    concept.location, "red-flag concept \(concept.id) is used by no rule or concept"
                ))
        }
        problems += controlCharacterWarnings()
        return problems
    }

    /// Control characters, escape sequences and bidirectional overrides in text the assistant
    /// prints: some outputs (`ask`, batch, `graph --format dot`) print knowledge text as it is,
    /// so an escape in a fact could rewrite a reader's terminal (review L2).
    func controlCharacterWarnings() -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        func check(_ text: String?, _ what: String, _ location: SourceLocation) {
            guard let text, let bad = text.unicodeScalars.first(where: Self.isControl) else {
                return
            }
            warnings.append(
                Self.problem(
                    location,
                    "\(what) holds the control character \(SafeText.escaped(String(bad))); remove it (it would reach the terminal as it is)"
                ))
        }
        for area in graph.areas { check(area.name, "area \(area.id) name", area.location) }
        for source in graph.sources {
            for (field, text) in [
                ("title", source.title), ("publisher", source.publisher), ("url", source.url),
                ("note", source.note),
            ] {
                check(text, "source \(source.id) \(field)", source.location)
            }
        }
        for topic in graph.topics {
            for name in [topic.name] + topic.aliases {
                check(name, "topic \(topic.id) name or alias", topic.location)
            }
            for fact in topic.facts { check(fact.text, "fact \(fact.id) text", fact.location) }
            for property in topic.properties {
                check(
                    property.value, "topic \(topic.id) property \(property.key)", property.location)
            }
            for relation in topic.relations where !relation.isDerived {
                for text in [relation.note, relation.timing, relation.amount, relation.serving] {
                    check(
                        text, "relation \(topic.id) \(relation.type.rawValue) \(relation.to)",
                        relation.location)
                }
            }
        }
        for intent in graph.intents {
            for text in [intent.label, intent.reply] + intent.examples {
                check(text, "intent \(intent.id)", intent.location)
            }
        }
        for claim in graph.claims {
            check(claim.claim, "claim \(claim.id)", claim.location)
            check(claim.verdict, "claim \(claim.id) verdict", claim.location)
        }
        for answer in graph.answers {
            for question in answer.questions {
                check(question, "answer \(answer.id) question", answer.location)
            }
            for item in answer.says + answer.more + answer.additions.map(\.item)
                + [answer.caution, answer.why].compactMap({ $0 })
            {
                check(item.text, "answer \(answer.id) text", item.location)
            }
        }
        return warnings
    }

    /// C0 and C1 controls (a line break is allowed), DEL, and bidirectional marks, overrides and
    /// isolates.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A: return false
        case 0x00..<0x20, 0x7F, 0x80..<0xA0, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
            return true
        default: return false
        }
    }
}
