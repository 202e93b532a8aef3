import Foundation
import FuzzSupport
import MagnesiumKit

/// The compiled-knowledge cache decoder: a damaged cache file must be rejected, never crash.
/// What decodes must survive a second trip: encoding it and decoding that gives the same encoding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let graph = try? CompiledGraph.decode(Fuzz.bytes(data, size)) else { return 0 }
    let canonical = CompiledGraph.encode(graph)
    let again = try? CompiledGraph.decode(canonical)
    Fuzz.require(again.map(CompiledGraph.encode) == canonical, "a decoded graph does not survive encoding and decoding again")
    return 0
}

/// libFuzzer's start-up hook. `FUZZ_SEED_FROM_YAML=FILE` writes the compiled form of a knowledge
/// YAML file to standard output instead of fuzzing: how Corpus/compiled-graph/ is made (see README.md).
@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutableRawPointer?) -> CInt {
    guard let path = ProcessInfo.processInfo.environment["FUZZ_SEED_FROM_YAML"] else { return 0 }
    do {
        let graph = try KnowledgeLoader.load(yaml: [(file: path, text: String(contentsOfFile: path, encoding: .utf8))])
        FileHandle.standardOutput.write(Data(CompiledGraph.encode(graph)))
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("\(error)\n".utf8))
        exit(1)
    }
}
