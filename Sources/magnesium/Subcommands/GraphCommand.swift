import ArgumentParser
import MagnesiumKit
import MagnesiumKnowledge
import MagnesiumText
import MagnesiumTranscripts
import MagnesiumUnderstanding

/// Shows the neighbourhood of a topic, as a tree or as Graphviz DOT.
struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract:
            "Show a topic's neighbourhood in the knowledge graph, as a tree or as Graphviz DOT.",
        discussion:
            "Without TOPIC: every area and its topics (text), or the whole graph (dot). Render DOT with `dot -Tsvg`. Control characters in the knowledge are shown escaped. Exit status: 0 shown; 64 usage error; 65 invalid knowledge; 66 the topic is unknown; 74 standard output could not be written (a reader that goes away is no error)."
    )

    @OptionGroup var options: KnowledgeOptions

    @Argument(help: "A topic id, name or alias (\"bisglycinate\", \"charley horse\").")
    var topic: [String] = []

    @Option(name: .long, help: "How many relation steps to follow.")
    var depth = 1

    @Option(name: .long, help: "text (an indented tree) or dot (Graphviz).")
    var format: Format = .text

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, dot }

    func validate() throws {
        guard (0...6).contains(depth) else {
            throw ValidationError("--depth must be between 0 and 6")
        }
    }

    func run() throws {
        let knowledge = try options.load()
        var root: String?
        if !topic.isEmpty {
            let asked = topic.joined(separator: " ")
            if knowledge.graph.topic(asked) != nil {
                root = asked
            } else if let mention = knowledge.understander.understand(asked).mentions.first {
                root = mention.topicID
            } else {
                Output.error(
                    "magnesium: unknown topic \"\(SafeText.escaped(asked))\"; `magnesium graph` lists them"
                )
                throw ExitCode(Status.notFound)
            }
        }
        let view = Neighbourhood(graph: knowledge.graph, root: root, depth: depth)
        Output.line(
            SafeText.escaped(format == .dot ? view.dot() : view.text(), keepingNewlines: true))
    }
}
