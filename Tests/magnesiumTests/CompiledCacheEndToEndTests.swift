import Foundation
import Testing

/// The compiled knowledge cache as a user meets it: the built binary, run twice, with the cache
/// folder fresh, damaged, stale or unwritable. The answers must never depend on the cache.
@Suite struct CompiledCacheEndToEndTests {
    /// A copy of the repository's knowledge and a private cache home, so tests can break both.
    struct Sandbox {
        let root: URL
        let knowledge: URL
        let cacheHome: URL
        var cacheFolder: URL { cacheHome.appendingPathComponent("magnesium") }

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent(
                "mg-cache-e2e-\(UUID().uuidString)")
            knowledge = root.appendingPathComponent("Knowledge")
            cacheHome = root.appendingPathComponent("cache")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                at: BuiltBinary.root.appendingPathComponent("Knowledge"), to: knowledge)
        }

        func cacheFiles() -> [URL] {
            let names =
                (try? FileManager.default.contentsOfDirectory(atPath: cacheFolder.path)) ?? []
            return names.filter { $0.hasSuffix(".bin") }.map {
                cacheFolder.appendingPathComponent($0)
            }
        }

        /// Runs `magnesium` with this sandbox's knowledge and cache home.
        func run(_ arguments: [String], input: String, cacheHome: URL? = nil) throws
            -> BuiltBinary.Run
        {
            try BuiltBinary.run(
                arguments, input: input,
                environment: [
                    "MAGNESIUM_KNOWLEDGE": knowledge.path,
                    "XDG_CACHE_HOME": (cacheHome ?? self.cacheHome).path,
                    "MAGNESIUM_CACHE": nil,
                ])
        }
    }

    static let questions =
        "what is magnesium bisglycinate?\nhow much should I take?\nand citrate?\n"

    @Test func theSecondRunReadsTheCacheAndAnswersTheSame() throws {
        let box = try Sandbox()
        let first = try box.run(["--json"], input: Self.questions)
        #expect(first.status == 0 && first.stderr.isEmpty)
        let files = box.cacheFiles()
        #expect(files.count == 1, "one cache file per knowledge folder")
        let written = try #require(files.first)
        let stamp =
            try FileManager.default.attributesOfItem(atPath: written.path)[.modificationDate]
            as? Date

        let second = try box.run(["--json"], input: Self.questions)
        #expect(second.status == 0 && second.stderr.isEmpty)
        #expect(second.stdout == first.stdout)
        #expect(
            try FileManager.default.attributesOfItem(atPath: written.path)[.modificationDate]
                as? Date == stamp, "a valid cache is read, not rewritten")
    }

    @Test func aDamagedCacheFileIsReplacedAndChangesNoAnswer() throws {
        let box = try Sandbox()
        let clean = try box.run(["--json"], input: Self.questions)
        let file = try #require(box.cacheFiles().first)
        let size = try Data(contentsOf: file).count
        for damage in [
            Data(), Data(repeating: 0x41, count: 100), try Data(contentsOf: file).prefix(size / 2),
        ] {
            try damage.write(to: file)
            let run = try box.run(["--json"], input: Self.questions)
            #expect(run.status == 0 && run.stderr.isEmpty)
            #expect(run.stdout == clean.stdout)
            #expect(try Data(contentsOf: file).count == size, "the damaged file is written anew")
        }
    }

    @Test func brokenYAMLIsReportedDespiteAValidCache() throws {
        let box = try Sandbox()
        _ = try box.run(["--json"], input: Self.questions)
        try "areas:\n  - id: [oops\n".write(
            to: box.knowledge.appendingPathComponent("areas.yaml"), atomically: true,
            encoding: .utf8)
        let run = try box.run(["--json"], input: Self.questions)
        #expect(run.status == 65)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("Knowledge/areas.yaml:"))
    }

    @Test func anUnwritableCacheHomeStillAnswers() throws {
        let box = try Sandbox()
        let expected = try box.run(["--json"], input: Self.questions)
        // A regular file where the cache home should be: the folder cannot be created, even by
        // root.
        let blocked = box.root.appendingPathComponent("not-a-folder")
        try Data("x".utf8).write(to: blocked)
        for _ in 0..<2 {
            let run = try box.run(["--json"], input: Self.questions, cacheHome: blocked)
            #expect(run.status == 0 && run.stderr.isEmpty)
            #expect(run.stdout == expected.stdout)
        }
    }
}
