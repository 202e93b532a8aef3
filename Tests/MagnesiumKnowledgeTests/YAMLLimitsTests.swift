import Foundation
import Testing

@testable import MagnesiumKnowledge
@testable import MagnesiumText

/// A small YAML file must not stand for billions of values, and a broken folder must not print
/// millions of lines (review M4).
@Suite struct YAMLLimitsTests {
    /// topics × facts × sources through aliases: 5 KB standing for 400³ values.
    static func aliasBomb(_ n: Int) -> String {
        let s = Array(repeating: "*s", count: n).joined(separator: ",")
        let f = Array(repeating: "*f", count: n).joined(separator: ",")
        let t = Array(repeating: "*t", count: n).joined(separator: ",")
        return """
            x: &s {id: s, title: T}
            y: &f {id: f, text: x, source: [\(s)]}
            z: &t {id: t, name: t, facts: [\(f)]}
            topics: [\(t)]

            """
    }

    @Test func aliasesThatMultiplyAreRefusedQuickly() throws {
        let clock = ContinuousClock()
        var thrown: DiagnosticsError?
        let elapsed = clock.measure {
            do {
                _ = try KnowledgeLoader.load(yaml: [(file: "bomb.yaml", text: Self.aliasBomb(400))])
            } catch let error as DiagnosticsError { thrown = error } catch {}
        }
        let problems = try #require(thrown).diagnostics
        #expect(elapsed < .seconds(10))
        #expect(problems.count == 1)
        #expect(problems.first?.message.contains("YAML aliases") == true)
    }

    @Test func aliasesUsedModestlyStillLoad() throws {
        let yaml = """
            areas:
              - &area {id: a, name: Area}
            sources:
              - {id: s, title: T, publisher: P, year: 2020, url: "https://example.org"}
            topics:
              - {id: x, name: x, area: a, kind: concept}

            """
        _ = try KnowledgeLoader.load(yaml: [(file: "ok.yaml", text: yaml)])
    }

    @Test func problemsAreDeduplicatedAndCapped() {
        let many = (0..<500).map { Diagnostic(file: "f.yaml", line: $0, message: "bad") }
        let shown = KnowledgeLoader.shown(many + many)
        #expect(shown.count == KnowledgeLoader.mostProblemsShown + 1)
        #expect(shown.last?.message == "and 300 more problems not shown (the first 200 are listed)")
        #expect(KnowledgeLoader.shown([many[1], many[0], many[1]]) == [many[0], many[1]])
    }
}

/// `check` warns about control characters in knowledge text (review L2).
@Suite struct ControlCharacterWarningTests {
    @Test func escapesInAFactAreWarnedAbout() throws {
        let yaml = """
            areas:
              - {id: a, name: Area}
            sources:
              - {id: s, title: T, publisher: P, year: 2020, url: "https://example.org"}
            topics:
              - id: x
                name: "x\\u202E"
                area: a
                kind: concept
                facts:
                  - {id: f, about: definition, level: 1, text: "A \\e]0;T\\a\\e[2J", source: [s], grade: weak}

            """
        let graph = try KnowledgeLoader.load(yaml: [(file: "t.yaml", text: yaml)])
        let warnings = GraphValidator(graph: graph).contentWarnings().map(\.message)
        #expect(
            warnings.contains(
                "fact f text holds the control character \\e; remove it (it would reach the terminal as it is)"
            ))
        #expect(
            warnings.contains {
                $0.hasPrefix("topic x name or alias holds the control character \\u{202E}")
            })
    }
}
