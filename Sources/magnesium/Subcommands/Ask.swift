import ArgumentParser
import MagnesiumKit

/// One question, one answer.
struct Ask: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Answer one question and exit.")

    @OptionGroup var options: KnowledgeOptions

    @Flag(name: .long, help: "Print the answer as one JSON object.")
    var json = false

    @Argument(help: "The question, in quotes.")
    var question: [String]

    func run() throws {
        var session = Session(knowledge: try options.load())
        let reply = session.respond(to: question.joined(separator: " "))
        Output.line(json ? JSON.object(for: reply, session: session) : PlainRenderer.text(for: reply, session: session))
    }
}
