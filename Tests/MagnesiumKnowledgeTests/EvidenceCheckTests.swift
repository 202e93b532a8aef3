import Testing

@testable import MagnesiumKnowledge
@testable import MagnesiumText

/// The evidence rules of `magnesium check`: sources of standing behind the short answer, doses
/// with a stated basis, grades no higher than their sources support.
@Suite struct EvidenceCheckTests {
    /// A small graph: one area, the given sources, and one topic holding the given facts.
    static func graph(sources: String, facts: String, kind: String = "form", relations: String = "")
        throws -> Graph
    {
        let yaml = """
            areas:
              - id: a
                name: Area
            sources:
            \(sources)
            topics:
              - id: t
                name: thing
                area: a
                kind: \(kind)
                facts:
            \(facts)
            \(relations)
            """
        return try KnowledgeLoader.load(yaml: [(file: "Knowledge/test.yaml", text: yaml)])
    }

    static func source(_ id: String, _ standing: String?, title: String = "T") -> String {
        var text =
            "  - id: \(id)\n    title: \(title)\n    publisher: P\n    url: https://example.org/\(id)\n"
        if let standing { text += "    standing: \(standing)\n" }
        return text
    }

    static func fact(
        _ id: String, level: Int = 1, source: String, grade: String = "weak",
        about: String = "definition", text: String = "The thing is a thing."
    ) -> String {
        "      - id: \(id)\n        about: \(about)\n        text: \(text)\n        source: \(source)\n        grade: \(grade)\n        level: \(level)\n"
    }

