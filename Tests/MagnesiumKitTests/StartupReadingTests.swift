import Foundation
import MagnesiumTestSupport
import Testing

@testable import MagnesiumKit
@testable import MagnesiumKnowledge

/// The ways a start-up reads files without copying them into fresh memory (a mapped cache file,
/// YAML hashed piece by piece) must see exactly the bytes a plain read sees, and the hash that
/// checks them must still notice any changed word.
@Suite struct StartupReadingTests {
    static func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("mg-read-\(UUID().uuidString)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static let samples: [[UInt8]] = [
        [], [7], Array("a line\n".utf8), (0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 31) },
    ]

    @Test(arguments: [1, 7, 4096, 65_536])
    func piecesPutTogetherAreTheWholeFile(pieceSize: Int) throws {
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: pieceSize)
        defer { buffer.deallocate() }
        for sample in Self.samples {
            let path = try Self.temporaryFile(sample)
            defer { unlink(path) }
            var joined: [UInt8] = []
            var shortPieces = 0
            let result = FileIO.readPieces(Array(path.utf8), into: buffer) { piece in
                joined += piece
                if piece.count < pieceSize { shortPieces += 1 }
            }
            #expect((try? result.get()) != nil)
            #expect(joined == sample)
            #expect(shortPieces == 1, "only the last piece is short, and there is always one")
        }
    }

    @Test func aMappedFileHoldsWhatAReadGives() throws {
        for sample in Self.samples {
            let path = try Self.temporaryFile(sample)
            defer { unlink(path) }
            let mapped = FileIO.withMappedFile(Array(path.utf8)) { Array($0) }
            #expect((try? mapped.get()) == sample)
            #expect((try? FileIO.read(Array(path.utf8)).get()) == sample)
        }
    }

    @Test func whatCannotBeReadWholeIsNotMappedEither() throws {
        let folder = FileManager.default.temporaryDirectory.path
        let notRegular = FileIO.withMappedFile(Array(folder.utf8)) { _ in () }
        guard case .failure(.notRegular) = notRegular else {
            Issue.record("a folder was mapped: \(notRegular)")
            return
        }
        let path = try Self.temporaryFile(Array(repeating: 1, count: 100))
        defer { unlink(path) }
        guard
            case .failure(.tooLarge) = FileIO.withMappedFile(
                Array(path.utf8), atMost: 99, { _ in () })
        else {
            Issue.record("a file over the limit was mapped")
            return
        }
        let missing = FileIO.withMappedFile(Array((path + "-missing").utf8)) { _ in () }
        guard case .failure(.cannotOpen) = missing else {
            Issue.record("a missing file was mapped: \(missing)")
            return
        }
    }

    @Test func aChangedWordAnywhereInALongInputChangesTheHash() {
        let input = (0..<1_003).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 17) }
        let original = FastHash.hash(input)
        var seen: Set<UInt64> = [original]
        for word in 0..<(input.count / 8) {
            var changed = input
            changed[word * 8 + word % 8] ^= 0x5A
            seen.insert(FastHash.hash(changed))
        }
        var tailChanged = input
        tailChanged[input.count - 1] ^= 1
        seen.insert(FastHash.hash(tailChanged))
        #expect(seen.count == input.count / 8 + 2, "every change gives a hash of its own")
        #expect(FastHash.hash(input + [0]) != original, "the length counts")
    }

    @Test func theKeyIsTheSameForTheSameFolderAndChangesWithAByte() throws {
        let sandbox = try CompiledKnowledgeCacheTests.Sandbox()
        let key = try #require(CompiledKnowledgeCache.key(of: sandbox.knowledge))
        #expect(CompiledKnowledgeCache.key(of: sandbox.knowledge) == key)
        let areas = sandbox.knowledge.appendingPathComponent("areas.yaml")
        var bytes = try Data(contentsOf: areas)
        bytes[bytes.count / 2] ^= 0x20
        try bytes.write(to: areas)
        #expect(CompiledKnowledgeCache.key(of: sandbox.knowledge) != key)
    }
}

/// Start-up spreads its work over threads only when a core is idle to take it.
@Suite struct IdleCoreTests {
    @Test func aCoreIsIdleOnlyWhenFewerThreadsRunThanThereAreCores() {
        #expect(IdleCore.hasIdleCore(loadAverage: "0.52 0.58 0.59 1/118 32500\n", processors: 2))
        #expect(!IdleCore.hasIdleCore(loadAverage: "2.45 4.02 3.98 2/118 32500\n", processors: 2))
        #expect(!IdleCore.hasIdleCore(loadAverage: "2.45 4.02 3.98 5/118 32500\n", processors: 2))
        #expect(IdleCore.hasIdleCore(loadAverage: "2.45 4.02 3.98 5/118 32500\n", processors: 8))
    }

    @Test func anUnreadableLoadAverageKeepsTheThreads() {
        #expect(IdleCore.hasIdleCore(loadAverage: "", processors: 2))
        #expect(IdleCore.hasIdleCore(loadAverage: "0.52 0.58 0.59 many 32500", processors: 2))
    }

    @Test func workRunsAndGivesItsValueEitherWay() {
        let values = (0..<8).map { number in SecondThread { number * number } }
        #expect(values.map { $0.result() } == (0..<8).map { $0 * $0 })
    }
}
