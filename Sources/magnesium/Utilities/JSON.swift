import Foundation
import MagnesiumKit
import MagnesiumKnowledge
import MagnesiumText
import MagnesiumTranscripts
import MagnesiumUnderstanding

/// One-line JSON for `--json`: strings escaped by hand so the output is stable.
enum JSON {

    /// One reply as a single-line JSON object, fields in a fixed order.
    /// Written straight into one byte buffer: building each field as a string and joining them
    /// cost more than answering some questions.
    static func object(for reply: Reply, session: Session) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(reply.question.utf8.count + reply.text.utf8.count + 512)
        append(reply, session: session, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the object of ``object(for:session:)`` to `out`: batch mode writes it straight
    /// into its output buffer, without a String in between.
    static func append(_ reply: Reply, session: Session, to out: inout [UInt8]) {
        JSONText.appendLiteral(#"{"question":"#, to: &out)
        JSONText.appendQuoted(reply.question, to: &out)
        JSONText.appendLiteral(#","answer":"#, to: &out)
        JSONText.appendQuoted(reply.text, to: &out)
        JSONText.appendLiteral(#","intent":"#, to: &out)
        JSONText.appendQuoted(reply.intent, to: &out)
        JSONText.appendLiteral(#","topics":"#, to: &out)
        appendArray(reply.topics, to: &out)
        JSONText.appendLiteral(#","confidence":"#, to: &out)
        let confidence = min(1, max(0, reply.confidence))
        if !ThreeDecimals.append(confidence, to: &out) {
            out.append(contentsOf: String(format: "%.3f", confidence).utf8)
        }
        JSONText.appendLiteral(#","sources":["#, to: &out)
        session.appendJSONSourceList(reply.sourceIDs, to: &out)
        JSONText.appendLiteral(#"],"corrections":["#, to: &out)
        for (index, correction) in reply.corrections.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONText.appendLiteral(#"{"from":"#, to: &out)
            JSONText.appendQuoted(correction.from, to: &out)
            JSONText.appendLiteral(#","to":"#, to: &out)
            JSONText.appendQuoted(correction.to, to: &out)
            out.append(UInt8(ascii: "}"))
        }
        JSONText.appendLiteral(#"],"context":"#, to: &out)
        appendArray(reply.context, to: &out)
        out.append(UInt8(ascii: "}"))
    }

    private static func appendArray(_ items: [String], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (index, item) in items.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONText.appendQuoted(item, to: &out)
        }
        out.append(UInt8(ascii: "]"))
    }
}
