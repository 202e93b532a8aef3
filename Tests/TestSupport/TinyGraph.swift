import MagnesiumKit
import MagnesiumKnowledge

/// A small graph built in code for engine tests, so that no content edit can break them:
/// one area, one source, the intents the engine answers by name, and a topic per name given,
/// each with three level-1 facts and a `definition`.
///
/// ```swift
/// let knowledge = try TinyGraph.knowledge(topics: ["glycine", "taurine", "zinc"])
/// var session = Session(knowledge: knowledge)
/// session.respond(to: "what is taurine?").text   // "Taurine is a test topic, fact 1 ..."
/// ```
public enum TinyGraph {
    /// The YAML files of the graph, by name.
    public static func files(topics: [String]) -> [(file: String, text: String)] {
        let areas = "areas:\n  - id: test-area\n    name: Test area\n"
        let sources = """
            sources:
              - id: test-source
                title: A test reference
                publisher: Test Publisher
                year: 2020
                url: https://example.org/reference
                standing: official

            """
        var topicText = "topics:\n"
        for id in topics {
            let name = id.replacingOccurrences(of: "-", with: " ")
            topicText += """
                  - id: \(id)
                    name: \(name)
                    area: test-area
                    kind: substance
                    facts:
                      - id: \(id)-what
                        about: definition
                        text: \(name.prefix(1).uppercased() + name.dropFirst()) is a test topic, fact 1 of three.
                        source: [test-source]
                        grade: strong
                      - id: \(id)-second
                        about: definition
                        level: 2
                        text: The second fact about \(name).
                        source: [test-source]
                        grade: moderate
                      - id: \(id)-dose
                        about: dose
                        text: The dose of \(name) is 10 mg of elemental \(name) a day.
                        source: [test-source]
                        grade: weak

                """
        }
        let intents = """
            intents:
              - id: definition
                label: what it is
                answers: [definition]
                examples: [what is it, tell me about it, explain it, what does it mean]
              - id: dose
                label: how much
                answers: [dose]
                examples: [how much should i take, what dose, how many mg a day]
              - id: more
                examples: [tell me more, more, go on, what else]
              - id: source
                examples: [where is that from, source, what are your sources]
              - id: out-of-scope
                examples: [what is the weather tomorrow, who won the football, best pizza recipe]

            """
        return [
            ("areas.yaml", areas), ("sources.yaml", sources), ("topics.yaml", topicText),
            ("intents.yaml", intents),
        ]
    }

    /// The graph, loaded and validated as the program loads `Knowledge/`.
    public static func graph(topics: [String]) throws -> Graph {
        try KnowledgeLoader.load(yaml: files(topics: topics))
    }

    /// Knowledge ready for sessions: the graph and the matcher built from it.
    public static func knowledge(topics: [String]) throws -> Knowledge {
        Knowledge(graph: try graph(topics: topics))
    }
}
