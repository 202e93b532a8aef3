import MagnesiumText

/// The evidence half of `magnesium check`: what stands behind what the assistant says.
///
/// Every source says what kind of source it is (`standing`: a study, an official body, a
/// professional reference, or other: shops, blogs, calculators, AI summaries, commercial copies).
/// What a person reads first (level-1 facts, and the short part of a designed answer) must rest on
/// a source of standing and must not cite an `other` source at all; deeper facts may keep an
/// `other` source only beside a better one. Beside those rules it measures, per area, how much of
/// the short answer rests on sources of standing, which doses do not say whether they are elemental
/// magnesium or compound weight, and which grades claim more than the kinds of their sources
/// support.
public struct EvidenceCheck {
    public let graph: Graph

    public init(graph: Graph) { self.graph = graph }

    /// The standings a short answer may rest on.
    public static let ofStanding: Set<String> = ["study", "official", "reference"]

    /// Failures: a source without a standing, a level-1 fact (or short-answer item) with no source
    /// of standing or citing an `other` source.
    public func problems() -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for source in graph.sources where source.standing == nil {
            problems.append(
                GraphValidator.problem(
                    source.location,
                    "source \(source.id) has no `standing` (one of \(Schema.standings.joined(separator: ", ")))"
                ))
        }
        for topic in graph.topics {
            for fact in topic.facts where fact.level == 1 {
                problems += shortAnswerProblems(
                    fact.sourceIDs, "fact \(fact.id) (level 1)", fact.location)
            }
        }
        for answer in graph.answers {
            for item in shortItems(of: answer) {
                let owner =
                    item.factID.map { "answer \(answer.id) (its fact \($0))" }
                    ?? "answer \(answer.id)"
                problems += shortAnswerProblems(item.sourceIDs, owner, item.location)
            }
        }
        return problems
    }

    /// Things worth a look that do not fail the check: deeper statements resting only on `other`
    /// sources, doses without a stated basis, grades above what their sources support.
    public func warnings() -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        for topic in graph.topics {
            for fact in topic.facts where fact.level > 1 && restsOnlyOnOther(fact.sourceIDs) {
                warnings.append(
                    GraphValidator.problem(
                        fact.location,
                        "fact \(fact.id) rests only on sources of standing `other`; cite a better source beside them"
                    ))
            }
            for property in topic.properties where restsOnlyOnOther(property.sourceIDs) {
                warnings.append(
                    GraphValidator.problem(
                        property.location,
                        "topic \(topic.id) property \(property.key) rests only on sources of standing `other`"
                    ))
            }
            for relation in topic.relations
            where !relation.isDerived && relation.makesClaim && restsOnlyOnOther(relation.sourceIDs)
            {
                warnings.append(
                    GraphValidator.problem(
                        relation.location,
                        "relation \(topic.id) \(relation.type.rawValue) \(relation.to) rests only on sources of standing `other`"
                    ))
            }
            for fact in topic.facts {
                let amounts = Self.amountsWithoutBasis(in: fact, kind: topic.kind)
                if !amounts.isEmpty {
                    warnings.append(
                        GraphValidator.problem(
                            fact.location,
                            "fact \(fact.id): \(amounts.joined(separator: ", ")) does not say whether it is elemental magnesium or the compound's weight"
                        ))
                }
                if let reason = gradeAbove(fact: fact, kind: topic.kind) {
                    warnings.append(
                        GraphValidator.problem(fact.location, "fact \(fact.id): \(reason)"))
                }
            }
            if topic.kind != "study" {
                for property in topic.properties {
                    if let reason = gradeAbove(property.grade, property.sourceIDs) {
                        warnings.append(
                            GraphValidator.problem(
                                property.location,
                                "topic \(topic.id) property \(property.key): \(reason)"))
                    }
                }
            }
            for relation in topic.relations where !relation.isDerived {
                if let grade = relation.grade, let reason = gradeAbove(grade, relation.sourceIDs) {
                    warnings.append(
                        GraphValidator.problem(
                            relation.location,
                            "relation \(topic.id) \(relation.type.rawValue) \(relation.to): \(reason)"
                        ))
                }
            }
        }
        for answer in graph.answers {
            for item in answer.more where item.factID == nil && restsOnlyOnOther(item.sourceIDs) {
                warnings.append(
                    GraphValidator.problem(
                        item.location,
                        "answer \(answer.id): a `more` item rests only on sources of standing `other`"
                    ))
            }
        }
        return warnings
    }

    // MARK: - The report

    /// One area's line of the report.
    public struct AreaSummary: Sendable, Equatable {
        public var areaID: String
        public var levelOneFacts: Int
        /// Level-1 facts citing at least one study, official body or professional reference.
        public var levelOneOnStanding: Int
        public var dosesWithoutBasis: Int
        public var gradesAboveSources: Int

        /// The share of level-1 facts on sources of standing, in whole per cent (100 when there are
        /// none).
        public var percentOnStanding: Int {
            levelOneFacts == 0
                ? 100
                : Int((Double(levelOneOnStanding) * 100 / Double(levelOneFacts)).rounded(.down))
        }
    }

    /// Per area: level-1 facts on sources of standing, doses without a basis, grades above their
    /// sources.
    public func summary() -> [AreaSummary] {
        graph.areas.map { area in
            var line = AreaSummary(
                areaID: area.id, levelOneFacts: 0, levelOneOnStanding: 0, dosesWithoutBasis: 0,
                gradesAboveSources: 0)
            for topic in graph.topics where topic.areaID == area.id {
                for fact in topic.facts {
                    if fact.level == 1 {
                        line.levelOneFacts += 1
                        if citesStanding(fact.sourceIDs) { line.levelOneOnStanding += 1 }
                    }
                    if !Self.amountsWithoutBasis(in: fact, kind: topic.kind).isEmpty {
                        line.dosesWithoutBasis += 1
                    }
                    if gradeAbove(fact: fact, kind: topic.kind) != nil {
                        line.gradesAboveSources += 1
                    }
                }
            }
            return line
        }
    }

    /// How many sources have each standing (`none` for those without one), and how often each kind
    /// is cited.
    public func sourcesByStanding() -> [(standing: String, sources: Int, citations: Int)] {
        var count: [String: Int] = [:]
        var cited: [String: Int] = [:]
        for source in graph.sources { count[source.standing ?? "none", default: 0] += 1 }
        func cite(_ ids: [String]) {
            for id in ids { cited[standing(id) ?? "none", default: 0] += 1 }
        }
        for topic in graph.topics {
            for fact in topic.facts { cite(fact.sourceIDs) }
            for property in topic.properties { cite(property.sourceIDs) }
            for relation in topic.relations where !relation.isDerived { cite(relation.sourceIDs) }
        }
        return (Schema.standings + ["none"]).compactMap { kind in
            let sources = count[kind, default: 0]
            return kind == "none" && sources == 0 ? nil : (kind, sources, cited[kind, default: 0])
        }
    }

    // MARK: - Rules

    func standing(_ id: String) -> String? { graph.source(id)?.standing }

    func citesStanding(_ ids: [String]) -> Bool {
        ids.contains { standing($0).map(Self.ofStanding.contains) ?? false }
    }

    func restsOnlyOnOther(_ ids: [String]) -> Bool {
        !ids.isEmpty && ids.allSatisfy { standing($0) == "other" }
    }

    private func shortAnswerProblems(_ ids: [String], _ owner: String, _ location: SourceLocation)
        -> [Diagnostic]
    {
        var problems: [Diagnostic] = []
        if !citesStanding(ids) {
            problems.append(
                GraphValidator.problem(
                    location,
                    "\(owner) cites no source of standing (a study, an official body or a professional reference)"
                ))
        }
        for id in ids where standing(id) == "other" {
            problems.append(
                GraphValidator.problem(
                    location,
                    "\(owner) cites \(id), a source of standing `other`: a short answer cites no shop, blog, calculator or AI summary"
                ))
        }
        return problems
    }

    /// What a designed answer shows before "tell me more": its sentences, caution, reason and the
    /// additions for a person.
    private func shortItems(of answer: DesignedAnswer) -> [AnswerItem] {
        answer.says + [answer.caution, answer.why].compactMap { $0 } + answer.additions.map(\.item)
    }

    /// Whether a study source is a systematic review or meta-analysis, by what its entry says.
    func isReview(_ id: String) -> Bool {
        guard let source = graph.source(id), source.standing == "study" else { return false }
        let text = [source.title, source.publisher, source.note ?? ""].joined(separator: " ")
            .lowercased()
        return ["systematic review", "meta-analys", "cochrane", "evidence-based review"].contains {
            text.contains($0)
        }
    }

    /// Facts that describe a study itself (who took part, what they took) are as sure as the
    /// study's own report.
    private func gradeAbove(fact: Fact, kind: String) -> String? {
        if kind == "study" && ["definition", "dose", "composition"].contains(fact.about) {
            return nil
        }
        return gradeAbove(fact.grade, fact.sourceIDs)
    }

    /// `strong` needs an official body, a professional reference or a systematic review; `moderate`
    /// needs one of those or at least two studies. Other grades claim no more than any source
    /// gives.
    func gradeAbove(_ grade: EvidenceGrade, _ ids: [String]) -> String? {
        guard grade == .strong || grade == .moderate else { return nil }
        if ids.contains(where: {
            ["official", "reference"].contains(standing($0) ?? "") || isReview($0)
        }) {
            return nil
        }
        let studies = ids.filter { standing($0) == "study" }.count
        if grade == .moderate && studies >= 2 { return nil }
        let basis =
            switch studies {
            case 0: "no source of standing"
            case 1: "a single study"
            default: "studies none of which is a systematic review"
            }
        return "graded \(grade.rawValue) on \(basis)"
    }

    // MARK: - Doses

    /// Words naming a form of magnesium (so "300 mg of magnesium citrate" does not say its basis).
    static let formWords: Set<String> = [
        "bisglycinate", "glycinate", "diglycinate", "oxide", "citrate", "chloride", "sulfate",
        "sulphate", "lactate",
        "malate", "taurate", "aspartate", "threonate", "l-threonate", "gluconate",
        "glycerophosphate", "carbonate",
        "hydroxide", "salt", "salts", "chelate", "orotate", "pidolate",
    ]
    /// Substances other than magnesium whose milligrams need no magnesium basis.
    static let otherSubstances: Set<String> = [
        "glycine", "caffeine", "iron", "calcium", "zinc", "sodium", "potassium", "selenium",
        "quinine", "vitamin", "gabapentin",
    ]
    /// Facts whose milligrams are magnesium by definition: reference values, food content, blood
    /// tests.
    static let amountsAreMagnesium: Set<String> = ["needs", "food", "testing"]

    /// The milligram amounts in a fact that do not say whether they are elemental magnesium or the
    /// weight of a compound. "Elemental" or "compound" anywhere in the fact, or "mg ... of
    /// magnesium" (not followed by a form's name) right after the amount, states the basis.
    public static func amountsWithoutBasis(in fact: Fact, kind: String) -> [String] {
        if amountsAreMagnesium.contains(fact.about) || kind == "food" { return [] }
        return amountsWithoutBasis(in: fact.text)
    }

    public static func amountsWithoutBasis(in text: String) -> [String] {
        let words = Self.words(text)
        if words.contains("elemental") || words.contains("compound") { return [] }
        var found: [String] = []
        for (index, word) in words.enumerated() {
            let start: Int
            if word == "mg" || word == "milligrams", index > 0,
                words[index - 1].first?.isNumber == true
            {
                start = index - 1
            } else if word.hasSuffix("mg"), word.first?.isNumber == true,
                word.dropLast(2).allSatisfy({ $0.isNumber || ",.-–".contains($0) })
            {
                start = index
            } else {
                continue
            }
            let after = Array(words[(index + 1)..<min(words.count, index + 7)])
            let before = words[max(0, start - 3)..<start]
            if after.first == "/" { continue }  // mg/dL, mg/kg
            if (before + after.prefix(3)).contains(where: otherSubstances.contains) { continue }
            var stated = false
            for (offset, next) in after.enumerated() {
                if next == "magnesium" {
                    stated = offset + 1 >= after.count || !formWords.contains(after[offset + 1])
                    break
                }
                if formWords.contains(next) { break }
            }
            if !stated {
                found.append(start == index ? word : "\(words[start]) mg")
            }
        }
        return found
    }

    /// Lower-case words, numbers kept whole ("1,419", "300-366", "20mg") and "/" as a word of its
    /// own.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        let joiners: Set<Character> = [",", ".", "-", "–"]
        let characters = Array(text.lowercased())
        for (index, character) in characters.enumerated() {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if joiners.contains(character), !current.isEmpty, index + 1 < characters.count,
                characters[index + 1].isLetter || characters[index + 1].isNumber
            {
                current.append(character)
            } else {
                if !current.isEmpty { words.append(current) }
                current = ""
                if character == "/" { words.append("/") }
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}
