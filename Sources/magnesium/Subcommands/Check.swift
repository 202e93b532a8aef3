import ArgumentParser
import MagnesiumKit

/// Validates the knowledge graph and summarises it.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate the knowledge graph and print a summary.",
        discussion: """
            Checks the schema, references and sources (as loading does), then the content: aliases two topics share, \
            facts over 300 characters, topics without a short definition, every example phrasing routed to its own \
            intent and every alias to its own topic. Prints FILE:LINE: message for every problem and exits 65 when \
            there is any; warnings (sources nothing cites) do not fail the check.
            """)

    @OptionGroup var options: KnowledgeOptions

    func run() throws {
        let knowledge = try options.load()
        let graph = knowledge.graph
        let validator = GraphValidator(graph: graph)
        let problems = (validator.contentProblems() + ContentVerifier(knowledge: knowledge).problems()).sorted()
        let warnings = validator.contentWarnings().sorted()
        for problem in problems { Output.error(problem.description) }
        for warning in warnings { Output.error(warning.description.replacingOccurrences(of: ": source", with: ": warning: source")) }
        Output.line("topics: \(graph.topics.count), facts: \(graph.factCount), relations: \(graph.authoredRelationCount), sources: \(graph.sources.count), intents: \(graph.intents.count), phrasings: \(graph.intents.reduce(0) { $0 + $1.examples.count }), article claims: \(graph.claims.count)")
        for area in graph.areas {
            let topics = graph.topics.filter { $0.areaID == area.id }
            let facts = topics.reduce(0) { $0 + $1.facts.count }
            Output.line("  \(area.name): \(topics.count) \(topics.count == 1 ? "topic" : "topics"), \(facts) facts")
        }
        Output.line(problems.isEmpty ? "ok: no problems, \(warnings.count) warnings" : "\(problems.count) problems, \(warnings.count) warnings")
        if !problems.isEmpty { throw ExitCode(Status.invalidData) }
    }
}
