import Foundation
import FuzzSupport
import MagnesiumKit
import MagnesiumKnowledge
import MagnesiumTranscripts

/// The compiled-knowledge cache decoder: a damaged cache file must be rejected, never crash.
/// What decodes must survive a second trip: encoding it and decoding that gives the same encoding.
/// Knowledge that decodes (with the matcher's tables from the bytes, or built from the graph)
/// must answer questions without crashing: the decoder's checks are all that stands between
/// damaged tables and the matcher's unchecked reads.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Fuzz.bytes(data, size)
    guard let graph = try? CompiledGraph.decode(bytes) else { return 0 }
    let canonical = CompiledGraph.encode(graph)
    let again = try? CompiledGraph.decode(canonical)
    Fuzz.require(
        again.map(CompiledGraph.encode) == canonical,
        "a decoded graph does not survive encoding and decoding again")
    if let knowledge = try? CompiledKnowledge.decode(Array(bytes)) {
        var session = Session(knowledge: knowledge)
        for question in [
            "what is it and how much should I take?", "and for a child, is it safe with lasix",
            "more",
        ] {
            _ = session.respond(to: question)
        }
    }
    return 0
}

/// libFuzzer's start-up hook. `FUZZ_SEED_FROM_YAML=FILE` writes the compiled form of a knowledge
/// YAML file (graph and matcher tables) to standard output instead of fuzzing: how
/// Corpus/compiled-graph/ is made (see README.md).
@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutableRawPointer?)
    -> CInt
{
    guard let path = ProcessInfo.processInfo.environment["FUZZ_SEED_FROM_YAML"] else { return 0 }
    do {
        let graph = try KnowledgeLoader.load(yaml: [
            (file: path, text: String(contentsOfFile: path, encoding: .utf8))
        ])
        FileHandle.standardOutput.write(Data(CompiledKnowledge.encode(graph)))
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("\(error)\n".utf8))
        exit(1)
    }
}
