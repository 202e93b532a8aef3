import FuzzSupport
import MagnesiumKit
import MagnesiumKnowledge
import MagnesiumTranscripts

/// The transcript parser, then what `replay` and `replay --update` do with a transcript that
/// parses: replay it against the real knowledge, diff it, and rewrite its replies; the rewritten
/// file must parse again, or `--update` would spoil the user's file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let transcript: Transcript
    do {
        transcript = try Transcript.parse(Fuzz.text(data, size), file: "fuzz.txt")
    } catch {
        Fuzz.require(!error.diagnostics.isEmpty, "a parse failure names no problem")
        for diagnostic in error.diagnostics {
            Fuzz.require(diagnostic.line >= 1, "problem without a line: \(diagnostic)")
            Fuzz.requireOneSafeLine(diagnostic.description)
        }
        return 0
    }
    _ = transcript.render()
    let replayer = TranscriptReplayer(knowledge: Fuzz.knowledge)
    _ = replayer.validate(transcript, file: "fuzz.txt")
    let result = replayer.replay(transcript, file: "fuzz.txt")
    _ = result.diff
    let updated = transcript.updatingReplies(result.actualReplies)
    do {
        let reparsed = try Transcript.parse(updated.text, file: "fuzz.txt")
        // Compared as the session reads them (trimmed): a stray "\r" at a line's end may go (F9).
        Fuzz.require(
            reparsed.turns.map(\.input.trimmed) == transcript.turns.map(\.input.trimmed),
            "update changed what the user typed")
    } catch {
        Fuzz.require(
            false,
            "replay --update would write a transcript that does not parse: \(error)\n--- updated ---\n\(updated.text)"
        )
    }
    return 0
}
