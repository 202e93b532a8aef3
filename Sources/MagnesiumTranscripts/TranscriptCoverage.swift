import MagnesiumKit
import MagnesiumKnowledge
import MagnesiumText

/// What replayed transcripts exercise, and the topics, intents and commands that
/// no transcript does: the gaps `magnesium replay --coverage` lists.
///
/// A topic counts as exercised when a reply names it among its topics or cites one
/// of its facts; an intent (other than the content intents designed answers now serve)
/// when a reply was given with it; a command when it was run
/// (the shell-only `:save` and `:history` are left out: a transcript cannot run them).
public struct TranscriptCoverage: Sendable {
    public struct Gap: Sendable, Equatable {
        public var id: String
        /// Where it is defined (`Knowledge/intents.yaml:149`), when known.
        public var location: String?
    }

    /// Dialogue outcomes a required behaviour depends on that `intents.yaml` does not list. The
    /// clarifying question is no longer one: designed answers answer the best reading instead.
    public static let dialogueIntents: [String] = []

    public var topics: (total: Int, untested: [Gap])
    public var intents: (total: Int, untested: [Gap])
    public var commands: (total: Int, untested: [Gap])

    public var isComplete: Bool {
        topics.untested.isEmpty && intents.untested.isEmpty && commands.untested.isEmpty
    }

    public init(graph: Graph, replies: [Reply]) {
        var topicIDs = Set<String>()
        var intentIDs = Set<String>()
        for reply in replies {
            topicIDs.formUnion(reply.topics)
            topicIDs.formUnion(reply.factIDs.compactMap { graph.fact($0)?.topicID })
            intentIDs.insert(reply.intent)
        }
        topics = (
            graph.topics.count,
            graph.topics.filter { !topicIDs.contains($0.id) }.map {
                Gap(id: $0.id, location: $0.location.description)
            }
        )
        // Questions about a subject are answered by designed answers, whose replies all carry the
        // intent `answer`: the content intents are no longer what a transcript exercises.
        let allIntents =
            graph.intents.filter { !graph.isContentIntent($0.id) }.map {
                ($0.id, Optional($0.location.description))
            }
            + (graph.answers.isEmpty ? [] : [(Session.DialogueIntent.answer, nil as String?)])
            + Self.dialogueIntents.map { ($0, nil as String?) }
        intents = (
            allIntents.count,
            allIntents.filter { !intentIDs.contains($0.0) }.map { Gap(id: $0.0, location: $0.1) }
        )
        // `:save` and `:history` need the interactive shell, so no transcript can run them.
        let replayable = Session.commands.filter { !$0.shellOnly }
        commands = (
            replayable.count,
            replayable.filter { !intentIDs.contains($0.name) }.map {
                Gap(id: $0.name, location: nil)
            }
        )
    }

    /// The report: one line per gap (`untested topic: ID (FILE:LINE)`), then a count per kind.
    public var report: [String] {
        var lines: [String] = []
        for (kind, gaps) in [
            ("topic", topics.untested), ("intent", intents.untested),
            ("command", commands.untested),
        ] {
            lines += gaps.map {
                "untested \(kind): \($0.id)" + ($0.location.map { " (\($0))" } ?? "")
            }
        }
        lines.append("topics: \(topics.total - topics.untested.count) of \(topics.total) exercised")
        lines.append(
            "intents: \(intents.total - intents.untested.count) of \(intents.total) exercised")
        lines.append(
            "commands: \(commands.total - commands.untested.count) of \(commands.total) exercised")
        return lines
    }
}
