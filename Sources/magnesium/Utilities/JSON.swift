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
        out.append(contentsOf: #"{"question":"#.utf8)
        JSONText.appendQuoted(reply.question, to: &out)
        out.append(contentsOf: #","answer":"#.utf8)
        JSONText.appendQuoted(reply.text, to: &out)
        out.append(contentsOf: #","intent":"#.utf8)
        JSONText.appendQuoted(reply.intent, to: &out)
        out.append(contentsOf: #","topics":"#.utf8)
        appendArray(reply.topics, to: &out)
        out.append(contentsOf: #","confidence":"#.utf8)
        let confidence = min(1, max(0, reply.confidence))
        if !ThreeDecimals.append(confidence, to: &out) {
            out.append(contentsOf: String(format: "%.3f", confidence).utf8)
        }
        out.append(contentsOf: #","sources":["#.utf8)
        session.appendJSONSourceList(reply.sourceIDs, to: &out)
        out.append(contentsOf: #"],"corrections":["#.utf8)
        for (index, correction) in reply.corrections.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: #"{"from":"#.utf8)
            JSONText.appendQuoted(correction.from, to: &out)
            out.append(contentsOf: #","to":"#.utf8)
            JSONText.appendQuoted(correction.to, to: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(contentsOf: #"],"context":"#.utf8)
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
