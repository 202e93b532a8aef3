import Foundation
import FuzzSupport
import MagnesiumKit
import MagnesiumKnowledge
import MagnesiumTranscripts

/// The whole reply path: each line of the input is one turn of a single conversation
/// (normalising, spelling, matching, dialogue state, commands, composing, plain and JSON text).
/// Checks: confidence in 0...1, a non-empty reply citing known sources, nothing raw that acts on
/// a terminal in what batch mode prints, and JSON that gives the question back exactly.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var session = Session(knowledge: Fuzz.knowledge)
    for line in Fuzz.lines(Fuzz.text(data, size)) {
        let reply = session.respond(to: line)
        Fuzz.require(
            reply.confidence.isFinite && (0...1).contains(reply.confidence),
            "confidence \(reply.confidence) for \(line.debugDescription)")
        Fuzz.require(!reply.text.isEmpty, "empty reply to \(line.debugDescription)")
        for source in reply.sourceIDs {
            Fuzz.require(
                session.knowledge.graph.source(source) != nil,
                "reply cites unknown source \(source)")
        }
        Fuzz.requireSafe(
            PlainRenderer.text(for: reply, session: session),
            "the reply to \(line.debugDescription)")
        // --json quotes the question as typed: it must come back exactly, and stay safe to print.
        let quoted = JSONText.quoted(reply.question)
        let decoded =
            try? JSONSerialization.jsonObject(with: Data(quoted.utf8), options: .fragmentsAllowed)
            as? String
        Fuzz.require(
            decoded == reply.question,
            "JSON \(quoted.debugDescription) does not give back \(reply.question.debugDescription)")
        Fuzz.requireSafe(quoted, "the JSON question")
    }
    return 0
}
