import FuzzSupport
import MagnesiumKit
import MagnesiumKnowledge
import MagnesiumTranscripts

/// The knowledge loader: the input is one YAML file of a knowledge folder. Errors are expected;
/// crashes are not. A graph that loads is then checked as `magnesium check` does, compiled to
/// the cache format and back, and asked a few questions, so content an author can write never
/// crashes the program.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let graph: Graph
    do {
        graph = try KnowledgeLoader.load(yaml: [
            (file: "Knowledge/fuzz.yaml", text: Fuzz.text(data, size))
        ])
    } catch {
        Fuzz.require(!error.diagnostics.isEmpty, "a load failure names no problem")
        for diagnostic in error.diagnostics { Fuzz.requireOneSafeLine(diagnostic.description) }
        return 0
    }
    let validator = GraphValidator(graph: graph)
    for diagnostic in validator.contentProblems() + validator.contentWarnings() {
        Fuzz.requireOneSafeLine(diagnostic.description)
    }
    let evidence = EvidenceCheck(graph: graph)
    for diagnostic in evidence.problems() + evidence.warnings() {
        Fuzz.requireOneSafeLine(diagnostic.description)
    }
    _ = evidence.summary()
    _ = evidence.sourcesByStanding()
    do {
        let bytes = CompiledGraph.encode(graph)
        Fuzz.require(
            CompiledGraph.encode(try CompiledGraph.decode(bytes)) == bytes,
            "compiled graph does not round-trip")
    } catch {
        Fuzz.require(false, "a loaded graph does not decode after encoding: \(error)")
    }
    let knowledge = Knowledge(graph: graph)
    _ = ContentVerifier(knowledge: knowledge).problems()
    var session = Session(knowledge: knowledge)
    var questions = [
        "what is it?", "how much should I take?", "I'm pregnant", "tell me more", ":topics",
        ":sources", ":why", "chest pain", "is it essential?",
    ]
    questions += graph.topics.prefix(3).map { "what is \($0.name)?" }
    questions += graph.intents.prefix(3).compactMap(\.examples.first)
    for question in questions { _ = session.respond(to: question) }
    return 0
}
