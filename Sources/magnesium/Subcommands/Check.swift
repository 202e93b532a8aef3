import ArgumentParser
import MagnesiumKit
import MagnesiumKnowledge
import MagnesiumText
import MagnesiumTranscripts
import MagnesiumUnderstanding

/// Validates the knowledge graph and summarises it.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate the knowledge graph and print a summary.",
        discussion: """
            Checks the schema, references and sources (as loading does), then the content: aliases two topics share, \
            facts over 300 characters, topics without a short definition, every example phrasing routed to its own \
            intent and every alias to its own topic; and the evidence: every source has a standing (study, official, \
            reference or other), and every level-1 fact and short-answer sentence cites a study, an official body or a \
            professional reference and no `other` source. Prints FILE:LINE: message for every problem and exits 65 when \
            there is any; warnings (sources nothing cites, deeper facts only on `other` sources, doses that do not say \
            elemental or compound, grades above what their sources support) do not fail the check. The summary gives, \
            per area, the share of level-1 facts on sources of standing and the counts behind those warnings.

            Exit status: 0 no problems; 65 problems found (the status stands whatever happens to standard \
            output); 66 the knowledge folder is missing; 74 standard output could not be written (a full disk; \
            a reader that goes away is no error). Text from the knowledge is shown with control characters escaped.
            """)

    @OptionGroup var options: KnowledgeOptions

    func run() throws {
        // The status reports on the knowledge, whatever happens to standard output.
        Output.finishesAfterFailure.store(true, ordering: .relaxed)
        let knowledge = try options.load()
        let graph = knowledge.graph
        let validator = GraphValidator(graph: graph)
        let evidence = EvidenceCheck(graph: graph)
        let problems =
            (validator.contentProblems() + ContentVerifier(knowledge: knowledge).problems()
            + evidence.problems()).sorted()
        let warnings = (validator.contentWarnings() + evidence.warnings()).sorted()
        for problem in problems { Output.error(SafeText.escaped(problem.description)) }
        for warning in warnings {
            Output.error(
                SafeText.escaped("\(warning.file):\(warning.line): warning: \(warning.message)"))
        }
        Output.line(
            "topics: \(graph.topics.count), facts: \(graph.factCount), relations: \(graph.authoredRelationCount), sources: \(graph.sources.count), intents: \(graph.intents.count), phrasings: \(graph.intents.reduce(0) { $0 + $1.examples.count }), article claims: \(graph.claims.count)"
        )
        let byStanding = evidence.sourcesByStanding()
        Output.line(
            "sources by standing: "
                + byStanding.map { "\($0.standing) \($0.sources) (cited \($0.citations) times)" }
                .joined(separator: ", "))
        let evidenceByArea = Dictionary(
            uniqueKeysWithValues: evidence.summary().map { ($0.areaID, $0) })
        Output.line(
            "per area: topics, facts; level-1 facts on sources of standing; doses without a basis; grades above their sources"
        )
        for area in graph.areas {
            let topics = graph.topics.filter { $0.areaID == area.id }
            let facts = topics.reduce(0) { $0 + $1.facts.count }
            var line =
                "  \(area.name): \(topics.count) \(topics.count == 1 ? "topic" : "topics"), \(facts) facts"
            if let summary = evidenceByArea[area.id] {
                line +=
                    "; level 1 on standing \(summary.levelOneOnStanding)/\(summary.levelOneFacts) (\(summary.percentOnStanding) %)"
                line +=
                    "; \(summary.dosesWithoutBasis) without a basis; \(summary.gradesAboveSources) above their sources"
            }
            Output.line(SafeText.escaped(line))
        }
        Output.line(
            problems.isEmpty
                ? "ok: no problems, \(warnings.count) warnings"
                : "\(problems.count) problems, \(warnings.count) warnings")
        if !problems.isEmpty { throw ExitCode(Status.invalidData) }
    }
}
