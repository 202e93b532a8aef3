import MagnesiumKnowledge
import MagnesiumText

/// Checks the content against the matcher, as ChatScript's `:verify` does: every example
/// phrasing must reach its own intent and every alias its own topic.
public struct ContentVerifier {
    public let knowledge: Knowledge

    public init(knowledge: Knowledge) { self.knowledge = knowledge }

    public func problems() -> [Diagnostic] {
        let graph = knowledge.graph
        let understander = knowledge.understander
        var problems: [Diagnostic] = []
        var phrasingOwner: [String: String] = [:]
        for intent in graph.intents {
            for example in intent.examples {
                let key = Normalizer.words(example).joined(separator: " ")
                if let other = phrasingOwner[key], other != intent.id {
                    problems.append(
                        Diagnostic(
                            intent.location,
                            "phrasing \"\(example)\" of intent \(intent.id) is also a phrasing of \(other); the two intents compete for it"
                        ))
                    continue
                }
                phrasingOwner[key] = intent.id
                let best = understander.understand(example).best?.intent
                if best != intent.id {
                    problems.append(
                        Diagnostic(
                            intent.location,
                            "phrasing \"\(example)\" of intent \(intent.id) is matched to \(best ?? "nothing")"
                        ))
                }
            }
        }
        for topic in graph.topics {
            for alias in [topic.name] + topic.aliases {
                let found = understander.understand(alias).mentions
                if found.count != 1 || found.first?.topicID != topic.id {
                    let got =
                        found.isEmpty ? "no topic" : found.map(\.topicID).joined(separator: " + ")
                    problems.append(
                        Diagnostic(
                            topic.location,
                            "alias \"\(alias)\" of topic \(topic.id) is read as \(got)"))
                }
            }
        }
        return problems
    }
}