    @Test func aSourceWithoutStandingFails() throws {
        let graph = try Self.graph(
            sources: Self.source("s", nil), facts: Self.fact("f", source: "s"))
        let messages = EvidenceCheck(graph: graph).problems().map(\.message)
        #expect(
            messages.contains(
                "source s has no `standing` (one of study, official, reference, other)"))
    }

    @Test func anUnknownStandingDoesNotLoad() throws {
        #expect(throws: DiagnosticsError.self) {
            _ = try Self.graph(
                sources: Self.source("s", "blog"), facts: Self.fact("f", source: "s"))
        }
    }

    @Test func aLevelOneFactOnlyOnOtherSourcesFailsTwice() throws {
        let graph = try Self.graph(
            sources: Self.source("shop", "other"), facts: Self.fact("f", source: "shop"))
        let problems = EvidenceCheck(graph: graph).problems()
        #expect(
            problems.map(\.message) == [
                "fact f (level 1) cites no source of standing (a study, an official body or a professional reference)",
                "fact f (level 1) cites shop, a source of standing `other`: a short answer cites no shop, blog, calculator or AI summary",
            ])
        #expect(problems.allSatisfy { $0.file == "Knowledge/test.yaml" && $0.line > 0 })
    }

    @Test func aLevelOneFactCitingOtherBesideABetterSourceStillFails() throws {
        let sources = Self.source("shop", "other") + Self.source("ods", "official")
        let graph = try Self.graph(sources: sources, facts: Self.fact("f", source: "[ods, shop]"))
        let messages = EvidenceCheck(graph: graph).problems().map(\.message)
        #expect(
            messages == [
                "fact f (level 1) cites shop, a source of standing `other`: a short answer cites no shop, blog, calculator or AI summary"
            ])
    }

    @Test func aDeeperFactMayKeepAnOtherSourceBesideABetterOne() throws {
        let sources = Self.source("shop", "other") + Self.source("ods", "official")
        let facts =
            Self.fact("f", source: "ods") + Self.fact("deeper", level: 2, source: "[ods, shop]")
            + Self.fact("alone", level: 3, source: "shop")
        let check = EvidenceCheck(graph: try Self.graph(sources: sources, facts: facts))
        #expect(check.problems().isEmpty)
        #expect(
            check.warnings().map(\.message) == [
                "fact alone rests only on sources of standing `other`; cite a better source beside them"
            ])
    }

    @Test func everyStandingButOtherCountsForTheShortAnswer() throws {
        for standing in ["study", "official", "reference"] {
            let graph = try Self.graph(
                sources: Self.source("s", standing), facts: Self.fact("f", source: "s"))
            #expect(EvidenceCheck(graph: graph).problems().isEmpty, "standing \(standing)")
        }
    }

    @Test func aDesignedAnswersShortPartFollowsTheLevelOneRules() throws {
        let yaml = """
            areas:
              - id: a
                name: Area
            sources:
            \(Self.source("shop", "other"))\(Self.source("ods", "official"))
            topics:
              - id: t
                name: thing
                area: a
                kind: form
                facts:
            \(Self.fact("f", source: "ods"))
            answers:
              - id: what-is-it
                topic: t
                asks: definition
                questions: [what is the thing, what is a thing]
                says:
                  - text: The thing is a thing.
                    source: shop
                    grade: weak
                more:
                  - text: More about the thing.
                    source: shop
                    grade: weak
            """
        let check = EvidenceCheck(
            graph: try KnowledgeLoader.load(yaml: [(file: "Knowledge/test.yaml", text: yaml)]))
        #expect(
            check.problems().map(\.message) == [
                "answer what-is-it cites no source of standing (a study, an official body or a professional reference)",
                "answer what-is-it cites shop, a source of standing `other`: a short answer cites no shop, blog, calculator or AI summary",
            ])
        #expect(
            check.warnings().map(\.message) == [
                "answer what-is-it: a `more` item rests only on sources of standing `other`"
            ])
    }

    @Test func strongOnASingleStudyIsAboveItsSource() throws {
        let sources =
            Self.source("trial", "study")
            + Self.source("review", "study", title: "A systematic review of things")
            + Self.source("ods", "official")
        let facts =
            Self.fact("one-trial", source: "trial", grade: "strong", about: "evidence")
            + Self.fact("on-review", source: "review", grade: "strong", about: "evidence")
            + Self.fact("official", source: "ods", grade: "strong", about: "evidence")
            + Self.fact("moderate-one", source: "trial", grade: "moderate", about: "evidence")
            + Self.fact(
                "moderate-two", source: "[trial, review]", grade: "moderate", about: "evidence")
            + Self.fact("weak-one", source: "trial", grade: "weak", about: "evidence")
        let check = EvidenceCheck(graph: try Self.graph(sources: sources, facts: facts))
        #expect(
            check.warnings().map(\.message) == [
                "fact one-trial: graded strong on a single study",
                "fact moderate-one: graded moderate on a single study",
            ])
        #expect(
            check.summary() == [
                EvidenceCheck.AreaSummary(
                    areaID: "a", levelOneFacts: 6, levelOneOnStanding: 6, dosesWithoutBasis: 0,
                    gradesAboveSources: 2)
            ])
    }

    @Test func aStudysOwnDescriptionIsNotGraded() throws {
        let graph = try Self.graph(
            sources: Self.source("trial", "study"),
            facts: Self.fact("f", source: "trial", grade: "strong"), kind: "study")
        #expect(EvidenceCheck(graph: graph).warnings().isEmpty)
    }

    @Test(arguments: [
        ("took 300 mg a day of magnesium bisglycinate for 4 weeks", ["300 mg"]),
        ("5 daily infusions of 20 mmol (486 mg) magnesium sulphate", ["486 mg"]),
        ("took 300-366 mg a day", ["300-366 mg"]),
        ("a single 150mg dose", ["150mg"]),
        ("took 360 mg of magnesium a day, given as magnesium chloride", []),
        ("300 mg of elemental magnesium as bisglycinate", []),
        ("about 2,128 mg of the compound", []),
        ("very high zinc intake (142 mg a day) lowered magnesium absorption", []),
        ("above about 1.74 mmol/L (4.2 mg/dL)", []),
        ("each extra 100 mg a day of magnesium from diet", []),
        ("no amounts at all", []),
    ])
    func dosesSayTheirBasis(text: String, expected: [String]) {
        #expect(EvidenceCheck.amountsWithoutBasis(in: text) == expected)
    }

    @Test func doseFactsWithoutABasisAreCountedPerArea() throws {
        let facts =
            Self.fact(
                "f", source: "s", about: "dose",
                text: "'The trial used 300 mg a day of magnesium citrate.'")
            + Self.fact("needs", source: "s", about: "needs", text: "'Adults need 400 mg a day.'")
        let check = EvidenceCheck(
            graph: try Self.graph(sources: Self.source("s", "study"), facts: facts))
        #expect(
            check.warnings().map(\.message) == [
                "fact f: 300 mg does not say whether it is elemental magnesium or the compound's weight"
            ])
        #expect(check.summary().first?.dosesWithoutBasis == 1)
    }

    @Test func sourcesAreCountedByStanding() throws {
        let sources =
            Self.source("shop", "other") + Self.source("ods", "official")
            + Self.source("nih", "official")
        let check = EvidenceCheck(
            graph: try Self.graph(
                sources: sources,
                facts: Self.fact("f", source: "[ods, nih]")
                    + Self.fact("g", level: 2, source: "[ods, shop]")))
        let counts = check.sourcesByStanding()
        #expect(counts.map(\.standing) == ["study", "official", "reference", "other"])
        #expect(counts.map(\.sources) == [0, 2, 0, 1])
        #expect(counts.map(\.citations) == [0, 3, 0, 1])
    }

}
