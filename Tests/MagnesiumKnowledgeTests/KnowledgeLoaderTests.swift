import Foundation
import MagnesiumTestSupport
import Testing

@testable import MagnesiumKnowledge
@testable import MagnesiumText

@Suite struct KnowledgeLoaderTests {
    static let areas = "areas:\n  - id: a\n    name: Area\n"
    static let sources =
        "sources:\n  - id: s\n    title: T\n    publisher: P\n    year: 2020\n    url: https://example.org\n"

    func problems(_ files: [String: String]) throws -> [String] {
        let folder = try temporaryKnowledge(files)
        do {
            _ = try KnowledgeLoader(directory: folder).load()
            return []
        } catch let error as DiagnosticsError {
            return error.diagnostics.map(\.description)
        }
    }

    @Test func malformedYAMLNamesFileAndLine() throws {
        let found = try problems([
            "areas.yaml": Self.areas, "broken.yaml": "topics:\n  - id: x\n    name: [oops\n",
        ])
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("Knowledge/broken.yaml:") == true)
        #expect(found.first?.contains("malformed YAML") == true)
    }

    @Test func relationToUnknownTopic() throws {
        let topic =
            "topics:\n  - id: x\n    name: x\n    area: a\n    kind: concept\n    relations:\n      - type: form-of\n        to: nowhere\n"
        let found = try problems([
            "areas.yaml": Self.areas, "sources.yaml": Self.sources, "t.yaml": topic,
        ])
        #expect(
            found == ["Knowledge/t.yaml:7: topic x: form-of relation to unknown topic `nowhere`"])
    }

    @Test func factWithoutSource() throws {
        let topic =
            "topics:\n  - id: x\n    name: x\n    area: a\n    kind: concept\n    facts:\n      - id: f\n        about: definition\n        text: X is a thing.\n        grade: strong\n"
        let found = try problems([
            "areas.yaml": Self.areas, "sources.yaml": Self.sources, "t.yaml": topic,
        ])
        #expect(found == ["Knowledge/t.yaml:7: fact f: has no `source`"])
    }

    @Test func duplicateIDs() throws {
        let topic =
            "topics:\n  - id: x\n    name: x\n    area: a\n    kind: concept\n  - id: x\n    name: y\n    area: a\n    kind: concept\n"
        let found = try problems(["areas.yaml": Self.areas, "t.yaml": topic])
        #expect(
            found == [
                "Knowledge/t.yaml:6: duplicate topic id `x` (first defined at Knowledge/t.yaml:2)"
            ])
    }

    @Test func unknownGradeAndSource() throws {
        let topic =
            "topics:\n  - id: x\n    name: x\n    area: a\n    kind: concept\n    facts:\n      - id: f\n        about: definition\n        text: X.\n        source: nope\n        grade: great\n"
        let found = try problems([
            "areas.yaml": Self.areas, "sources.yaml": Self.sources, "t.yaml": topic,
        ])
        #expect(
            found.contains { $0.hasPrefix("Knowledge/t.yaml:11: fact f: unknown grade `great`") })
        #expect(found.contains("Knowledge/t.yaml:7: fact f cites unknown source `nope`"))
    }

}
