import Foundation
import MagnesiumKit
import MagnesiumTestSupport
import Testing

@testable import MagnesiumKnowledge
@testable import MagnesiumText

/// The one folder walk the loader and the cache key share (review L3, L5, L6, L7, L10).
@Suite struct KnowledgeFolderTests {
    static let areas = "areas:\n  - id: a\n    name: Area\n"
    static let sources =
        "sources:\n  - id: s\n    title: T\n    publisher: P\n    year: 2020\n    url: https://example.org\n"
    static let topic = "topics:\n  - id: x\n    name: x\n    area: a\n    kind: concept\n"

    /// A small valid folder, plus whatever `prepare` adds.
    func folder(_ prepare: (URL) throws -> Void = { _ in }) throws -> URL {
        let folder = try temporaryKnowledge([
            "areas.yaml": Self.areas, "sources.yaml": Self.sources, "topics/x.yaml": Self.topic,
        ])
        try prepare(folder)
        return folder
    }

    func problems(_ folder: URL) -> [String] {
        do {
            _ = try KnowledgeLoader(directory: folder).load()
            return []
        } catch let error as DiagnosticsError {
            return error.diagnostics.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    @Test func aFIFOIsRefusedNotOpened() throws {
        let knowledge = try folder {
            #expect(mkfifo($0.appendingPathComponent("fifo.yaml").path, 0o644) == 0)
        }
        #expect(
            problems(knowledge) == [
                "Knowledge/fifo.yaml:0: cannot be read (a device, FIFO or socket, not a regular file)"
            ])
        #expect(CompiledKnowledgeCache.key(of: knowledge) == nil)
        // Read directly (as if it appeared after the walk): refused at once, never waited on.
        #expect(throws: FileIO.ReadError.self) {
            try FileIO.read(Array(knowledge.appendingPathComponent("fifo.yaml").path.utf8)).get()
        }
    }

    @Test func anEmacsLockFileIsSkipped() throws {
        let knowledge = try folder {
            try FileManager.default.createSymbolicLink(
                atPath: $0.appendingPathComponent("topics/.#x.yaml").path,
                withDestinationPath: "root@host.1234:1700000000")
        }
        #expect(problems(knowledge).isEmpty)
        #expect(CompiledKnowledgeCache.key(of: knowledge) != nil)
    }

    @Test func anotherDanglingLinkIsNamed() throws {
        let knowledge = try folder {
            try FileManager.default.createSymbolicLink(
                atPath: $0.appendingPathComponent("gone.yaml").path,
                withDestinationPath: "nowhere.yaml")
        }
        #expect(
            problems(knowledge) == [
                "Knowledge/gone.yaml:0: cannot be read (a symbolic link that leads nowhere: No such file or directory)"
            ])
    }

    @Test func aNameThatIsNotUTF8IsRead() throws {
        let knowledge = try folder { url in
            let path =
                Array(url.path.utf8) + Array("/more-\u{0}".utf8.dropLast()) + [0xFF, 0xFE]
                + Array(".yaml".utf8)
            let text = "topics:\n  - id: y\n    name: y\n    area: a\n    kind: concept\n"
            let descriptor = KnowledgeFolder.call(path) { open($0, O_WRONLY | O_CREAT, 0o644) }
            #expect(descriptor >= 0)
            _ = text.utf8CString.withUnsafeBufferPointer {
                write(descriptor, $0.baseAddress, $0.count - 1)
            }
            close(descriptor)
        }
        let graph = try KnowledgeLoader(directory: knowledge).load()
        #expect(graph.topic("y") != nil)
        #expect(CompiledKnowledgeCache.key(of: knowledge) != nil)
    }

    /// Links to folders are followed by neither walk: a loop or a fan-out of 2^20 paths costs
    /// nothing, and a file behind a link changes neither the graph nor the key.
    @Test func linksToFoldersAreNotFollowedByEitherWalk() throws {
        let knowledge = try folder { url in
            try FileManager.default.createSymbolicLink(
                atPath: url.appendingPathComponent("loop").path, withDestinationPath: ".")
            try FileManager.default.createSymbolicLink(
                atPath: url.appendingPathComponent("topics/up").path, withDestinationPath: "..")
            // x, y -> d1; each d_i/{x, y} -> d_{i+1}: 2^20 paths to the file at the bottom.
            let dag = url.deletingLastPathComponent().appendingPathComponent("dag")
            for level in 1...20 {
                let dir = dag.appendingPathComponent("d\(level)")
                try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
                if level < 20 {
                    for name in ["x", "y"] {
                        try FileManager.default.createSymbolicLink(
                            atPath: dir.appendingPathComponent(name).path,
                            withDestinationPath: "../d\(level + 1)")
                    }
                }
            }
            try "topics:\n  - {id: hidden, name: hidden, area: a, kind: concept}\n".write(
                to: dag.appendingPathComponent("d20/deep.yaml"), atomically: true, encoding: .utf8)
            for name in ["x", "y"] {
                try FileManager.default.createSymbolicLink(
                    atPath: url.appendingPathComponent(name).path,
                    withDestinationPath: dag.appendingPathComponent("d1").path)
            }
        }
        let clock = ContinuousClock()
        let started = clock.now
        let walk = KnowledgeFolder(root: knowledge.path)
        let key = CompiledKnowledgeCache.key(of: knowledge)
        let graph = try KnowledgeLoader(directory: knowledge).load()
        #expect(clock.now - started < .seconds(5))
        #expect(walk.files.map(\.shown) == ["areas.yaml", "sources.yaml", "topics/x.yaml"])
        #expect(walk.problems.isEmpty)
        #expect(graph.topic("hidden") == nil)
        // The file behind the links changes: neither walk sees it, so the key stays.
        try "# edited\n".write(
            to: knowledge.deletingLastPathComponent().appendingPathComponent("dag/d20/deep.yaml"),
            atomically: true, encoding: .utf8)
        #expect(CompiledKnowledgeCache.key(of: knowledge) == key)
    }

    @Test func wideFoldersAreCapped() throws {
        var walk = KnowledgeFolder(root: "/nonexistent-\(UUID().uuidString)")
        #expect(walk.files.isEmpty)
        #expect(walk.problems.first?.message.hasPrefix("folder cannot be read") == true)
        walk = KnowledgeFolder(root: try folder().path)
        #expect(walk.files.count == 3)
    }

    static let permissionsStopReading: Bool = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mg-perm-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        guard
            (try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true))
                != nil, chmod(dir.path, 0) == 0
        else { return false }
        defer { _ = chmod(dir.path, 0o755) }
        guard let handle = opendir(dir.path) else { return true }
        closedir(handle)
        return false
    }()

    @Test(
        .enabled(
            if: permissionsStopReading,
            "skipped: this user (root?) can read a chmod 000 folder; checked by hand as nobody"))
    func anUnreadableSubfolderIsNamed() throws {
        let knowledge = try folder()
        let topics = knowledge.appendingPathComponent("topics")
        #expect(chmod(topics.path, 0) == 0)
        defer { _ = chmod(topics.path, 0o755) }
        #expect(
            problems(knowledge).contains(
                "Knowledge/topics:0: folder cannot be read (Permission denied)"))
    }
}
